import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runBuiltCli } from '../helpers/exec.js';
import { KEYS, startPty, type PtySession } from '../helpers/pty.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-triage-e2e-'));
  copyFileSync(join(FIXTURES, 'requests.csv'), join(dir, 'requests.csv'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const decisionsText = () => readFileSync(join(dir, 'decisions.yaml'), 'utf8');

describe('pm-rank triage in a terminal', () => {
  it('exits 2 with a sentence, not a hang, without a terminal', () => {
    const result = runBuiltCli(['triage', 'requests.csv'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs an interactive terminal .*score --decisions/);
  });

  it('exits 2 in CI even in a terminal', async () => {
    const pty = startPty(['triage', 'requests.csv'], dir, { CI: 'true' });
    expect(await pty.exit).toBe(2);
    expect(pty.screen()).toContain('needs an interactive terminal');
  });

  // FR-109 (SCIM) is first: nothing about it is missing and it scores highest (90.7, expected.md).
  // Enter takes the default, the export's own value: alignment 5, effort S.
  async function answerTwo(pty: PtySession): Promise<void> {
    await pty.waitFor('[1/15] FR-109 SCIM user provisioning');
    await pty.waitFor('alignment: Fit with product strategy');
    pty.type(KEYS.enter);
    await pty.waitFor('saved', 1);
    await pty.waitFor('effort: Engineering effort');
    pty.type(KEYS.enter);
    await pty.waitFor('saved', 2);
    await pty.waitFor('Decision');
  }

  it.each([
    ['Ctrl-C typed', 130, (pty: PtySession) => Promise.resolve(pty.type(KEYS.ctrlC))],
    ['SIGINT', 130, async (pty: PtySession) => process.kill(await pty.pid, 'SIGINT')],
    ['SIGHUP (terminal closed)', 129, async (pty: PtySession) => process.kill(await pty.pid, 'SIGHUP')],
  ])('keeps every answer through %s and resumes where it stopped', async (_how, code, interrupt) => {
    const first = startPty(['triage', 'requests.csv'], dir);
    await answerTwo(first);
    await interrupt(first);
    expect(await first.exit).toBe(code);
    expect(decisionsText()).toContain('  FR-109:\n    values:\n      alignment: 5\n      effort: S\n    date: ');

    const second = startPty(['triage', 'requests.csv'], dir);
    await second.waitFor('[1/15] FR-109');
    await second.waitFor('Decision');
    expect(second.screen()).not.toContain('alignment: Fit');
    second.type(KEYS.enter); // accept, the first choice
    await second.waitFor('saved');
    await second.waitFor('Reason (optional)');
    second.type(':quit\r');
    expect(await second.exit).toBe(0);
    expect(second.screen()).toContain('1 answer saved to decisions.yaml');
    expect(decisionsText()).toContain('  FR-109:\n    decision: accept\n    values:\n      alignment: 5\n      effort: S\n');
  });

  it('refuses a hand-edited file with an error before asking anything', async () => {
    writeFileSync(join(dir, 'decisions.yaml'), 'decisions:\n  FR-101:\n    decision: defer\n');
    const pty = startPty(['triage', 'requests.csv'], dir);
    expect(await pty.exit).toBe(2);
    expect(pty.screen()).toContain('decisions.yaml:3:15 decisions.FR-101.decision');
    expect(decisionsText()).toBe('decisions:\n  FR-101:\n    decision: defer\n');
  });

  describe('on a file with a likely duplicate', () => {
    // FR-1 walks first (the largest deal); "SSO via Okta" ~ "SAML SSO for Okta users" (4/6 similar) is offered as a merge.
    const CSV = `Request ID,Feature Request,Account Name,Amount,Segment
FR-1,SSO via Okta,Acme,100000,Enterprise
FR-2,SAML SSO for Okta users,Beta,50000,SMB
FR-3,Dark mode,Gamma,1000,Startup
`;
    beforeEach(() => writeFileSync(join(dir, 'requests.csv'), CSV));
    const triage = (decider: string) => startPty(['triage', 'requests.csv'], dir, { PM_RANK_DECIDER: decider });

    it('keeps the answers of two sessions interleaved on one file', async () => {
      const ann = triage('ann');
      await ann.waitFor('Same request as another?');
      const bob = triage('bob');
      await bob.waitFor('ann is also triaging decisions.yaml');
      await bob.waitFor('Same request as another?');
      ann.type(KEYS.enter); // "no, it is a request of its own"
      await ann.waitFor('alignment: Fit');
      bob.type(KEYS.enter); // the same answer: no conflict
      await bob.waitFor('alignment: Fit');
      ann.type(KEYS.enter); // alignment 3, where the prompt starts (missing 0.5 of 1..5)
      await ann.waitFor('effort: Engineering');
      bob.type(KEYS.down + KEYS.enter); // 4, though ann saved 3 meanwhile
      await bob.waitFor('ann meanwhile: FR-1 values.alignment is now 3 there, yours is 4');
      bob.type(KEYS.enter); // keep the file's 3
      await bob.waitFor("not saved · the file's value kept");
      await bob.waitFor('effort: Engineering');
      bob.type(KEYS.enter); // M
      await bob.waitFor('Decision');
      ann.type(KEYS.ctrlC);
      expect(await ann.exit).toBe(130);
      bob.type(KEYS.enter); // accept
      await bob.waitFor('Reason (optional)');
      bob.type(':quit\r');
      expect(await bob.exit).toBe(0);
      expect(decisionsText()).toContain(
        '  FR-1:\n    decision: accept\n    values:\n      alignment: 3\n      effort: M\n    distinct_from:\n      - FR-2\n    date: ',
      );
      expect(existsSync(join(dir, 'decisions.yaml.lock'))).toBe(false);
    });

    it(':back undoes the last answer, and "not the same" holds after a restart', async () => {
      const first = triage('pat');
      await first.waitFor('Same request as another?');
      first.type(KEYS.enter); // no
      await first.waitFor('alignment: Fit');
      first.type(KEYS.enter); // 3
      await first.waitFor('effort: Engineering');
      first.type(KEYS.down.repeat(4) + KEYS.enter); // from M past L, XL and skip to back
      const undone = 'undone · values.alignment back to (none)';
      await first.waitFor('alignment: Fit', 1, undone);
      first.type(KEYS.down + KEYS.enter); // 4
      await first.waitFor('saved', 1, undone);
      await first.waitFor('effort: Engineering', 1, undone);
      first.type(KEYS.ctrlC);
      expect(await first.exit).toBe(130);
      expect(decisionsText()).toContain('  FR-1:\n    values:\n      alignment: 4\n    distinct_from:\n      - FR-2\n');

      const second = triage('pat');
      await second.waitFor('effort: Engineering');
      expect(second.screen()).toContain('  answered   not the same as FR-2 · alignment 4\n');
      expect(second.screen()).not.toContain('Same request as another?');
      expect(second.screen()).not.toContain('maybe same as');
      second.type(KEYS.ctrlC);
      expect(await second.exit).toBe(130);
    });
  });
});
