import { summaryOf } from '../helpers/fixtures.js';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRequests } from '../../src/core/requests/group.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequests } from '../../src/core/scoring/score.js';
import type { Mention } from '../../src/core/types.js';
import { renderCsv } from '../../src/reporters/ranking/csv.js';
import { renderDiagnostics } from '../../src/reporters/diagnostics.js';
import { escapeControls } from '../../src/reporters/words/format.js';
import { renderTable } from '../../src/reporters/ranking/table.js';
import type { RankingReport } from '../../src/core/ranking.js';
import { modelOf } from '../core/model-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const model = modelOf({
  criteria: {
    money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 },
    effort: { weight: 1, field: 'effort', map: { S: 1 } },
  },
});

// Cells from a hostile export: formula starts, quotes, separators, newlines, control and bidi characters.
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', '\u001b[2J', '\u202e', ' '), fc.string({ maxLength: 8 }))
    .map(([a, b]) => a + b),
);
const mentions = fc.array(
  fc.record({
    id: hostile,
    title: hostile,
    account: hostile,
    effort: hostile,
    status: hostile,
    deal: fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 6 },
);

interface HostileRow {
  id: string;
  title: string;
  account: string;
  effort: string;
  status: string;
  deal: number | undefined;
}

function reportOf(rows: HostileRow[]): RankingReport {
  const input = rows.map((r, i): Mention => ({
    line: i + 2,
    ids: r.id.trim() ? [r.id] : [],
    title: r.title,
    account: r.account,
    numbers: r.deal === undefined ? {} : { deal_value: r.deal },
    texts: { effort: [r.effort], status: [r.status], segment: [r.title] },
  }));
  const ranked = rankRequests(scoreRequests(groupRequests(input, model.aggregate).requests, model));
  const summary = summaryOf('x.csv', rows.length);
  return { ranked, issues: [], summary, model, configSource: 'test' };
}

const NUMERIC = new Set(['rank', 'score', 'deal_value', 'account_count', 'money_raw', 'money_points', 'effort_points']);
const FORMULA_START = /^[=+\-@\t\r]/;

describe('output safety', () => {
  it('every text cell of the CSV output is inert in a spreadsheet; numbers stay numbers', () => {
    fc.assert(
      fc.property(mentions, (rows) => {
        const report = reportOf(rows);
        const [header, ...records] = parse(renderCsv(report, { color: false })) satisfies string[][];
        expect(records).toHaveLength(report.ranked.length);
        records.forEach((record, i) => {
          header!.forEach((column, c) => {
            const cell = record[c]!;
            if (!NUMERIC.has(column)) expect(cell).not.toMatch(FORMULA_START);
            else if (cell !== '') expect(Number(cell)).not.toBeNaN();
          });
          // money to the cent, empty when unknown; + 0: -0 prints as 0
          const dealValue = report.ranked[i]!.dealValue;
          const cell = record[header!.indexOf('deal_value')];
          expect(cell === '' ? undefined : Number(cell) + 0).toBe(
            dealValue === undefined ? undefined : Math.round(dealValue * 100) / 100 + 0,
          );
        });
      }),
    );
  });

  it('the table and the warnings never pass a control character from the input to the terminal', () => {
    fc.assert(
      fc.property(mentions, (rows) => {
        const report = reportOf(rows);
        const text =
          renderTable(report, { color: false }) +
          renderDiagnostics([{ code: 'X', severity: 'warning', message: rows[0]!.title }], { color: false });
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });

  it('a warning stays on one line, whatever its message holds', () => {
    const text = renderDiagnostics([{ code: 'X', severity: 'warning', message: 'cell "a\nb\r\tc\u001b"' }], { color: false });
    expect(text).toBe('warning: cell "a\\nb\\r\\tc\\u001b"\n');
  });

  it('escapeControls shows what it removed', () => {
    expect(escapeControls('a\u001b[2Jb\u0007\u202e\tc\nd')).toBe('a\\u001b[2Jb\\u0007\\u202e\tc\nd');
  });

  it('the CLI escapes an escape sequence in a cell, in the table and in its warnings', async () => {
    const csv = 'Title,Amount,Effort\n"Evil\u001b]8;;http://x\u0007link",100,S\nB,"\u001b[2J 5",S\n';
    const result = await runCli(['score', '-', '--top', '5', '--wide'], { input: csv });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Evil\\u001b]8;;http://x\\u0007link');
    expect(result.stderr).toContain('"\\u001b[2J 5" is not an amount');
    expect(result.stdout + result.stderr).not.toContain('\u001b');
  });
});
