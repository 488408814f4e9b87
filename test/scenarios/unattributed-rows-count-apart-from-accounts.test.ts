import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/context.js';
import { runDigest } from '../../src/commands/digest.js';
import { runReport, type ReportOptions } from '../../src/commands/report.js';
import { runScore, type ScoreOptions } from '../../src/commands/score.js';

// requests.csv, worked by hand (weights 1 + 1 + 1, so each criterion is worth 100/3 points):
// A: Acme max(100, 300) = 300 and Beta $0 are 2 accounts; lines 4 and 5 name none: 2 unattributed, 50 + 50 = 100
//    (each row once). Deal 300 + 0 + 100 = 400 -> money 0.4. Segment fit takes the best segment of any row:
//    Enterprise, from unattributed line 4 -> 1. reach 2 / 10 = 0.2. Score 100 * (0.4 + 0.2 + 1) / 3 = 53.33
// B: "" and "N/A" name no account: 0 accounts, 2 unattributed, 200 + 100 = 300 -> money 0.3; reach 0;
//    no segment -> missing 0. Score 100 * 0.3 / 3 = 10
// C: Gamma with a $0 deal: 1 account, deal 0; its Enterprise counts like any row's -> 1; reach 0.1.
//    Score 100 * (0 + 0.1 + 1) / 3 = 36.67
const DIR = join(import.meta.dirname, 'unattributed-rows-count-apart-from-accounts');

async function run(command: (context: CommandContext) => Promise<unknown>): Promise<string> {
  let out = '';
  const write = (text: string) => (out += text);
  await command({ cwd: DIR, stdin: Readable.from([]), stdout: { write }, stderr: { write: () => true }, isColor: false });
  return out;
}

const score = (options: Partial<ScoreOptions>) =>
  run((context) => runScore('requests.csv', { format: 'json', isStrict: false, ...options }, context));
const report = (options: Partial<ReportOptions>) =>
  run((context) => runReport('requests.csv', { audience: 'pm', top: 10, date: '2026-03-01', ...options }, context));

interface JsonRequest {
  id: string;
  score: number;
  deal_value: number | null;
  accounts: { name: string; deal_value: number | null }[];
  unattributed: { mentions: number; deal_value: number | null };
  segments: string[];
}

async function ranked(options: Partial<ScoreOptions> = {}) {
  const { requests } = JSON.parse(await score(options)) as { requests: JsonRequest[] };
  return requests.map((r) => [r.id, Number(r.score.toFixed(2)), r.deal_value, r.accounts.map((a) => a.name), r.unattributed]);
}

describe('rows that name no account: counted apart, never as customers', () => {
  it('JSON: accounts and unattributed apart, deal values with each unattributed row once', async () => {
    expect(await ranked()).toEqual([
      ['A', 53.33, 400, ['Acme', 'Beta'], { mentions: 2, deal_value: 100 }],
      ['C', 36.67, 0, ['Gamma'], { mentions: 0, deal_value: null }],
      ['B', 10, 300, [], { mentions: 2, deal_value: 300 }],
    ]);
  });

  it('field: accounts counts them with count_unattributed: true', async () => {
    // reach A (2 + 2) / 10 = 0.4 -> 100 * (0.4 + 0.4 + 1) / 3 = 60; B 2 / 10 = 0.2 -> 100 * (0.3 + 0.2) / 3 = 16.67; C unchanged
    const counted = await ranked({ config: 'scoring-counting-rows.yaml' });
    expect(counted.map(([id, points]) => [id, points])).toEqual([
      ['A', 60],
      ['C', 36.67],
      ['B', 16.67],
    ]);
  });

  it('CSV: account_count and unattributed columns', async () => {
    const [header, a] = (await score({ format: 'csv' })).split('\n');
    const cells = (line: string) => line.split(',');
    const column = (name: string) => cells(a!)[cells(header!).indexOf(name)];
    expect([column('deal_value'), column('account_count'), column('accounts'), column('unattributed')]).toEqual([
      '400',
      '2',
      'Acme; Beta',
      '2',
    ]);
  });

  it('table: "2 + 2" in the Accts column, with a legend', async () => {
    const table = await score({ format: 'table' });
    expect(table).toMatch(/│ A Audit log +│ +53\.3 │ +400 │ 2 \+ 2 │/);
    expect(table).toMatch(/│ C Calendar sync +│ +36\.7 │ +0 │ +1 │/);
    expect(table).toMatch(/│ B Bulk import +│ +10\.0 │ +300 │ 0 \+ 2 │/);
    expect(table).toContain('Accts: accounts asking + rows that name no account');
  });

  it('PM report: counts, deal value and the unattributed rows apart from the accounts', async () => {
    const pm = await report({});
    expect(pm).toContain('**Score 53.3** · 2 accounts + 2 unattributed · 400');
    expect(pm).toContain('- **Accounts:** Acme (300), Beta (0)\n- **Unattributed:** 2 rows naming no account (100 in deal value)');
    expect(pm).toContain('| reach | 2 accounts (2 unattributed not counted) |');
    expect(pm).toContain('**Score 10.0** · 0 accounts + 2 unattributed · 300');
    expect(pm).toContain('- **Accounts:** none named');
    expect(pm).not.toContain('no account, line');
  });

  it('sales view: customers, and the other conversations apart', async () => {
    const askedBy = (text: string) => text.match(/Asked by:\*\* .*/g);
    expect(askedBy(await report({ audience: 'sales' }))).toEqual([
      'Asked by:** 2 customers and in 2 other conversations',
      'Asked by:** 1 customer',
      'Asked by:** no named customer; mentioned in 2 conversations',
    ]);
    expect(askedBy(await report({ audience: 'sales', account: 'acme' }))).toEqual([
      'Asked by:** this customer, 1 other customer and in 2 other conversations',
    ]);
  });

  it('digest: an unattributed row on another line is no new account', async () => {
    // requests-previous.csv has A's unattributed Enterprise row on line 2 and Acme; Beta is A's only new account
    const digest = await run((context) => runDigest('requests-previous.csv', 'requests.csv', { format: 'markdown' }, context));
    expect(digest).toContain('## New requests (1)\n\n- B Bulk import: 0 accounts + 2 unattributed, 300; ranked #3');
    expect(digest).toContain('## New accounts asking (1)\n\n- A Audit log: Beta (+0)');
    const json = JSON.parse(await run((context) => runDigest('requests-previous.csv', 'requests.csv', { format: 'json' }, context))) as {
      new_requests: { accounts: string[]; unattributed: number }[];
    };
    expect(json.new_requests).toMatchObject([{ accounts: [], unattributed: 2 }]);
  });

  it('win/loss join: the requests keep their accounts and unattributed mentions', async () => {
    // deals.csv: two lost deals cite A, 500 (Acme) + 70 (no account) = 570
    const { requests } = JSON.parse(await score({ winLoss: 'deals.csv' })) as { requests: JsonRequest[] };
    expect(requests[0]).toMatchObject({ id: 'A', accounts: [{ name: 'Acme' }, { name: 'Beta' }], unattributed: { mentions: 2 } });
    expect(requests[0]!.deal_value).toBe(400);
  });
});
