import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import {} from '../helpers/run-cli.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';
import { EXPECTED_RANKINGS } from '../helpers/expected-rankings.js';

interface JsonRequest {
  rank: number;
  id: string;
  title: string;
  score: number;
  deal_value: number | null;
  accounts: { name: string; deal_value: number | null }[];
  unattributed: { mentions: number; deal_value: number | null };
  criteria: Record<string, { raw: unknown; normalized: number; points: number }>;
  horizon: string;
  escalations: string[];
}
interface JsonOutput {
  requests: JsonRequest[];
  warnings: { row?: number; column?: string; value?: string; code: string }[];
  summary: { rows: number; requests: number; encoding: string; delimiter: string; columns: Record<string, string> };
}

async function scoreJson(args: string[], options?: Parameters<typeof runCli>[1]): Promise<JsonOutput> {
  const result = await runCli(['score', ...args, '--format', 'json'], options);
  expect(result.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonOutput;
}

describe('pm-rank score on the bundled fixtures (built-in model)', () => {
  it.each(Object.entries(EXPECTED_RANKINGS))('%s ranks as the independent reference does', async (file, expected) => {
    const output = await scoreJson([join('fixtures', file)]);
    const actual = output.requests.map((r) => [
      r.id,
      Number((r.deal_value ?? 0).toFixed(2)),
      r.accounts.length,
      Number(r.score.toFixed(2)),
      r.horizon,
      r.escalations.includes('Strategic deal'),
      r.unattributed.mentions,
    ]);
    expect(actual).toEqual(expected);
  });

  it('worked example: FR-109 in requests.csv scores 90.67', async () => {
    // Accounts 55,000 + 60,000 + 25,000 = 140,000; ln(140,001)/ln(2,000,001) = 11.8494/14.5087 = 0.81671 -> 40 * 0.81671 = 32.669
    // segment Enterprise -> 1 -> 20; alignment 5 -> (5-1)/4 = 1 -> 30; effort S -> 0.8 -> 8
    // score = 32.669 + 20 + 30 + 8 = 90.669 (weights sum to 100, so points are w * s)
    const fr109 = (await scoreJson(['fixtures/requests.csv'])).requests[0]!;
    expect(fr109.id).toBe('FR-109');
    expect(fr109.deal_value).toBe(140000);
    expect(fr109.criteria.deal_value!.points).toBeCloseTo(32.669, 3);
    expect(fr109.criteria.alignment!.points).toBe(30);
    expect(fr109.criteria.effort!.points).toBeCloseTo(8, 10);
    expect(fr109.score).toBeCloseTo(90.669, 3);
  });

  it('worked example: FR-102 counts Crestline once (its larger deal), so it misses the escalation', async () => {
    // Crestline 150,000 and 120,000 -> 150,000; + Summit Ridge 65,000 + Redwood 30,000 = 245,000 < 250,000
    const fr102 = (await scoreJson(['fixtures/requests.csv'])).requests.find((r) => r.id === 'FR-102')!;
    expect(fr102.deal_value).toBe(245000);
    expect(fr102.accounts.find((a) => a.name === 'Crestline Financial Group')?.deal_value).toBe(150000);
    expect(fr102.escalations).toEqual([]);
  });

  it('reads the European file: Windows-1252, semicolons, decimal commas, euro amounts', async () => {
    const output = await scoreJson(['fixtures/europe-semicolon.csv']);
    expect(output.summary.encoding).toBe('windows-1252');
    expect(output.summary.delimiter).toBe(';');
    // REQ-210: alignment "3,5" is 3.5 -> (3.5-1)/4 = 0.625 -> 18.75 points
    const req210 = output.requests.find((r) => r.id === 'REQ-210')!;
    expect(req210.criteria.alignment).toMatchObject({ raw: 3.5, normalized: 0.625 });
    expect(output.requests.find((r) => r.id === 'REQ-201')!.title).toBe('Données hébergées en UE (data residency)');
    // REQ-206: "1.234.567,89 €" = EUR 1,234,567.89 x 1.08 = 1,333,333.32; "£40.000" = GBP 40,000 x 1.27 = 50,800
    // total 1,333,333.32 + 50,800 = 1,384,133.32
    expect(output.requests[0]!.id).toBe('REQ-206');
    expect(output.requests[0]!.deal_value).toBeCloseTo(1384133.32, 2);
  });

  it('maps Jira repeated headers and the trailing empty column without complaint', async () => {
    const result = await runCli(['score', 'fixtures/jira-issues.csv', '--format', 'json']);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as JsonOutput;
    expect(output.summary.columns).toMatchObject({
      id: { header: 'Issue key', columns: [2] },
      title: { header: 'Summary', columns: [1] },
      deal_value: { header: 'Custom field (ARR)', columns: [11] },
    });
  });

  it('warns about the bad cell with file, line, column and value, and skips the Salesforce footer', async () => {
    const result = await runCli(['score', 'fixtures/requests.csv']);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'warning: fixtures/requests.csv:14 column "Amount": "TBD" is not an amount; counted as missing',
      // Record 53 is the footer; the notes of records 35, 36 and 45 span 2, 3 and 3 lines, so it starts on line 53 + 1 + 2 + 2 = 58.
      'note: fixtures/requests.csv:58 skipped 2 report footer lines after the data ("Confidential Information - Do Not Distribute")',
    ]);
    expect(result.stdout).not.toContain('Confidential');
  });
});

describe('pm-rank score options', () => {
  it('limits every format with --top', async () => {
    expect((await scoreJson(['fixtures/requests.csv', '--top', '3'])).requests.map((r) => r.id)).toEqual(['FR-109', 'FR-101', 'FR-102']);
    const csv = (await runCli(['score', 'fixtures/requests.csv', '--format', 'csv', '--top', '2'])).stdout.trim().split('\n');
    expect(csv).toHaveLength(3);
    const table = (await runCli(['score', 'fixtures/requests.csv', '--top', '2'])).stdout;
    expect(table).toContain('13 more requests not shown');
  });

  it('shows the top 20 in the table by default and lists every request in csv', async () => {
    const table = (await runCli(['score', 'fixtures/requests.csv'])).stdout;
    expect(table.match(/^│\s+\d+ │/gm)).toHaveLength(15);
    const csv = (await runCli(['score', 'fixtures/requests.csv', '--format', 'csv'])).stdout.trim().split('\n');
    expect(csv).toHaveLength(16);
    expect(csv[0]).toMatch(/^rank,id,title,score,horizon,escalations,deal_value/);
  });

  it('fits the table to COLUMNS on a pipe, and --wide shows every column', async () => {
    const widest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));
    const narrow = (await runCli(['score', 'fixtures/requests.csv'], { env: { COLUMNS: '70' } })).stdout;
    expect(widest(narrow)).toBeLessThanOrEqual(70);
    expect(narrow).toContain('to fit 70 columns: hid');
    const wide = (await runCli(['score', 'fixtures/requests.csv', '--wide'], { env: { COLUMNS: '70' } })).stdout;
    expect(wide).toContain('Top drivers');
    expect(wide).toContain('Mid-Market, Enterprise, Startup');
    expect(wide).not.toContain('to fit');
  });

  it('reads stdin with -', async () => {
    const input = readFileSync(join(FIXTURES, 'hubspot-deals.csv'));
    const output = await scoreJson(['-'], { input });
    expect(output.requests[0]!.title).toBe('SSO via Okta (SAML)');
  });

  it('uses ./scoring.yaml when present, and --config over it', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'requests.csv'), 'Title,Amount,Effort\nA,100,XL\nB,10,XS\n');
      // Only effort counts here: B (XS) = 100 points, A (XL) = 0
      writeFileSync(join(dir, 'scoring.yaml'), 'version: 1\ncriteria:\n  effort: {weight: 1, field: effort, map: {XS: 1, XL: 0}}\n');
      expect((await scoreJson(['requests.csv'], { cwd: dir })).requests.map((r) => [r.id, r.score])).toEqual([
        ['B', 100],
        ['A', 0],
      ]);
      // Only deal value counts: ln(101)/ln(101) = 1 for A; ln(11)/ln(101) = 0.5196 for B
      writeFileSync(join(dir, 'money.yaml'), 'version: 1\ncriteria:\n  money: {weight: 1, field: deal_value, scale: log, max: 100}\n');
      const ranked = (await scoreJson(['requests.csv', '--config', 'money.yaml'], { cwd: dir })).requests;
      expect(ranked.map((r) => r.id)).toEqual(['A', 'B']);
      expect(ranked[1]!.score).toBeCloseTo((100 * Math.log(11)) / Math.log(101), 10);
    });
  });

  it('writes -o atomically and refuses to write over the input', async () => {
    await inTempDir(async (dir) => {
      const input = join(dir, 'export.csv');
      writeFileSync(input, 'Title,Amount\nA,100\n');
      const refused = await runCli(['score', input, '-o', input]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/would overwrite the input/);
      expect(readFileSync(input, 'utf8')).toBe('Title,Amount\nA,100\n');
      const written = await runCli(['score', input, '--format', 'csv', '-o', join(dir, 'out.csv')]);
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^rank,id,title/);
    });
  });

  it('--strict exits 1 when there are warnings', async () => {
    expect((await runCli(['score', 'fixtures/requests.csv', '--strict'])).code).toBe(1);
    expect((await runCli(['score', 'fixtures/hubspot-deals.csv', '--strict'])).code).toBe(0);
  });

  it('counts a deal value in a currency without a rate as missing, says what to add, and goes on', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'export.csv'), 'Title,Amount\nA,$100\nB,CHF 200\n');
      const result = await runCli(['score', 'export.csv', '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        'export.csv: no rate from CHF to USD, so the deal value of line 3 counts as missing; add "CHF: <USD per CHF>" under currency: rates: in the config',
      );
      const { requests } = JSON.parse(result.stdout) as { requests: { id: string; deal_value: number | null }[] };
      expect(requests.map((r) => [r.id, r.deal_value])).toEqual([
        ['A', 100],
        ['B', null],
      ]);
    });
  });
});

describe('pm-rank score errors: one line, exit 2, no stack', () => {
  it.each([
    [['score', 'missing.csv'], /^pm-rank: cannot read missing.csv: no such file\n$/],
    [['score', 'fixtures'], /^pm-rank: cannot read fixtures: it is a directory, expected a CSV file\n$/],
    [['score', 'fixtures/requests.csv', '--config', 'nope.yaml'], /^pm-rank: cannot read config nope.yaml: no such file\n$/],
    [['score', 'fixtures/requests.csv', '--top', '0'], /--top <n>' argument '0' is invalid/],
    [['score', 'fixtures/requests.csv', '--format', 'xml'], /argument 'xml' is invalid/],
    [['score', 'fixtures/requests.csv', '--encoding', 'klingon'], /^pm-rank: --encoding klingon is not an encoding/],
    [['score'], /missing required argument 'file'/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('fails clearly when neither an id nor a title column exists', async () => {
    const result = await runCli(['score', '-'], { input: 'Amount,Segment\n100,SMB\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pm-rank: stdin: no request id or title column in the header ("Amount", "Segment"); name one in the config\'s columns.id or columns.title\n',
    );
  });

  it('reports every config problem with file:line:col', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'export.csv'), 'Title\nA\n');
      writeFileSync(
        join(dir, 'scoring.yaml'),
        ['version: 1', 'criteria:', '  effort:', '    weight: high', '    field: effort', '    map: {XS: 1, XL: 2}'].join('\n'),
      );
      const result = await runCli(['score', 'export.csv'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        [
          'pm-rank: invalid config (2 problems):',
          'scoring.yaml:4:13 criteria.effort.weight: expected a number, got "high"',
          'scoring.yaml:6:22 criteria.effort.map.XL: expected a number <= 1, got 2',
          '',
        ].join('\n'),
      );
    });
  });
});
