import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/commands/check.js';
import type { CommandContext } from '../../src/context.js';
import { runDiff } from '../../src/commands/diff.js';
import { runDigest } from '../../src/commands/digest.js';
import { runEscalations } from '../../src/commands/escalations.js';
import { runReport } from '../../src/commands/report.js';
import { runScore } from '../../src/commands/score.js';
import { runSensitivity } from '../../src/commands/sensitivity.js';
import { runWinLoss } from '../../src/commands/winloss.js';

// What a terminal obeys: C0 but tab and newline, DEL, C1 (U+009B is a one-character CSI), and the bidi overrides.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINK = '\u001b]8;;http://evil\u0007click\u001b]8;;\u0007';
const CLEAR = '\u001b[2J';
const CSI = '\u009b31m';

// Every text the export supplies carries an escape: title, account, segment, effort, loss reason, citation.
const HEADER = 'Request ID,Feature Request,Account Name,Amount,Segment,Effort\n';
const PREVIOUS = `${HEADER}FR-1,Quiet one,Acme,1000,SMB,M\n`;
const CURRENT = `${PREVIOUS}FR-2,"SSO ${LINK}","Evil ${CLEAR} Corp",300000,"Enterprise${CSI}","XS\u007f"\nFR-3,"Audit \u202elog",Beta,250000,Enterprise,S\n`;
const DEALS = `Opportunity Name,Account Name,Stage,Amount,Loss Reason,Requests Cited\nBig,"Evil ${CLEAR} Corp",Closed Lost,50000,"price ${LINK}","FR-2; FR-9${CSI}"\n`;
const HEAVY =
  'version: 1\ncriteria:\n  money: {weight: 1, field: deal_value, scale: log, max: 1000000}\n  "x\\e[2J": {weight: 1, field: effort, map: {S: 1}}\n';
// An unknown key spelled with an escape: check quotes it in its message.
const UNKNOWN_KEY = `${HEAVY}"\\e]8;;http://evil\\a": 1\n`;

let dir: string;
let out: string;
const context = (): CommandContext => {
  const write = (text: string) => (out += text);
  return { cwd: dir, stdin: Readable.from([]), stdout: { write }, stderr: { write }, isColor: false };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-escapes-'));
  writeFileSync(join(dir, 'previous.csv'), PREVIOUS);
  writeFileSync(join(dir, 'current.csv'), CURRENT);
  writeFileSync(join(dir, 'deals.csv'), DEALS);
  writeFileSync(join(dir, 'heavy.yaml'), HEAVY);
  writeFileSync(join(dir, 'unknown-key.yaml'), UNKNOWN_KEY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = { config: undefined } as const;
const runs: [string, () => Promise<unknown>][] = [
  ['score --format table', () => runScore('current.csv', { format: 'table', isStrict: false }, context())],
  ['score --format json', () => runScore('current.csv', { format: 'json', isStrict: false }, context())],
  ['report --audience pm', () => runReport('current.csv', { audience: 'pm', top: 10, date: '2026-11-30' }, context())],
  ['report --audience sales', () => runReport('current.csv', { audience: 'sales', top: 10, date: '2026-11-30' }, context())],
  ['sensitivity', () => runSensitivity('current.csv', { format: 'table', top: 1, samples: 20 }, context())],
  ['sensitivity --format json', () => runSensitivity('current.csv', { format: 'json', top: 1, samples: 20 }, context())],
  ['escalations', () => runEscalations('current.csv', read, context())],
  ['digest', () => runDigest('previous.csv', 'current.csv', { format: 'markdown' }, context())],
  ['digest --format json', () => runDigest('previous.csv', 'current.csv', { format: 'json' }, context())],
  ['winloss', () => runWinLoss('deals.csv', {}, context())],
  ['winloss --requests', () => runWinLoss('deals.csv', { requests: 'current.csv' }, context())],
  [
    'diff',
    () =>
      runDiff('heavy.yaml', join(import.meta.dirname, '../../scoring.example.yaml'), 'current.csv', { format: 'table', top: 1 }, context()),
  ],
  [
    'diff --format markdown',
    () =>
      runDiff(
        'heavy.yaml',
        join(import.meta.dirname, '../../scoring.example.yaml'),
        'current.csv',
        { format: 'markdown', top: 1 },
        context(),
      ),
  ],
  ['check', () => runCheck('unknown-key.yaml', { format: 'text', isStrict: false }, context())],
  ['check --format json', () => runCheck('unknown-key.yaml', { format: 'json', isStrict: false }, context())],
];

describe('no control character from the input reaches the terminal', () => {
  it.each(runs)('%s', async (_name, run) => {
    out = '';
    await run();
    expect(out).toMatch(/u(001b|009b|202e|007f)/); // the hostile text is there, escaped
    expect(out).not.toMatch(CONTROL);
  });

  it('JSON escapes C1 characters too, and still parses to the exact text', async () => {
    let json = '';
    await runScore(
      'current.csv',
      { format: 'json', isStrict: false },
      { ...context(), stdout: { write: (text: string) => (json += text) } },
    );
    expect(json).toContain('SSO \\u001b]8;;http://evil\\u0007click');
    expect(json).toContain('Enterprise\\u009b31m');
    const titles = (JSON.parse(json) as { requests: { title: string }[] }).requests.map((r) => r.title);
    expect(titles).toContain(`SSO ${LINK}`);
  });

  it('a markdown report written with -o keeps the text, escaped, with no raw ESC', async () => {
    out = '';
    await runReport('current.csv', { audience: 'pm', top: 10, date: '2026-11-30', output: join(dir, 'report.md') }, context());
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    // The bracket is escaped for markdown, then the ESC is shown as \u001b (a backslash before a letter renders as itself).
    expect(report).toContain('Evil \\u001b\\[2J Corp');
    expect(report).not.toMatch(CONTROL);
  });
});
