import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

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
  it('writes the PM report for the Salesforce export to stdout', async () => {
    const result = await runCli(['report', 'fixtures/requests.csv', ...DATE]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# Feature request report\n')).toBe(true);
    expect(result.stdout).toContain('```mermaid\nquadrantChart\n');
    expect(result.stderr).toContain('"TBD" is not an amount');
  });

  describe.each(Object.keys(FIXTURE_COLUMNS) as FixtureName[])('for sales, %s', (name) => {
    const rows = readFixture(name);
    const accounts = [...new Set(rows.map((r) => r.account).filter((a) => a.length > 0))];

    it('names no account and shows no deal value or score', async () => {
      const result = await runCli(['report', `fixtures/${name}`, '--audience', 'sales', ...DATE]);
      expect(result.code).toBe(0);
      const text = result.stdout.toLowerCase();
      expect(accounts.length).toBeGreaterThan(3);
      expect(accounts.filter((a) => text.includes(a.toLowerCase()))).toEqual([]);
      expect(rows.flatMap((r) => moneyForms(r.amount)).filter((form) => text.includes(form.toLowerCase()))).toEqual([]);
      // Money-shaped text anywhere (a title may name a currency, as REQ-209 does, but not an amount).
      expect(result.stdout).not.toMatch(/[$€£]\s?\d|\d\s?[$€£]|\d+(?:\.\d+)?\s?[KMB]\b|\d{1,3}(?:,\d{3})+|\bscore|\bpoints/i);
    });

    it('with --account, lists only that account’s requests and names no other account', async () => {
      const account = accounts.find((a) => rows.filter((r) => r.account === a).length >= 2)!;
      const result = await runCli(['report', `fixtures/${name}`, '--audience', 'sales', '--account', account, ...DATE]);
      expect(result.code).toBe(0);
      const expected = new Set(rows.filter((r) => r.account === account).map((r) => r.request));
      expect(result.stdout.match(/^### /gm)).toHaveLength(expected.size);
      const withoutOwn = result.stdout.toLowerCase().replaceAll(account.toLowerCase(), '');
      expect(accounts.filter((a) => a !== account && withoutOwn.includes(a.toLowerCase()))).toEqual([]);
      const ownAmounts = new Set(rows.filter((r) => r.account === account).flatMap((r) => moneyForms(r.amount)));
      expect([...ownAmounts].filter((form) => withoutOwn.includes(form.toLowerCase()))).toEqual([]);
    });
  });

  it.each([
    [['--account', 'Lumen Fintech'], '--audience sales'],
    [['--audience', 'sales', '--account', 'Nobody Inc'], 'Nobody Inc'],
    [['--date', '2026-02-30'], '2026-02-30'],
    [['--audience', 'board'], 'board'],
  ])('refuses %j with exit 2', async (args, mention) => {
    const result = await runCli(['report', 'fixtures/requests.csv', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(mention);
    expect(result.stdout).toBe('');
  });

  it('writes to -o, and never over its input', async () => {
    await inTempDir(async (dir) => {
      const input = join(dir, 'export.csv');
      const original = readFileSync(join(FIXTURES, 'hubspot-deals.csv'));
      writeFileSync(input, original);
      const written = await runCli(['report', 'export.csv', ...DATE, '-o', 'report.md'], { cwd: dir });
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('# Feature request report');
      const clash = await runCli(['report', 'export.csv', '-o', 'export.csv'], { cwd: dir });
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
  it.each(EXAMPLES)('fixtures/reports/%s is what the CLI writes today', async (file, args) => {
    const result = await runCli(['report', ...args, ...DATE]);
    expect(result.code).toBe(0);
    const path = join(FIXTURES, 'reports', file);
    if (process.env.UPDATE_EXAMPLES) writeFileSync(path, result.stdout);
    expect(readFileSync(path, 'utf8')).toBe(result.stdout);
  });
});

describe('pm-rank report --decisions', () => {
  it('shows a triage decision and its reason to the PM, and relays it to sales as Not planned', async () => {
    await inTempDir(async (dir) => {
      const reason = 'Dark mode is off-strategy this year; we focus on compliance.';
      writeFileSync(join(dir, 'decisions.yaml'), `version: 1\ndecisions:\n  FR-110:\n    decision: decline\n    reason: ${reason}\n`);
      const args = ['report', join(FIXTURES, 'requests.csv'), '--decisions', join(dir, 'decisions.yaml'), '--date', '2026-03-01'];
      const pm = await runCli(args);
      expect(pm.code).toBe(0);
      expect(pm.stdout).toContain(`**Decision: Declined**: ${reason}`);
      const sales = await runCli([...args, '--audience', 'sales']);
      expect(sales.code).toBe(0);
      expect(sales.stdout).toContain('| FR-110 Dark mode | Not planned | No date |');
    });
  });
});
