import { summaryOf } from '../helpers/fixtures.js';
import { describe, expect, it } from 'vitest';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequests } from '../../src/core/scoring/score.js';
import { renderCsv, safeCell } from '../../src/reporters/ranking/csv.js';
import { formatMoney } from '../../src/reporters/words/format.js';
import { renderJson } from '../../src/reporters/ranking/json.js';
import { renderTable } from '../../src/reporters/ranking/table.js';
import type { RankingReport } from '../../src/core/ranking.js';
import { modelOf, requestOf } from '../core/model-fixtures.js';

const model = modelOf({
  criteria: {
    money: { weight: 3, field: 'deal_value', scale: 'log', max: 999999 },
    effort: { weight: 1, field: 'effort', map: { S: 1, L: 0 } },
  },
  horizons: [{ name: 'Now', min_score: 60 }, { name: 'Later' }],
  escalation: [{ name: 'Big', when: { deal_value: { min: 500000 } } }],
});

const report: RankingReport = {
  ranked: rankRequests(
    scoreRequests(
      [
        requestOf({
          id: 'FR-1',
          title: 'SSO via Okta',
          dealValue: 999999,
          numbers: { deal_value: 999999 },
          accounts: [{ name: 'Acme', dealValue: 999999 }],
          texts: { effort: ['L'], segment: ['Enterprise'] },
        }),
        requestOf({
          id: '=HYPERLINK("x")',
          title: '+cmd|calc',
          dealValue: 999,
          numbers: { deal_value: 999 },
          accounts: [{ name: '@evil' }],
          texts: { effort: ['S'] },
        }),
      ],
      model,
    ),
  ),
  issues: [
    { code: 'INVALID_NUMBER', severity: 'warning', line: 3, column: 'Amount', path: 'deal_value', value: 'TBD', message: 'x.csv:3 ...' },
  ],
  summary: { ...summaryOf('x.csv', 2), currency: 'USD', columns: { title: 'Title' } },
  model,
  configSource: 'scoring.yaml',
};

describe('renderTable', () => {
  it('lays out rank, request, score, money, horizon, escalation and drivers', () => {
    // FR-1: money 1 -> 75 points, effort L 0 -> 75; the other: ln(1000)/ln(1e6) = 0.5 -> 37.5, effort S -> 25 -> 62.5
    expect(renderTable(report, { color: false })).toMatchInlineSnapshot(`
      "┌───┬───────────────────────────┬───────┬────────────┬───────┬────────────┬─────────┬────────────┬─────────────────────────┐
      │ # │ Request                   │ Score │ Deal value │ Accts │ Segments   │ Horizon │ Escalation │ Top drivers             │
      │ 1 │ FR-1 SSO via Okta         │  75.0 │        $1M │     1 │ Enterprise │ Now     │ ⚑ Big      │ money 75.0              │
      │ 2 │ =HYPERLINK("x") +cmd|calc │  62.5 │       $999 │     1 │            │ Now     │            │ money 37.5, effort 25.0 │
      └───┴───────────────────────────┴───────┴────────────┴───────┴────────────┴─────────┴────────────┴─────────────────────────┘
      2 requests from 2 rows of x.csv · model: scoring.yaml
      deal values in USD
      "
    `);
  });

  it('says how many requests --top leaves out', () => {
    expect(renderTable(report, { color: false, top: 1 })).toContain('1 more request not shown: use --top 2 or --format csv');
  });
});

describe('renderJson', () => {
  it('keeps scores unrounded and lists warnings with their row', () => {
    const output = JSON.parse(renderJson(report, { color: false })) as {
      requests: { id: string; score: number; criteria: Record<string, { points: number }> }[];
      warnings: unknown[];
    };
    expect(output.requests.map((r) => r.id)).toEqual(['FR-1', '=HYPERLINK("x")']);
    expect(output.requests[1]!.score).toBeCloseTo(37.5 + 25, 10);
    expect(output.warnings).toEqual([
      { row: 3, column: 'Amount', field: 'deal_value', value: 'TBD', code: 'INVALID_NUMBER', severity: 'warning', message: 'x.csv:3 ...' },
    ]);
  });
});

describe('conversions to the base currency', () => {
  const converted: RankingReport = {
    ...report,
    ranked: report.ranked.map((r) => (r.id === 'FR-1' ? { ...r, texts: { ...r.texts, converted_from: ['EUR', 'ZAR'] } } : r)),
    summary: {
      ...report.summary,
      conversions: { EUR: { rate: 1.1, rows: 3 }, ZAR: { column: 'Amount (converted)', rows: 1 } },
    },
  };

  it('JSON says, per request, which currencies its amounts were converted from and how', () => {
    const output = JSON.parse(renderJson(converted, { color: false })) as {
      requests: { id: string; converted: unknown[] }[];
      summary: { currency: string; conversions: unknown };
    };
    expect(output.requests.map((r) => [r.id, r.converted])).toEqual([
      [
        'FR-1',
        [
          { currency: 'EUR', rate: 1.1, column: null },
          { currency: 'ZAR', rate: null, column: 'Amount (converted)' },
        ],
      ],
      ['=HYPERLINK("x")', []],
    ]);
    expect(output.summary).toMatchObject({
      currency: 'USD',
      conversions: { EUR: { rate: 1.1, column: null, rows: 3 }, ZAR: { rate: null, column: 'Amount (converted)', rows: 1 } },
    });
  });

  it('the table names the base currency and each conversion', () => {
    expect(renderTable(converted, { color: false })).toContain('deal values in USD (converted: EUR at 1.1, ZAR by "Amount (converted)")');
  });
});

describe('renderCsv', () => {
  it('escapes cells that a spreadsheet would run as formulas, and leaves numbers alone', () => {
    const lines = renderCsv(report, { color: false }).trim().split('\n');
    expect(lines[0]).toBe(
      'rank,id,title,score,horizon,escalations,deal_value,account_count,accounts,unattributed,segments,status,money_raw,money_points,effort_raw,effort_points',
    );
    expect(lines[2]).toBe(`2,"'=HYPERLINK(""x"")",'+cmd|calc,62.5,Now,,999,1,'@evil,0,,,999,37.5,S,25`);
  });

  it('prints money to the cent and scores to 4 decimals, with no float noise, and a BOM on request', () => {
    // 12,000.10 + 73,292.44 sums to 85292.54000000001 in floating point; the cell must read 85292.54.
    const dealValue = 12000.1 + 73292.44;
    const noisy: RankingReport = {
      ...report,
      ranked: rankRequests(
        scoreRequests([requestOf({ id: 'FR-9', dealValue, numbers: { deal_value: dealValue }, texts: { effort: ['S'] } })], model),
      ),
    };
    const csv = renderCsv(noisy, { color: false });
    const row = csv.trim().split('\n')[1]!.split(',');
    // money: ln(85293.54)/ln(1e6) = 11.353854/13.815511 = 0.821819 -> 75 x 0.821819 = 61.63645; effort S: 25 -> 86.6365
    expect(row[3]).toBe('86.6365');
    expect(row[6]).toBe('85292.54');
    expect(row[12]).toBe('85292.54');
    expect(csv).not.toMatch(/\d\.\d{5,}/);
    expect(csv.startsWith('\uFEFF')).toBe(false);
    expect(renderCsv(noisy, { color: false, hasBom: true })).toBe(`\uFEFF${csv}`);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    [-5, -5],
  ])('safeCell(%j) = %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [950, 'USD', '$950'],
    [999999, 'USD', '$1M'],
    [120000, 'GBP', '£120K'],
    [85292.54, 'USD', '$85.3K'],
    [1384133.32, 'EUR', '€1.4M'],
    [250000, 'CHF', '250K CHF'],
    [-1000, 'USD', '-$1K'],
    [undefined, 'USD', '—'],
  ])('%s %s -> %s', (value, currency, expected) => {
    expect(formatMoney(value, currency)).toBe(expected);
  });
});

describe('framework reports', () => {
  const riceModel = modelOf({ model: 'rice', horizons: [{ name: 'Now', min_score: 500 }, { name: 'Later' }] });
  const riceRequest = (id: string, effort: number | undefined) =>
    requestOf({
      id,
      title: `${id} title`,
      numbers: { reach: 450, confidence: 1, ...(effort === undefined ? {} : { effort }) },
      texts: { impact: ['massive'] },
    });
  const riceReport: RankingReport = {
    ...report,
    issues: [],
    model: riceModel,
    ranked: rankRequests(scoreRequests([riceRequest('B', undefined), riceRequest('A', 2)], riceModel)),
  };

  it('show the score in its own unit, the explanation, and unscorable requests last', () => {
    // A: 450 x 3 x 100% / 2 = 675 -> Now; B has no effort
    expect(renderTable(riceReport, { color: false })).toMatchInlineSnapshot(`
      "┌───┬───────────┬──────┬────────────┬───────┬──────────┬─────────┬────────────┬─────────────────────────────────────────────────────┐
      │ # │ Request   │ RICE │ Deal value │ Accts │ Segments │ Horizon │ Escalation │ Explanation                                         │
      │ 1 │ A A title │  675 │          — │     0 │          │ Now     │            │ 450 reach x 3 impact x 100% / 2 person-months = 675 │
      │ 2 │ B B title │    — │          — │     0 │          │ —       │            │ cannot be scored: effort missing                    │
      └───┴───────────┴──────┴────────────┴───────┴──────────┴─────────┴────────────┴─────────────────────────────────────────────────────┘
      2 requests from 2 rows of x.csv · model: scoring.yaml
      deal values in USD
      "
    `);
  });

  it('leave an unscorable score empty in csv and null in json', () => {
    const lines = renderCsv(riceReport, { color: false }).trim().split('\n');
    expect(lines[0]).toBe(
      'rank,id,title,score,horizon,escalations,deal_value,account_count,accounts,unattributed,segments,status,reach,impact,confidence,effort,explanation',
    );
    expect(lines[1]).toBe('1,A,A title,675,Now,,,0,,0,,,450,massive,1,2,450 reach x 3 impact x 100% / 2 person-months = 675');
    expect(lines[2]).toBe('2,B,B title,,,,,0,,0,,,450,massive,1,,cannot be scored: effort missing');
    const json = JSON.parse(renderJson(riceReport, { color: false })) as {
      requests: { score: number | null; unscorable: string | null }[];
    };
    expect(json.requests.map((r) => [r.score, r.unscorable])).toEqual([
      [675, null],
      [null, 'effort missing'],
    ]);
  });
});
