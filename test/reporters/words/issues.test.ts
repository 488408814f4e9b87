import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../src/core/issues.js';
import { describeIssue, formatCodedIssue, formatIssue, listFindings } from '../../../src/reporters/words/issues.js';

describe('formatIssue puts the place first, from the location fields', () => {
  it.each<[string, Issue, string]>([
    [
      'a config finding: file:line:col and its path',
      {
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        file: 'scoring.yaml',
        line: 9,
        col: 14,
        path: 'escalation[0].when.deal_value.min',
        args: { min: 5, max: 1 },
      },
      'scoring.yaml:9:14 escalation[0].when.deal_value.min: expected min <= max, got min 5 and max 1: no request can match',
    ],
    [
      "an export's cell: file:line and its header",
      { code: 'INVALID_CURRENCY', severity: 'warning', file: 'x.csv', line: 4, column: 'Code', value: 'ZZZ', args: { amount: '100' } },
      'x.csv:4 column "Code": "ZZZ" is not an ISO 4217 currency code; the amount "100" counts as missing',
    ],
    [
      'the file as a whole',
      { code: 'DEAL_NOT_CLOSED', severity: 'notice', file: 'deals.csv', args: { rows: 1 } },
      'deals.csv: skipped 1 row whose stage is neither won nor lost (open deals are not win/loss evidence)',
    ],
    [
      'no file: the message alone (a path without a column is not shown)',
      { code: 'WIN_LOSS_NOT_GIVEN', severity: 'warning', path: 'lost_value', args: { field: 'lost_value' } },
      'the config uses lost_value, which comes from a win/loss export: pass --win-loss deals.csv (until then it is missing for every request)',
    ],
    [
      'warnings past the first few of a kind: how many more, 30 - 5 = 25',
      {
        code: 'INVALID_NUMBER',
        severity: 'warning',
        file: 'x.csv',
        column: 'Amount',
        args: { isAmount: true },
        omitted: { count: 25, total: 30 },
      },
      'x.csv: 25 more INVALID_NUMBER in column "Amount" not shown (30 in all)',
    ],
  ])('%s', (_name, issue, line) => {
    expect(formatIssue(issue)).toBe(line);
  });
});

describe('listFindings', () => {
  it('lists the first 20 findings with their codes, then how many more: 23 - 20 = 3', () => {
    const findings: Issue[] = Array.from({ length: 23 }, (_, i) => ({
      code: 'DUPLICATE_KEY',
      severity: 'error',
      file: 'scoring.yaml',
      line: i + 1,
      col: 3,
      args: { key: `k${i}` },
    }));
    const lines = listFindings(findings);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('scoring.yaml:1:3: duplicate key "k0" [DUPLICATE_KEY] error');
    expect(lines[20]).toBe('(3 more not shown)');
  });

  it('escapes control characters a value may hold', () => {
    const issue: Issue = { code: 'DUPLICATE_KEY', severity: 'warning', file: 'a.yaml', line: 1, col: 1, args: { key: 'x\u001b[2J' } };
    expect(formatCodedIssue(issue)).toBe('a.yaml:1:1: duplicate key "x\\u001b[2J" [DUPLICATE_KEY] warning');
    expect(describeIssue(issue)).toBe('duplicate key "x\u001b[2J"');
  });
});
