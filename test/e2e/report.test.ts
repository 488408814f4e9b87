import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, withTempDir } from '../helpers/exec.js';

const DATE = ['--date', '2026-03-01'];

/** The columns of each fixture that hold the customer, the amount and the request, read without pm-rank. */
const FIXTURE_COLUMNS = {
  'requests.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    account: 'Account Name',
    amount: 'Amount',
    request: 'Request ID',
    title: 'Feature Request',
  },
  'hubspot-deals.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    account: 'Company name',
    amount: 'Amount',
    request: undefined,
    title: 'Feature Request',
  },
  'jira-issues.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    account: 'Custom field (Customer)',
    amount: 'Custom field (ARR)',
    request: 'Issue key',
    title: 'Summary',
  },
  'europe-semicolon.csv': {
    encoding: 'windows-1252',
    delimiter: ';',
    account: 'Account',
    amount: 'Deal Value',
    request: 'Request ID',
    title: 'Title',
  },
} as const;

type FixtureName = keyof typeof FIXTURE_COLUMNS;

/** Each data row as { account, amount, request }, from csv-parse directly. */
function readFixture(name: FixtureName): { account: string; amount: string; request: string }[] {
  const spec = FIXTURE_COLUMNS[name];
  const text = new TextDecoder(spec.encoding).decode(readFileSync(join(FIXTURES, name)));
  const rows: string[][] = parse(text, { bom: true, delimiter: spec.delimiter, relax_column_count: true, skip_empty_lines: true });
  const header = rows[0]!;
  const at = (column: string | undefined) => (column === undefined ? -1 : header.indexOf(column));
  const [account, amount, id, title] = [at(spec.account), at(spec.amount), at(spec.request), at(spec.title)];
  return rows
    .slice(1)
    .filter((row) => row.length > 3)
    .map((row) => ({
      account: row[account]?.trim() ?? '',
      amount: row[amount]?.trim() ?? '',
      request: (row[id]?.trim() || row[title]?.trim() || '').replace(/\s+/g, ' ').toLowerCase(),
    }));
}

/** The ways a deal value can be written: as in the CSV, and its digits grouped or not. */
function moneyForms(amount: string): string[] {
  const digits = amount.replace(/[^\d]/g, '');
  return [amount, digits.length >= 4 ? digits : ''].filter((form) => form.length >= 3 && !/^(tbd|n\/a)$/i.test(form));
}

describe('pm-rank report', () => {
  it('writes the PM report for the Salesforce export to stdout', () => {
    const result = runCli(['report', 'fixtures/requests.csv', ...DATE]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# Feature request report\n')).toBe(true);
    expect(result.stdout).toContain('```mermaid\nquadrantChart\n');
    expect(result.stderr).toContain('"TBD" is not an amount');
  });

  describe.each(Object.keys(FIXTURE_COLUMNS) as FixtureName[])('for sales, %s', (name) => {
    const rows = readFixture(name);
    const accounts = [...new Set(rows.map((r) => r.account).filter((a) => a.length > 0))];

    it('names no account and shows no deal value or score', () => {
      const result = runCli(['report', `fixtures/${name}`, '--audience', 'sales', ...DATE]);
      expect(result.code).toBe(0);
      const text = result.stdout.toLowerCase();
      expect(accounts.length).toBeGreaterThan(3);
      expect(accounts.filter((a) => text.includes(a.toLowerCase()))).toEqual([]);
      expect(rows.flatMap((r) => moneyForms(r.amount)).filter((form) => text.includes(form.toLowerCase()))).toEqual([]);
      // Money-shaped text anywhere (a title may name a currency, as REQ-209 does, but not an amount).
      expect(result.stdout).not.toMatch(/[$€£]\s?\d|\d\s?[$€£]|\d+(?:\.\d+)?\s?[KMB]\b|\d{1,3}(?:,\d{3})+|\bscore|\bpoints/i);
    });

    it('with --account, lists only that account’s requests and names no other account', () => {
      const account = accounts.find((a) => rows.filter((r) => r.account === a).length >= 2)!;
      const result = runCli(['report', `fixtures/${name}`, '--audience', 'sales', '--account', account, ...DATE]);
      expect(result.code).toBe(0);
      const expected = new Set(rows.filter((r) => r.account === account).map((r) => r.request));
      expect(result.stdout.match(/^### /gm)).toHaveLength(expected.size);
      const withoutOwn = result.stdout.toLowerCase().replaceAll(account.toLowerCase(), '');
      expect(accounts.filter((a) => a !== account && withoutOwn.includes(a.toLowerCase()))).toEqual([]);
      const ownAmounts = new Set(rows.filter((r) => r.account === account).flatMap((r) => moneyForms(r.amount)));
      expect([...ownAmounts].filter((form) => withoutOwn.includes(form.toLowerCase()))).toEqual([]);
    });
  });

  it('for sales, leaks no customer name, short or full, no amount from a title or a money field, and no model term', () => {
    const accounts = [
      'Northgate Pharmaceuticals',
      'Atlas Freight Systems',
      'Crestline Financial Group',
      'Summit Ridge Insurance',
      'Kestrel Analytics',
    ];
    const csv = [
      'Request ID,Title,Account Name,Amount,Segment,Effort,Strategic Alignment,Status',
      'FR-1,Northgate asked for SSO,Northgate Pharmaceuticals,1200000,Enterprise,S,5,Committed',
      "FR-2,Atlas Freight's ask: EDI feed,Atlas Freight Systems,85292.54,Mid-Market,XL,2,Planned",
      'FR-3,Crestline renewal ($1.2M deal),Crestline Financial Group,"$310,000.00",Enterprise,M,4,',
      'FR-4,Audit export (USD 250000 at stake),Summit Ridge Insurance,250000,SMB,L,1,Backlog',
      'FR-5,Kestrel: 45K seats need SCIM,Kestrel Analytics,45000,Startup,XS,3,Declined',
      'FR-1,Northgate asked for SSO,Summit Ridge Insurance,65000,SMB,S,5,Committed',
    ].join('\n');
    const deals = [
      'Opportunity Name,Account Name,Stage,Amount,Loss Reason,Requests Cited',
      'Kestrel - Annual,Kestrel Analytics,Closed Lost,"$77,777.00",Missing feature,FR-5',
      'Atlas - Expansion,Atlas Freight Systems,Closed Won,"$33,333.00",,FR-2',
    ].join('\n');
    // lost_value (money from the win/loss export) is a criterion, so it is scored but must never show
    const config = `version: 1
criteria:
  deal_value: {weight: 30, field: deal_value, scale: log, max: 2000000}
  lost_revenue: {weight: 20, field: lost_value, scale: log, max: 1000000}
  segment_fit: {weight: 20, field: segment, map: {Enterprise: 1, Mid-Market: 0.7, SMB: 0.4, Startup: 0.2}}
  alignment: {weight: 20, field: alignment, scale: linear, min: 1, max: 5}
  effort: {weight: 10, field: effort, map: {XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0}}
horizons: [{name: Now, min_score: 60}, {name: Later}]
`;
    withTempDir((dir) => {
      writeFileSync(join(dir, 'export.csv'), csv);
      writeFileSync(join(dir, 'deals.csv'), deals);
      writeFileSync(join(dir, 'scoring.yaml'), config);
      const base = ['report', 'export.csv', '--audience', 'sales', '--win-loss', 'deals.csv', ...DATE];
      const everyone = runCli(base, { cwd: dir });
      const oneCustomer = runCli([...base, '--account', 'Kestrel Analytics'], { cwd: dir });
      for (const [result, own] of [
        [everyone, undefined],
        [oneCustomer, 'Kestrel Analytics'],
      ] as const) {
        expect(result.code, result.stderr).toBe(0);
        const text = result.stdout.replaceAll(own ?? '\u0000', '');
        const others = accounts.filter((a) => a !== own);
        const words = ['Northgate', 'Atlas', 'Crestline', 'Summit', 'Ridge', 'Kestrel'].filter((w) => !own?.includes(w));
        expect([...others, ...words].filter((name) => text.toLowerCase().includes(name.toLowerCase()))).toEqual([]);
        // every amount as the export, the title or the win/loss export writes it, and anything money-shaped
        const amounts = [
          '1200000',
          '1.2M',
          '85292',
          '85,292',
          '310,000',
          '310K',
          '250000',
          '250K',
          '45K',
          '45000',
          '65000',
          '77,777',
          '77777',
          '33,333',
          '33333',
        ];
        expect(amounts.filter((a) => text.includes(a))).toEqual([]);
        expect(text).not.toMatch(/[$€£]|\bUSD\b|\d\s?[KMB]\b|\d{1,3}(?:,\d{3})+/);
        // no model key, no internal scale, no points
        expect(text).not.toMatch(
          /_|lost_revenue|segment_fit|deal_value|\bXS\b|\bXL\b|\b[1-5] instead|1-5|\bscore|\bpoints|\balignment [1-5]\b|\beffort\b/i,
        );
      }
      expect(everyone.stdout).toContain('### FR-1 a customer asked for SSO');
      expect(everyone.stdout).toContain("### FR-2 a customer's ask: EDI feed");
      expect(everyone.stdout).toContain('### FR-3 a customer renewal (deal)');
      expect(oneCustomer.stdout).toContain('### FR-5 Kestrel: seats need SCIM');
    });
  });

  it.each([
    [['--account', 'Lumen Fintech'], '--audience sales'],
    [['--audience', 'sales', '--account', 'Nobody Inc'], 'Nobody Inc'],
    [['--date', '2026-02-30'], '2026-02-30'],
    [['--audience', 'board'], 'board'],
  ])('refuses %j with exit 2', (args, mention) => {
    const result = runCli(['report', 'fixtures/requests.csv', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(mention);
    expect(result.stdout).toBe('');
  });

  it('writes to -o, and never over its input', () => {
    withTempDir((dir) => {
      const input = join(dir, 'export.csv');
      const original = readFileSync(join(FIXTURES, 'hubspot-deals.csv'));
      writeFileSync(input, original);
      const written = runCli(['report', 'export.csv', ...DATE, '-o', 'report.md'], { cwd: dir });
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('# Feature request report');
      const clash = runCli(['report', 'export.csv', '-o', 'export.csv'], { cwd: dir });
      expect(clash.code).toBe(2);
      expect(readFileSync(input)).toEqual(original);
    });
  });
});

/** The committed example reports and how they were made; UPDATE_EXAMPLES=1 rewrites them. */
const EXAMPLES: [string, string[]][] = [
  ['requests.pm.md', ['fixtures/requests.csv']],
  ['requests.sales.md', ['fixtures/requests.csv', '--audience', 'sales']],
  ['requests.sales.crestline.md', ['fixtures/requests.csv', '--audience', 'sales', '--account', 'Crestline Financial Group']],
  ['hubspot-deals.pm.md', ['fixtures/hubspot-deals.csv']],
  ['jira-issues.pm.md', ['fixtures/jira-issues.csv']],
  ['europe-semicolon.pm.md', ['fixtures/europe-semicolon.csv']],
];

describe('committed example reports', () => {
  it.each(EXAMPLES)('fixtures/reports/%s is what the CLI writes today', (file, args) => {
    const result = runCli(['report', ...args, ...DATE]);
    expect(result.code).toBe(0);
    const path = join(FIXTURES, 'reports', file);
    if (process.env.UPDATE_EXAMPLES) writeFileSync(path, result.stdout);
    expect(readFileSync(path, 'utf8')).toBe(result.stdout);
  });
});

describe('pm-rank report --decisions', () => {
  it('shows a triage decision and its reason to the PM, and relays it to sales as Not planned', () => {
    withTempDir((dir) => {
      const reason = 'Dark mode is off-strategy this year; we focus on compliance.';
      writeFileSync(join(dir, 'decisions.yaml'), `version: 1\ndecisions:\n  FR-110:\n    decision: decline\n    reason: ${reason}\n`);
      const args = ['report', join(FIXTURES, 'requests.csv'), '--decisions', join(dir, 'decisions.yaml'), '--date', '2026-03-01'];
      const pm = runCli(args);
      expect(pm.code).toBe(0);
      expect(pm.stdout).toContain(`**Decision: Declined**: ${reason}`);
      const sales = runCli([...args, '--audience', 'sales']);
      expect(sales.code).toBe(0);
      expect(sales.stdout).toContain('| FR-110 Dark mode | Not planned | No date |');
    });
  });
});
