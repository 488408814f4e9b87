import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/exec.js';
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
    const result = runCli(['triage', 'requests.csv'], { cwd: dir });
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
});
