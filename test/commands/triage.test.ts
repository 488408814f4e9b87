import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runTriage, type TriageOptions } from '../../src/commands/triage/index.js';
import { CancelledError, InputError, UsageError } from '../../src/errors.js';
import { loadDecisions } from '../../src/input/load-decisions.js';
import { askText, BACK, chooseOne, QUIT, SKIP, type Choice } from '../../src/prompts/index.js';
import { ROOT } from '../helpers/exec.js';

vi.mock('../../src/prompts/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/prompts/index.js')>()),
  chooseOne: vi.fn(),
  askText: vi.fn(),
}));

// Potential (default model): FR-1 and FR-2 both reach Enterprise and are unassessed, FR-1's deal is
// larger (100000 vs Beta 50000 + Acme 20000 = 70000); FR-3 is assessed (alignment 2, effort XS) and
// small, so the walk is FR-1, FR-2, FR-3.
// "SSO via Okta" ~ "SAML SSO for Okta users": {sso, okta} vs {saml, sso, okta, users} = 4/6 >= 0.5.
const CSV = `Request ID,Feature Request,Account Name,Amount,Segment,Strategic Alignment,Effort
FR-1,SSO via Okta,Acme,100000,Enterprise,,
FR-2,SAML SSO for Okta users,Beta,50000,SMB,,
FR-2,SAML SSO for Okta users,Acme,20000,Enterprise,,
FR-3,Dark mode,Gamma,1000,Startup,2,XS
`;

type Script = [prompt: string, answer: unknown][];
/** A scripted answer computed from the prompt's choices and the value it starts on. */
type Reply = (choices: readonly Choice<unknown>[] | object, start: unknown) => unknown;
/** The value of the choice whose label starts with `label`, as a PM would pick it. */
const pick =
  (label: string): Reply =>
  (choices) =>
    (choices as Choice<unknown>[]).find((c) => c.name.startsWith(label))!.value;
/** Enter: the value the prompt starts on. */
const enter: Reply = (_choices, start) => start;
const NOT_SAME = pick('no, it is');
/** Someone edits decisions.yaml by hand while the prompt is open; then the PM answers. */
const editThenAnswer = (from: string, to: string, reply: unknown) => () => {
  const path = join(dir, 'decisions.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  return reply;
};
let dir: string;
let asked: string[];
let out: string;

/** Feeds scripted answers in order, checking each prompt is the one expected. */
function answer(script: Script): void {
  const next = (message: string, choices?: readonly Choice<unknown>[] | object, start?: unknown) => {
    asked.push(message);
    const step = script.shift();
    if (!step) throw new Error(`unexpected prompt "${message}"`);
    expect(message).toContain(step[0]);
    if (step[1] instanceof Error) throw step[1];
    return Promise.resolve(typeof step[1] === 'function' ? (step[1] as Reply)(choices ?? [], start) : step[1]);
  };
  vi.mocked(chooseOne).mockImplementation(next);
  vi.mocked(askText).mockImplementation(next as typeof askText);
}

function triage(options: Partial<TriageOptions> = {}) {
  const options_: TriageOptions = { only: 'untriaged', isInteractive: true, decider: 'pat', today: '2026-11-28', ...options };
  const write = (text: string) => (out += text);
  return runTriage('requests.csv', options_, { cwd: dir, stdin: Readable.from([]), stdout: { write }, stderr: { write }, isColor: false });
}

const saved = async () => (await loadDecisions('decisions.yaml', dir)).decisions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-triage-'));
  writeFileSync(join(dir, 'requests.csv'), CSV);
  [asked, out] = [[], ''];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pm-rank triage', () => {
  it('walks a full session and saves every answer', async () => {
    answer([
      ['Same request as another?', SKIP],
      ['alignment', 5],
      ['effort', 'M'],
      ['Decision', 'accept'],
      ['Reason (optional)', SKIP],
      ['Target horizon', 'Now'],
      ['Same request as another?', { mergeInto: 'FR-1' }],
      ['alignment', SKIP],
      ['effort', SKIP],
      ['Decision', 'decline'],
      ['Reason for decline', 'Not this year'],
      ['Target horizon', SKIP],
    ]);
    expect(await triage()).toBe(0);
    expect(await saved()).toEqual({
      'FR-1': { decision: 'accept', horizon: 'Now', values: { alignment: 5, effort: 'M' }, date: '2026-11-28', decider: 'pat' },
      'FR-2': { mergeInto: 'FR-1', date: '2026-11-28', decider: 'pat' },
      'FR-3': { decision: 'decline', reason: 'Not this year', date: '2026-11-28', decider: 'pat' },
    });
    // 3 requests until the merge, 2 after it
    expect(out).toContain('now #1 of 3');
    expect(out).toMatch(/merged into FR-1; it scores [\d.]+, now #1 of 2/);
    // alignment, effort, accept, horizon; the merge; decline with its reason
    expect(out).toContain('6 answers saved to decisions.yaml');
  });

  it('stops at quit, keeps the answers so far, and resumes at the first unanswered question', async () => {
    answer([
      ['Same request as another?', NOT_SAME],
      ['alignment', 4],
      ['effort', QUIT],
    ]);
    expect(await triage()).toBe(0);
    expect(await saved()).toEqual({ 'FR-1': { distinctFrom: ['FR-2'], values: { alignment: 4 }, date: '2026-11-28', decider: 'pat' } });

    out = '';
    answer([
      ['effort', 'S'],
      ['Decision', 'defer'],
      ['Reason for defer', 'After the platform work'],
      ['Target horizon', QUIT],
    ]);
    expect(await triage()).toBe(0);
    expect(asked.filter((m) => m.startsWith('alignment'))).toHaveLength(1);
    // "Not the same" was saved, so neither FR-1 nor FR-2 is offered as the other's duplicate again.
    expect(asked.filter((m) => m.startsWith('Same request'))).toHaveLength(1);
    expect(out).not.toContain('maybe same as');
    expect(out).toContain('  answered   not the same as FR-2 · alignment 4\n');
    expect((await saved())['FR-1']).toEqual({
      decision: 'defer',
      reason: 'After the platform work',
      values: { alignment: 4, effort: 'S' },
      distinctFrom: ['FR-2'],
      date: '2026-11-28',
      decider: 'pat',
    });
  });

  it('keeps every earlier answer when the PM presses Ctrl-C', async () => {
    answer([
      ['Same request as another?', SKIP],
      ['alignment', 3],
      ['effort', new CancelledError('cancelled')],
    ]);
    await expect(triage()).rejects.toBeInstanceOf(CancelledError);
    expect((await saved())['FR-1']?.values).toEqual({ alignment: 3 });
    expect(out).toContain('1 answer saved to decisions.yaml');
  });

  it('does not save a decline until its reason is given, and says so', async () => {
    answer([
      ['Same request as another?', SKIP],
      ['alignment', SKIP],
      ['effort', SKIP],
      ['Decision', 'decline'],
      ['Reason for decline', SKIP],
      ['Decision', (_choices: unknown, start: unknown) => (expect(start).toBe('decline'), start)], // asked again where it was
      ['Reason for decline', QUIT],
    ]);
    await triage();
    expect(out).toContain('  not saved: a reason is required for decline; decide again, or skip\n');
    expect(out).toContain('  not saved: a reason is required for decline\n0 answers saved');
    expect(readFileSync(join(dir, 'requests.csv'), 'utf8')).toBe(CSV);
    await expect(saved()).rejects.toBeInstanceOf(InputError); // nothing was written
  });

  it('asks about the given ids only', async () => {
    answer([
      ['alignment', 1],
      ['effort', QUIT],
    ]);
    await triage({ only: ['fr-3'] });
    expect((await saved())['FR-3']?.values).toEqual({ alignment: 1 });
  });

  it('keeps a decision added by hand while triage runs', async () => {
    const editByHand = () => {
      appendFileSync(join(dir, 'decisions.yaml'), '\n  FR-3:\n    decision: accept\n');
      return 'S';
    };
    answer([
      ['Same request as another?', NOT_SAME],
      ['alignment', 4],
      ['effort', editByHand],
      ['Decision', QUIT],
    ]);
    await triage();
    expect(await saved()).toEqual({
      'FR-1': { distinctFrom: ['FR-2'], values: { alignment: 4, effort: 'S' }, date: '2026-11-28', decider: 'pat' },
      'FR-3': { decision: 'accept' },
    });
  });

  it('refuses to save over a file broken by hand while triage runs', async () => {
    const broken = 'decisions:\n  FR-1:\n    decision: decline\n';
    const breakByHand = () => {
      writeFileSync(join(dir, 'decisions.yaml'), broken);
      return 'S';
    };
    answer([
      ['Same request as another?', NOT_SAME],
      ['alignment', 4],
      ['effort', breakByHand],
    ]);
    await expect(triage()).rejects.toBeInstanceOf(InputError);
    expect(readFileSync(join(dir, 'decisions.yaml'), 'utf8')).toBe(broken);
  });

  it('refuses to run without a terminal', async () => {
    await expect(triage({ isInteractive: false })).rejects.toBeInstanceOf(UsageError);
    expect(asked).toEqual([]);
  });

  it('refuses to write over a decisions file with an error', async () => {
    const broken = 'decisions:\n  FR-1:\n    decision: decline\n';
    writeFileSync(join(dir, 'decisions.yaml'), broken);
    await expect(triage()).rejects.toThrow(/decisions\.yaml:3:15/);
    expect(readFileSync(join(dir, 'decisions.yaml'), 'utf8')).toBe(broken);
    expect(asked).toEqual([]);
  });

  it('passes over a request decided in the file since the walk began', async () => {
    const decideByHand = () => {
      appendFileSync(join(dir, 'decisions.yaml'), '  FR-2:\n    decision: accept\n    decider: sam\n');
      return SKIP;
    };
    answer([
      ['Same request as another?', NOT_SAME],
      ['alignment', SKIP],
      ['effort', SKIP],
      ['Decision', SKIP],
      ['Target horizon', decideByHand],
      ['alignment', QUIT], // FR-3's
    ]);
    await triage();
    expect(out).toContain('\nFR-2 was decided meanwhile by sam; passed over.\n');
    expect(out).not.toContain('] FR-2 SAML');
  });

  it(':back returns to the previous question, across requests too, and undoes its answer', async () => {
    answer([
      ['Same request as another?', BACK],
      ['Same request as another?', SKIP],
      ['alignment', 5],
      ['effort', BACK],
      ['alignment', 2],
      ['effort', 'S'],
      ['Decision', 'accept'],
      ['Reason (optional)', SKIP],
      ['Target horizon', 'Now'],
      ['Same request as another?', pick('merge into FR-1')],
      ['alignment', BACK], // FR-3's first question: back to FR-2, whose merge is undone
      ['Same request as another?', SKIP],
      ['alignment', QUIT],
    ]);
    await triage();
    expect(out).toContain('  nothing to go back to: this is the first question\n');
    expect(out).toContain('  undone · values.alignment back to (none)\n');
    expect(out).toContain('  undone · mergeInto back to (none)\n');
    expect(out.split('[2/3] FR-2')).toHaveLength(3); // its card shown again on the way back
    // FR-2's entry held only the merge: taken back, the entry goes.
    expect(await saved()).toEqual({
      'FR-1': { decision: 'accept', horizon: 'Now', values: { alignment: 2, effort: 'S' }, date: '2026-11-28', decider: 'pat' },
    });
    // alignment 5 and the merge were saved and undone; alignment 2, effort, accept and horizon stay.
    expect(out).toContain('4 answers saved');
  });

  it(':back does not take away a value someone set over the answer since', async () => {
    answer([
      ['Same request as another?', SKIP],
      ['alignment', 3],
      ['effort', editThenAnswer('alignment: 3', 'alignment: 5', 'S')], // saved with the hand edit's 5 beside it: the session has seen that 5
      ['Decision', BACK], // effort undone
      ['effort', BACK], // alignment 3 is no longer in the file: asked, not undone silently
      ['Keep which values.alignment for FR-1?', pick("5 (the file's)")],
      ['alignment', QUIT],
    ]);
    await triage();
    expect(out).toContain('  undone · values.effort back to (none)\n');
    expect(out).toContain('decisions.yaml changed meanwhile: FR-1 values.alignment is now 5 there, yours is (none)\n');
    expect((await saved())['FR-1']?.values).toEqual({ alignment: 5 });
  });

  it.each([
    // Default model: alignment 1..5 with missing 0.5 -> 1 + 0.5 * 4 = 3; effort missing 0.5 -> M (0.5).
    ['the missing value', '', 3, 'M'],
    // missing 0.75 -> 1 + 0.75 * 4 = 4; effort L scores 0.25, the nearest to 0.3.
    ['the missing value of the config', 'missing: 0.75', 4, 'L', 'missing: 0.3'],
    // No missing: the middle of 1..5 and of XS, S, M, L, XL.
    ['the middle choice without a missing value', '#', 3, 'M', '#'],
  ])(
    'starts a question on %s when nothing is set, never on the lowest',
    async (_name, alignmentMissing, alignment, effort, effortMissing = '') => {
      if (alignmentMissing) {
        writeFileSync(
          join(dir, 'scoring.yaml'),
          `version: 1
criteria:
  alignment: { weight: 1, field: alignment, scale: linear, min: 1, max: 5, ${alignmentMissing.replace('#', '')} }
  effort: { weight: 1, field: effort, map: { XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0 }, ${effortMissing.replace('#', '')} }
`,
        );
      }
      answer([
        ['Same request as another?', SKIP],
        ['alignment', enter],
        ['effort', enter],
        ['Decision', QUIT],
      ]);
      await triage();
      expect((await saved())['FR-1']?.values).toEqual({ alignment, effort });
    },
  );

  it("starts on the export's value when there is one", async () => {
    answer([
      ['alignment', enter],
      ['effort', enter],
      ['Decision', QUIT],
    ]);
    await triage({ only: ['FR-3'] });
    expect((await saved())['FR-3']?.values).toEqual({ alignment: 2, effort: 'XS' });
  });

  it('keeps a hand edit of another field of the same request', async () => {
    // The case: alignment changed from 2 to 5 in the file while the PM answered effort.
    answer([
      ['Same request as another?', SKIP],
      ['alignment', 2],
      ['effort', editThenAnswer('alignment: 2', 'alignment: 5', 'S')],
      ['Decision', QUIT],
    ]);
    await triage();
    expect((await saved())['FR-1']?.values).toEqual({ alignment: 5, effort: 'S' });
  });

  it.each([
    ["the file's", 5],
    ['yours', 3],
  ])('shows both values when the answered field was changed meanwhile, and keeps %s', async (choice, kept) => {
    const editByHand = () => {
      writeFileSync(join(dir, 'decisions.yaml'), 'version: 1\ndecisions:\n  FR-1:\n    values:\n      alignment: 5\n');
      return 3;
    };
    answer([
      ['Same request as another?', SKIP],
      ['alignment', editByHand],
      ['Keep which values.alignment for FR-1?', pick(`${kept} (${choice})`)],
      ['effort', QUIT],
    ]);
    await triage();
    expect(out).toContain('decisions.yaml changed meanwhile: FR-1 values.alignment is now 5 there, yours is 3\n');
    expect((await saved())['FR-1']?.values).toEqual({ alignment: kept });
  });
});

describe('two triage sessions on one file', () => {
  const session = new AsyncLocalStorage<string>();
  type Turn = [who: string, prompt: string, answer: unknown];

  /**
   * Runs the sessions concurrently and answers their prompts in the order of the
   * turns: a session waits at its prompt until its turn comes, as two PMs do, and
   * a turn comes once every session has settled at a prompt or ended.
   */
  async function interleave(turns: Turn[], deciders: Record<string, string>): Promise<void> {
    const waiting = new Map<string, { message: string; choices: unknown; start: unknown; resolve: (v: unknown) => void }>();
    const busy = new Set(Object.keys(deciders));
    const serve = () => {
      const turn = turns[0];
      const prompt = turn && waiting.get(turn[0]);
      if (busy.size > 0 || !turn || !prompt) return;
      turns.shift();
      waiting.delete(turn[0]);
      busy.add(turn[0]);
      asked.push(`${turn[0]}: ${prompt.message}`);
      expect(prompt.message).toContain(turn[1]);
      prompt.resolve(typeof turn[2] === 'function' ? (turn[2] as Reply)(prompt.choices as object, prompt.start) : turn[2]);
    };
    const idle = (who: string) => {
      busy.delete(who);
      serve();
    };
    const ask = (message: string, choices?: unknown, start?: unknown) =>
      new Promise((resolve) => {
        const who = session.getStore()!;
        waiting.set(who, { message, choices, start, resolve });
        idle(who);
      });
    vi.mocked(chooseOne).mockImplementation(ask);
    vi.mocked(askText).mockImplementation(ask as typeof askText);
    const run = (who: string, decider: string) => session.run(who, () => triage({ decider }).finally(() => idle(who)));
    await Promise.all(Object.entries(deciders).map(([who, decider]) => run(who, decider)));
    expect(turns).toEqual([]);
  }

  it('keeps the answers of both, asks about a field both answered, and passes over what the other decided', async () => {
    await interleave(
      [
        ['A', 'Same request as another?', NOT_SAME],
        ['B', 'Same request as another?', NOT_SAME], // both say FR-1 is not FR-2: the same set, no conflict
        ['B', 'alignment', SKIP],
        ['A', 'alignment', 4], // B is at effort now: the case
        ['B', 'effort', 'L'],
        ['A', 'effort', 'S'], // B saved L since A read the file: A is asked
        ['A', 'Keep which values.effort for FR-1?', pick('S (yours)')],
        ['B', 'Decision', SKIP],
        ['B', 'Target horizon', SKIP],
        ['A', 'Decision', 'accept'],
        ['A', 'Reason (optional)', SKIP],
        ['A', 'Target horizon', 'Next'],
        // B goes to FR-2 and A to FR-2 as well; A decides it fully first.
        ['A', 'alignment', 1],
        ['A', 'effort', 'XL'],
        ['A', 'Decision', 'decline'],
        ['A', 'Reason for decline', 'Not for SMB'],
        ['A', 'Target horizon', 'Later'],
        ['B', 'alignment', 5], // B's prompt on FR-2 was open: its answer conflicts with A's 1
        ['B', 'Keep which values.alignment for FR-2?', pick('1 (the file')],
        // FR-2 is decided, so B asks nothing more about it; both reach FR-3.
        ['A', 'alignment', QUIT],
        ['B', 'alignment', QUIT],
      ],
      { A: 'ann', B: 'bob' },
    );
    // Whichever starts second is told about the other.
    expect(out).toMatch(/^(ann|bob) is also triaging decisions.yaml \(pid \d+ on .+, since 20\d\d-.+\); go on/m);
    expect(out).toContain('changed by bob meanwhile: FR-1 values.effort is now L there, yours is S');
    expect(await saved()).toEqual({
      'FR-1': {
        decision: 'accept',
        horizon: 'Next',
        values: { alignment: 4, effort: 'S' },
        distinctFrom: ['FR-2'],
        date: '2026-11-28',
        decider: 'ann',
      },
      'FR-2': {
        decision: 'decline',
        reason: 'Not for SMB',
        horizon: 'Later',
        values: { alignment: 1, effort: 'XL' },
        date: '2026-11-28',
        decider: 'ann',
      },
    });
  });

  it('replaces a stale lock, removes the temp files its session left, and releases its own lock', async () => {
    // A pid above Linux's largest (2^22) runs nowhere: the lock is stale.
    const stale = { decider: 'sam', pid: 4194305, host: hostname(), started: '2026-11-29T09:00:00.000Z' };
    writeFileSync(join(dir, 'decisions.yaml.lock'), JSON.stringify(stale));
    writeFileSync(join(dir, '.decisions.yaml.0a1b2c3d.tmp'), 'half a file');
    writeFileSync(join(dir, '.decisions.yaml.save-lock.0a1b2c3d.tmp'), 'a save lock on its way in');
    writeFileSync(join(dir, '.decisions.yaml.notmine.tmp'), 'not a temp pm-rank writes');
    const seen: string[] = [];
    answer([['Same request as another?', () => (seen.push(readFileSync(join(dir, 'decisions.yaml.lock'), 'utf8')), QUIT)]]);
    await triage();
    expect(out).not.toContain('also triaging');
    expect(JSON.parse(seen[0]!)).toMatchObject({ decider: 'pat', pid: process.pid, host: hostname() });
    expect(readdirSync(dir).sort()).toEqual(['.decisions.yaml.notmine.tmp', 'requests.csv']);
  });

  it('leaves the lock and the temp files of a live session alone', async () => {
    const live = { decider: 'sam', pid: process.pid, host: hostname(), started: '2026-11-30T09:00:00.000Z' };
    writeFileSync(join(dir, 'decisions.yaml.lock'), JSON.stringify(live));
    writeFileSync(join(dir, '.decisions.yaml.0a1b2c3d.tmp'), 'being written');
    answer([['Same request as another?', QUIT]]);
    await triage();
    expect(out).toContain(`sam is also triaging decisions.yaml (pid ${process.pid} on ${hostname()}, since 2026-11-30T09:00:00.000Z)`);
    expect(readdirSync(dir).sort()).toEqual(['.decisions.yaml.0a1b2c3d.tmp', 'decisions.yaml.lock', 'requests.csv']);
  });
});

describe('pm-rank triage on a framework model', () => {
  it('asks for each RICE input on its own scale, and a missing effort makes the request scorable', async () => {
    writeFileSync(
      join(dir, 'requests.csv'),
      'Idea,Reach per quarter,Impact,Confidence,Effort (person-months)\nProject 1,450,Massive,100%,2\nProject 2,2000,1,80%,\n',
    );
    answer([
      // Project 1 first: 450 x 3 x 100% / 2 = 675; Project 2 cannot be scored (no effort), so it ranks last.
      ['Same request as another?', NOT_SAME],
      ['reach', SKIP],
      ['impact', enter], // starts on massive (3), the value the export gives
      ['confidence', enter], // 100%
      ['effort', SKIP],
      ['Decision', 'accept'],
      ['Reason (optional)', SKIP],
      ['reach', SKIP],
      ['impact', enter], // 1 (medium)
      ['confidence', enter], // 80%
      ['effort', 4], // 2000 x 1 x 80% / 4 = 400, below 675
      ['Decision', 'defer'],
      ['Reason for defer', 'Next quarter'],
    ]);
    expect(await triage({ config: join(ROOT, 'presets/rice.yaml') })).toBe(0);
    expect(out).toContain('  score      RICE — · #2 of 2');
    expect(out).toContain('  formula    cannot be scored: effort missing');
    expect(out).toContain('scores 400, now #2 of 2');
    const decisions = await saved();
    expect(decisions['Project 1']?.values).toEqual({ impact: 3, confidence: 1 });
    expect(decisions['Project 2']?.values).toEqual({ impact: 1, confidence: 0.8, effort: 4 });
  });

  it('offers a value off the scale as it is, so Enter keeps it', async () => {
    // ICE 7.5 is not one of 1-10: Enter must not turn it into the middle of the scale.
    writeFileSync(join(dir, 'requests.csv'), 'Idea,Impact,Confidence,Ease\nReferral program,7.5,7,5\n');
    answer([['confidence', QUIT]]);
    vi.mocked(chooseOne).mockImplementationOnce((message, choices, start) => {
      asked.push(message);
      expect(choices[0]).toEqual({ name: '7.5 (as now)', value: 7.5 });
      return Promise.resolve(start);
    });
    expect(await triage({ config: join(ROOT, 'presets/ice.yaml') })).toBe(0);
    expect((await saved())['Referral program']?.values).toEqual({ impact: 7.5 });
  });
});
