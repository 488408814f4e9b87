import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runScore, type ScoreOptions } from '../../src/commands/score.js';
import { runDigest } from '../../src/commands/digest.js';
import { parseDate } from '../../src/core/text/dates.js';

const dir = mkdtempSync(join(tmpdir(), 'pm-rank-decay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    context: {
      cwd: dir,
      columns: 100,
      stdin: Readable.from([]),
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      isColor: false,
    },
  };
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const CONFIG = `version: 1
decay: {field: created_at, half_life: 180d}
stale_after: 120d
criteria:
  demand: {weight: 1, field: accounts, scale: linear, min: 0, max: 4}
`;

// As of 2026-07-01: 2026-01-02 is 180 days earlier (one half-life: weight 1/2), 2025-07-06 is 360 days (two: weight 1/4).
const AS_OF = parseDate('2026-07-01')!;
const EXPORT = `Request ID,Title,Account,Amount,Created
OLD,Old burst,Acme,100000,2025-07-06
OLD,Old burst,Acme,100000,2026-01-02
OLD,Old burst,Beta,100000,2025-07-06
OLD,Old burst,Gamma,100000,2025-07-06
NEW,Fresh demand,Delta,50000,2026-07-01
NEW,Fresh demand,Echo,40000,2026-01-02
`;

async function scoreJson(config: string, csv: string, options: Partial<ScoreOptions> = {}) {
  const { out, context: ctx } = context();
  await runScore(
    write('requests.csv', csv),
    { format: 'json', isStrict: false, config: write('scoring.yaml', config), asOf: AS_OF, ...options },
    ctx,
  );
  return {
    json: JSON.parse(out.stdout) as { requests: Record<string, unknown>[]; warnings: Record<string, unknown>[] },
    stderr: out.stderr,
  };
}

describe('decay: demand that ages', () => {
  it('weighs each account by its newest mention and each deal by its age', async () => {
    const { json } = await scoreJson(CONFIG, EXPORT);
    // OLD: Acme's newest mention is 180 days old (1/2), Beta and Gamma 360 days (1/4 each): 1/2 + 1/4 + 1/4 = 1 account,
    //   score 100 * 1 / 4 = 25; deal values $100K each, decayed: Acme max(25K, 50K) = 50K + 25K + 25K = $100K.
    // NEW: Delta today (1) + Echo 180 days (1/2) = 1.5 accounts, score 100 * 1.5 / 4 = 37.5; deals 50K * 1 + 40K * 1/2 = $70K.
    // Without decay OLD (3 accounts, $300K) would rank first.
    expect(json.requests.map((r) => [r.id, r.score, r.deal_value])).toEqual([
      ['NEW', 37.5, 70000],
      ['OLD', 25, 100000],
    ]);
  });

  it('marks a request with no mention within stale_after as stale', async () => {
    const { json } = await scoreJson(CONFIG, EXPORT);
    // OLD's newest mention, 2026-01-02, is 180 days old: past 120. NEW was asked today.
    expect(json.requests.map((r) => [r.id, r.last_mention, r.stale])).toEqual([
      ['NEW', '2026-07-01', false],
      ['OLD', '2026-01-02', true],
    ]);
  });

  it('keeps the weights when a decision merges two requests', async () => {
    const decisions = write('decisions.yaml', 'version: 1\ndecisions:\n  OLD: {merge_into: NEW}\n');
    const { json } = await scoreJson(CONFIG, EXPORT, { decisions });
    // NEW's 1 + 1/2 and OLD's 1/2 + 1/4 + 1/4: 2.5 accounts, score 100 * 2.5 / 4 = 62.5;
    // deals 50K + 20K + 50K + 25K + 25K = $170K; the newest mention is NEW's, today.
    expect(json.requests.map((r) => [r.id, r.score, r.deal_value, r.last_mention, r.stale])).toEqual([
      ['NEW', 62.5, 170000, '2026-07-01', false],
    ]);
    expect((json.requests[0]!.accounts as { name: string; weight: number }[]).map((a) => [a.name, a.weight])).toEqual([
      ['Delta', 1],
      ['Echo', 0.5],
      ['Acme', 0.5],
      ['Beta', 0.25],
      ['Gamma', 0.25],
    ]);
  });

  it('ranks by raw counts without decay', async () => {
    const { json } = await scoreJson(CONFIG.replace(/^decay:.*\n/m, ''), EXPORT);
    // 3 accounts: 100 * 3 / 4 = 75, each once with its largest deal: 3 x 100K; 2 accounts: 50, 50K + 40K
    expect(json.requests.map((r) => [r.id, r.score, r.deal_value])).toEqual([
      ['OLD', 75, 300000],
      ['NEW', 50, 90000],
    ]);
  });
});

describe('dates per column', () => {
  it('reads 03/04/2026 day first when another date of the column proves it', async () => {
    const csv = `Request ID,Account,Created\nA,Acme,03/04/2026\nB,Beta,25/04/2026\n`;
    const { json } = await scoreJson(CONFIG, csv);
    // 03/04/2026 is 3 April, day first like 25/04/2026
    expect(json.requests.find((r) => r.id === 'A')!.last_mention).toBe('2026-04-03');
    expect(json.warnings.filter((w) => String(w.code).startsWith('DATE_'))).toEqual([]);
  });

  it('reads close dates of a within_days rule in their column order too', async () => {
    const config = `${CONFIG}escalation:\n  - {name: Closing, when: {close_date: {within_days: 5}}}\n`;
    const csv = `Request ID,Account,Created,Close Date\nA,Acme,2026-06-01,03/07/2026\nB,Beta,2026-06-01,25/07/2026\n`;
    const { json } = await scoreJson(config, csv);
    // 25/07/2026 makes the column day first: 03/07/2026 is 3 July, 2 days after the as-of date 1 July (read month
    // first it would be 7 March, months away). B's 25 July is 24 days away.
    expect(json.requests.map((r) => [r.id, r.escalations])).toEqual([
      ['A', ['Closing']],
      ['B', []],
    ]);
  });

  it('warns with file, line, column and value when no date decides the order', async () => {
    const csv = `Request ID,Account,Created\nA,Acme,03/04/2026\nB,Beta,05/06/2026\n`;
    const { json } = await scoreJson(CONFIG, csv);
    expect(json.requests.find((r) => r.id === 'A')!.last_mention).toBe('2026-03-04');
    const warning = json.warnings.find((w) => w.code === 'DATE_ORDER_UNDECIDED')!;
    expect(warning).toMatchObject({ row: 2, column: 'Created', value: '03/04/2026' });
    expect(warning.message).toMatch(/requests\.csv:2 column "Created"/);
  });

  it('reads named months, dotted dates and Excel serials, and warns about a cell that is no date', async () => {
    // 46023 is Excel's 2026-01-01 (25569 + 20454)
    const csv = `Request ID,Account,Created\nA,Acme,Jan 18 2026\nB,Beta,18.01.2026\nC,Gamma,46023\nD,Delta,soon\n`;
    const { json } = await scoreJson(CONFIG, csv);
    // An undated row counts in full, so D ranks first: sorted by id here.
    expect(json.requests.map((r) => [r.id, r.last_mention]).sort()).toEqual([
      ['A', '2026-01-18'],
      ['B', '2026-01-18'],
      ['C', '2026-01-01'],
      ['D', null],
    ]);
    expect(json.warnings.find((w) => w.code === 'INVALID_DATE')).toMatchObject({ row: 5, column: 'Created', value: 'soon' });
  });
});

describe('digest: stale and re-awakened', () => {
  it('lists a request a new mention woke, and one about to go stale', async () => {
    // As of 2026-07-01 with stale_after 120d: QUIET's last mention 2026-01-02 (180 days) made it stale last week;
    // this week Acme asked again. SOON's 2026-03-08 is 115 days old: stale in 5 days.
    const previous = write('previous.csv', `Request ID,Account,Created\nQUIET,Acme,2026-01-02\nSOON,Beta,2026-03-08\n`);
    const current = write(
      'current.csv',
      `Request ID,Account,Created\nQUIET,Acme,2026-01-02\nQUIET,Acme,2026-06-30\nSOON,Beta,2026-03-08\n`,
    );
    const { out, context: ctx } = context();
    await runDigest(previous, current, { format: 'json', config: write('scoring.yaml', CONFIG), asOf: AS_OF }, ctx);
    const digest = JSON.parse(out.stdout) as Record<string, Record<string, unknown>[]>;
    // 2026-01-02 -> 2026-06-30: 179 days
    expect(digest.reawakened!.map((r) => [r.id, r.quiet_days])).toEqual([['QUIET', 179]]);
    expect(digest.going_stale!.map((r) => [r.id, r.days_left])).toEqual([['SOON', 5]]);
  });
});
