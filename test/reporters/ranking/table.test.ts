import { describe, expect, it } from 'vitest';
import { terminalColumns } from '../../../src/context.js';
import { cutToWidth, displayWidth, fitColumns, tableWidth } from '../../../src/reporters/ranking/fit-columns.js';
import { renderTable } from '../../../src/reporters/ranking/table.js';
import { modelOf, requestOf } from '../../core/model-fixtures.js';
import { reportOf } from '../../helpers/fixtures.js';

describe('fitColumns', () => {
  const specs = [
    { natural: 2 },
    { natural: 40, min: 20, growOrder: 1 },
    { natural: 10, hideOrder: 2 },
    { natural: 30, min: 16, hideOrder: 1, growOrder: 2 },
  ];

  it('keeps natural widths when there is no limit or room enough', () => {
    // 2 + 40 + 10 + 30 = 82 of content, 3 a column and 1 more for borders: 82 + 13 = 95
    expect(tableWidth([2, 40, 10, 30])).toBe(95);
    expect(fitColumns(specs)).toEqual([2, 40, 10, 30]);
    expect(fitColumns(specs, 95)).toEqual([2, 40, 10, 30]);
  });

  it('narrows by the minimums, then gives the spare width back in grow order', () => {
    // narrowest: 2 + 20 + 10 + 16 = 48, + 13 = 61; at 70 the spare 9 goes to the second column: 29
    expect(fitColumns(specs, 70)).toEqual([2, 29, 10, 16]);
    // at 90 the spare 29 fills the second column (+20 to 40), then 9 to the fourth: 25
    expect(fitColumns(specs, 90)).toEqual([2, 40, 10, 25]);
  });

  it('hides columns in their order when the minimums do not fit', () => {
    // 61 > 60: hide the fourth column (hideOrder 1): 2 + 20 + 10 + 10 = 42 fits, spare 18 -> second column 38
    expect(fitColumns(specs, 60)).toEqual([2, 38, 10, undefined]);
    // 42 > 40: the third goes too: 2 + 20 + 7 = 29, spare 11 -> 31
    expect(fitColumns(specs, 40)).toEqual([2, 31, undefined, undefined]);
  });

  it('narrows a growable column below its minimum rather than overflow a tiny terminal', () => {
    // 2 + 20 + 7 = 29 > 20: the second column gives up 9: 11
    expect(fitColumns(specs, 20)).toEqual([2, 11, undefined, undefined]);
  });
});

describe('cutToWidth', () => {
  it.each([
    ['SSO via Okta', 20, 'SSO via Okta'],
    ['SSO via Okta', 8, 'SSO via…'],
    // CJK characters are two columns wide: 3 of them (6) and the ellipsis (1) fit in 7
    ['日本語の要望', 7, '日本語…'],
    ['日本語の要望', 8, '日本語…'],
  ])('%j at %i -> %j', (text, width, expected) => {
    expect(cutToWidth(text, width)).toBe(expected);
    expect(displayWidth(cutToWidth(text, width))).toBeLessThanOrEqual(width);
  });
});

describe('terminalColumns', () => {
  it.each([
    ['120', 80, 120],
    ['120', undefined, 120],
    [undefined, 100, 100],
    [undefined, undefined, 80],
    ['wide', undefined, 80],
    ['0', 90, 90],
  ])('COLUMNS=%s, terminal %s -> %i', (env, terminal, expected) => {
    expect(terminalColumns(env, terminal)).toBe(expected);
  });
});

const model = modelOf({
  criteria: {
    money: { weight: 3, field: 'deal_value', scale: 'log', max: 1000000 },
    effort: { weight: 1, field: 'effort', map: { S: 1, L: 0 } },
  },
  horizons: [{ name: 'Now', min_score: 60 }, { name: 'Later' }],
  escalation: [{ name: 'Strategic deal', when: { deal_value: { min: 500000 } } }],
});

const requests = [
  ['FR-1', 'Single sign-on via Okta and Azure AD for every workspace', 1000000, ['Enterprise', 'Mid-Market', 'Public Sector']],
  ['FR-2', 'Rechnungen in mehreren Währungen (€, £, CHF) 🚀', 999, ['SMB']],
  ['FR-3', '日本語の請求書テンプレート', 5000, ['Startup']],
] as const;

const report = reportOf(
  requests.map(([id, title, amount, segments]) =>
    requestOf({
      id,
      title,
      dealValue: amount,
      numbers: { deal_value: amount },
      accounts: [{ name: `${id} customer`, dealValue: amount }],
      texts: { effort: ['S'], segment: [...segments] },
    }),
  ),
  model,
);

describe('renderTable fits the terminal', () => {
  it.each([40, 60, 80, 100, 120, 200])('at %i columns no line is wider', (columns) => {
    const lines = renderTable(report, { color: false, columns }).trimEnd().split('\n');
    expect(lines.filter((line) => displayWidth(line) > columns)).toEqual([]);
  });

  it('at 60 columns keeps rank, request, score and horizon, and says what it hid', () => {
    // FR-1: money 1 -> 75, effort S -> 25: 100. FR-3: ln(5001)/ln(1000001) = 0.6165 -> 46.2 + 25 = 71.2.
    // FR-2: ln(1000)/ln(1000001) = 0.5 -> 37.5 + 25 = 62.5.
    expect(renderTable(report, { color: false, columns: 60 })).toMatchInlineSnapshot(`
      "┌───┬────────────────────────────────────┬───────┬─────────┐
      │ # │ Request                            │ Score │ Horizon │
      │ 1 │ FR-1 Single sign-on via Okta and … │ 100.0 │ Now     │
      │ 2 │ FR-3 日本語の請求書テンプレート    │  71.2 │ Now     │
      │ 3 │ FR-2 Rechnungen in mehreren Währu… │  62.5 │ Now     │
      └───┴────────────────────────────────────┴───────┴─────────┘
      3 requests from 3 rows of requests.csv · model: scoring.yaml
      deal values in USD
      to fit 60 columns: hid Deal value, Accts, Segments,
      Escalation, Top drivers; cut long cells (--wide shows all)
      "
    `);
  });

  it('at 80 columns adds the account count and the escalation', () => {
    expect(renderTable(report, { color: false, columns: 80 })).toMatchInlineSnapshot(`
      "┌───┬──────────────────────────────┬───────┬────────────┬─────────┬────────────┐
      │ # │ Request                      │ Score │ Deal value │ Horizon │ Escalation │
      │ 1 │ FR-1 Single sign-on via Okt… │ 100.0 │        $1M │ Now     │ ⚑ Strateg… │
      │ 2 │ FR-3 日本語の請求書テンプレ… │  71.2 │        $5K │ Now     │            │
      │ 3 │ FR-2 Rechnungen in mehreren… │  62.5 │       $999 │ Now     │            │
      └───┴──────────────────────────────┴───────┴────────────┴─────────┴────────────┘
      3 requests from 3 rows of requests.csv · model: scoring.yaml
      deal values in USD
      to fit 80 columns: hid Accts, Segments, Top drivers; cut long cells (--wide
      shows all)
      "
    `);
  });

  it('at 200 columns, or with no width (--wide), shows every column in full', () => {
    const wide = renderTable(report, { color: false });
    expect(renderTable(report, { color: false, columns: 200 })).toBe(wide);
    expect(wide).toContain('Enterprise, Mid-Market, Public Sector');
    expect(wide).toContain('Single sign-on via Okta and Azure AD for every workspace');
    expect(wide).not.toContain('to fit');
  });
});
