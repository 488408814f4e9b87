import { describe, expect, it } from 'vitest';
import type { FeatureRequest } from '../../../src/core/types.js';
import { roundToTotal } from '../../../src/reporters/markdown/pm.js';
import { modelOf, requestOf } from '../../core/model-fixtures.js';
import { DEAL_ALIGNMENT_EFFORT, FIXTURE_FILES, loadFixtureReport, renderPmReportOf, reportOf } from '../../helpers/fixtures.js';

const model = DEAL_ALIGNMENT_EFFORT;

const OPTIONS = { top: 1, date: '2026-03-01' };

function request(id: string, title: string, dealValue: number, alignment: number, effort: string, extra: Partial<FeatureRequest> = {}) {
  return requestOf({
    id,
    title,
    accounts: [{ name: `${id} Corp`, dealValue }],
    dealValue,
    numbers: { deal_value: dealValue, alignment },
    texts: { effort: [effort], segment: ['Enterprise'] },
    ...extra,
  });
}

const HOSTILE = [
  '<script>alert(1)</script>',
  'Pipe | in | title',
  '`code` and ```fence',
  '# Heading\nsecond line',
  '[click](javascript:alert(1)) <img src=x onerror=alert(1)>',
  '"quoted": [0.5, 0.5]',
];

describe('renderPmReport', () => {
  it('lays out summary, chart, lane and requests', () => {
    const report = reportOf([request('FR-1', 'SSO', 300000, 5, 'S'), request('FR-2', 'Dark mode', 1000, 2, 'XL')], model);
    expect(renderPmReportOf(report, OPTIONS)).toMatchInlineSnapshot(`
      "# Feature request report

      - **Date:** 2026-03-01
      - **Source:** requests.csv: 2 rows, 2 requests
      - **Model:** scoring.yaml
      - **Deal values in:** USD
      - **Horizons:** Now ≥ 75: 1 · Next ≥ 50: 0 · Later: 1
      - **Expedite lane:** 1 request meeting an escalation rule, 1 request one condition short

      ## Model

      | Criterion | Field | Weight | Max points | Description |
      | --- | --- | ---: | ---: | --- |
      | deal\\_value | deal\\_value | 40 | 50.0 |  |
      | alignment | alignment | 30 | 37.5 |  |
      | effort | effort | 10 | 12.5 |  |

      ## Top 1

      | # | Request | Score | Horizon | Deal value | Accounts | Escalation |
      | ---: | --- | ---: | --- | ---: | ---: | --- |
      | 1 | FR-1 SSO | 91.0 | Now | <span>$</span>300K | 1 | Strategic deal |

      ## Value vs effort

      Each point is a request, numbered by rank. Value is the share of the non-effort points a request earns; effort is 1 minus its effort score. The lines split the 1 request shown at their medians: value above 0.5 counts as high (every request shown has the same value, so the line is at the middle); effort above 0.5 counts as high (every request shown has the same effort, so the line is at the middle). Within a quadrant, points keep their order but are spread out and nudged apart so none overlap; the table gives the exact figures.

      \`\`\`mermaid
      quadrantChart
        title Value vs effort, top 1
        x-axis Low effort --> High effort
        y-axis Low value --> High value
        quadrant-1 Big bets
        quadrant-2 Quick wins
        quadrant-3 Fill-ins
        quadrant-4 Reconsider
        "1": [0.250, 0.741]
      \`\`\`

      | # | Request | Value | Effort |
      | ---: | --- | ---: | --- |
      | 1 | FR-1 SSO | 0.93 | 0.20 (S) |

      By quadrant:

      - **Quick wins:** 1. FR-1 SSO
      - **Big bets:** none
      - **Fill-ins:** none
      - **Reconsider:** none

      ## Expedite lane

      Requests that meet every condition of an escalation rule, whatever their score:

      - FR-1 SSO meets **Strategic deal**: deal\\_value <span>$</span>300,000 (at least <span>$</span>250,000); segment Enterprise (matches Enterprise)

      Requests one condition short of a rule:

      - FR-2 Dark mode is one condition short of **Strategic deal**: deal\\_value <span>$</span>1,000 (needs at least <span>$</span>250,000, <span>$</span>249,000 short); meets segment Enterprise (matches Enterprise)

      ## Requests

      ### 1. FR-1 SSO

      **Score 91.0** · **Now** · 1 account · <span>$</span>300K · ⚑ Strategic deal

      | Criterion | Value | Points |
      | --- | --- | ---: |
      | deal\\_value | <span>$</span>300K across 1 account | 43.5 of 50.0 |
      | alignment | 5 | 37.5 of 37.5 |
      | effort | S | 10.0 of 12.5 |
      | **Total** |  | **91.0 of 100** |

      - **Accounts:** FR-1 Corp (<span>$</span>300K)
      - **Horizon Now:** score 91.0 reaches Now (75)
      - **Holds it back:** deal\\_value <span>$</span>300K across 1 account loses 6.5 of 50.0 points; effort S loses 2.5 of 12.5 points

      <details>
      <summary>1 more request (rank 2)</summary>

      ### 2. FR-2 Dark mode

      **Score 33.2** · **Later** · 1 account · <span>$</span>1K

      | Criterion | Value | Points |
      | --- | --- | ---: |
      | deal\\_value | <span>$</span>1K across 1 account | 23.8 of 50.0 |
      | alignment | 2 | 9.4 of 37.5 |
      | effort | XL | 0.0 of 12.5 |
      | **Total** |  | **33.2 of 100** |

      - **Accounts:** FR-2 Corp (<span>$</span>1K)
      - **Horizon Later:** score 33.2 is 16.8 points short of Next (50)
      - **Holds it back:** alignment 2 loses 28.1 of 37.5 points; deal\\_value <span>$</span>1K across 1 account loses 26.2 of 50.0 points
      - **To reach Next (50):** +<span>$</span>140K in deal value (score 50.2); or alignment 4 instead of 2 (score 51.9)

      </details>
      "
    `);
  });

  it('shows a decision and its reason, escaped', () => {
    const declined = {
      ...request('FR-2', 'Dark mode', 1000, 2, 'XL'),
      decision: { decision: 'decline' as const, reason: 'Off strategy | see <roadmap>', date: '2026-02-01' },
    };
    const report = reportOf([request('FR-1', 'SSO', 300000, 5, 'S')], model);
    report.ranked.push({ ...report.ranked[0]!, ...declined, rank: 2 });
    const text = renderPmReportOf(report, OPTIONS);
    expect(text).toContain('- **Decision: Declined**: Off strategy \\| see &lt;roadmap&gt; (2026-02-01)');
  });

  it('keeps hostile titles inside their table cells and headings, with no markup', () => {
    const requests = HOSTILE.map((title, i) =>
      request(`H-${i}`, title, 100000 * (i + 1), 3, 'M', { accounts: [{ name: title, dealValue: 1000 }] }),
    );
    const text = renderPmReportOf(reportOf(requests, model), { ...OPTIONS, top: 10 });
    expect(text).not.toMatch(/<(script|img)/i);
    const prose = text.replace(/```mermaid[\s\S]*?```/, '');
    expect(prose).not.toMatch(/(?<!\\)[`[\]]/);
    for (const table of tablesOf(text)) {
      const widths = table.map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size).toBe(1);
    }
    const headings = text.split('\n').filter((line) => line.startsWith('#'));
    expect(headings.filter((h) => !/^(# Feature request report|## [A-Z][\w ]+|### \d+\. .+)$/.test(h))).toEqual([]);
    expect(headings.filter((h) => h.startsWith('### '))).toHaveLength(HOSTILE.length);
    expect(checkMermaid(text)).toEqual([]);
  });

  it('puts requests below the top N in a collapsed section', () => {
    const report = reportOf([request('FR-1', 'SSO', 300000, 5, 'S'), request('FR-2', 'Dark mode', 1000, 2, 'XL')], model);
    const text = renderPmReportOf(report, OPTIONS);
    const details = text.slice(text.indexOf('<details>'));
    expect(details).toMatch(/^<details>\n<summary>1 more request \(rank 2\)<\/summary>\n\n### 2\. FR-2 Dark mode/);
    expect(details.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('plots at most 20 requests, and says so', () => {
    const many = Array.from({ length: 25 }, (_, i) => request(`FR-${i + 1}`, `Request ${i + 1}`, 1000 * (i + 1), 3, 'M'));
    const text = renderPmReportOf(reportOf(many, model), { top: 25, date: '2026-03-01' });
    expect(text.match(/^ {2}"\d+": \[/gm)).toHaveLength(20);
    expect(text).toContain('numbered by rank (the top 20)');
    const few = renderPmReportOf(reportOf(many.slice(0, 5), model), { top: 25, date: '2026-03-01' });
    expect(few).toContain('numbered by rank. ');
  });

  it('renders an export without requests, and a model without effort, without a chart', () => {
    const empty = renderPmReportOf(reportOf([], model), OPTIONS);
    expect(empty).toContain('No requests to plot.');
    expect(empty).not.toContain('```mermaid');
    const noEffort = modelOf({ criteria: { alignment: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 } } });
    const text = renderPmReportOf(reportOf([requestOf({ id: 'A', numbers: { alignment: 3 } })], noEffort), OPTIONS);
    expect(text).toContain('The model has no criterion reading the effort field');
    expect(text).toContain('The model has no escalation rules.');
  });

  it('states escalation thresholds to the cent', async () => {
    // hubspot-deals.csv: SSO via Okta (SAML) = 180,000 + 69,999.50 = 249,999.50, Enterprise, 50 cents short of 250,000.
    const text = renderPmReportOf(await loadFixtureReport('hubspot-deals.csv'), OPTIONS);
    expect(text).toContain(
      '- SSO via Okta (SAML) is one condition short of **Strategic deal**: deal\\_value <span>$</span>249,999.50 (needs at least <span>$</span>250,000, <span>$</span>0.50 short); meets segment',
    );
  });

  describe.each(FIXTURE_FILES)('for %s', (file) => {
    it('draws a valid quadrantChart and a contribution table that adds up', async () => {
      const text = renderPmReportOf(await loadFixtureReport(file), { top: 10, date: '2026-03-01' });
      expect(checkMermaid(text)).toEqual([]);
      const contributions = tablesOf(text).filter((t) => t[0] === '| Criterion | Value | Points |');
      expect(contributions.length).toBeGreaterThan(0);
      for (const table of contributions) {
        const points = table.slice(2, -1).map((row) => Number(/\| ([\d.]+) of [\d.]+ \|$/.exec(row)![1]));
        const total = Number(/\*\*([\d.]+) of 100\*\*/.exec(table.at(-1)!)![1]);
        expect(Math.round(points.reduce((a, b) => a + b, 0) * 10)).toBe(Math.round(total * 10));
      }
    });
  });
});

describe('roundToTotal', () => {
  it('rounds so the parts add up to the rounded total', () => {
    // 1.04 + 1.04 + 1.04 = 3.12 -> 3.1; plain rounding gives 1.0 * 3 = 3.0, so the largest remainder gets the extra tenth.
    expect(roundToTotal([1.04, 1.04, 1.04], 3.1)).toEqual([1.1, 1, 1]);
    expect(roundToTotal([32.71, 20, 30, 8], 90.7)).toEqual([32.7, 20, 30, 8]);
  });
});

/** The markdown tables of a document, each as its lines. */
function tablesOf(text: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (!current) tables.push((current = []));
    current.push(line);
  }
  return tables;
}

const MERMAID_LINES = [
  /^quadrantChart$/,
  /^ {2}title [\w ,]+$/,
  /^ {2}x-axis [\w ]+ --> [\w ]+$/,
  /^ {2}y-axis [\w ]+ --> [\w ]+$/,
  /^ {2}quadrant-[1-4] [\w -]+$/,
];
// As mermaid's quadrant.jison lexes them: a quoted name, then each coordinate as 1 or 0(.digits).
const POINT = /^ {2}"([^"\n`<>[\]{}#%;]+)": \[(1|0(?:\.\d+)?), (1|0(?:\.\d+)?)\]$/;

/** The problems of the first mermaid block, against the quadrantChart grammar GitHub renders. */
function checkMermaid(text: string): string[] {
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1];
  if (block === undefined) return ['no mermaid block'];
  const problems: string[] = [];
  const lines = block.split('\n');
  if (lines[0] !== 'quadrantChart') problems.push('first line is not quadrantChart');
  for (const line of lines) {
    const point = POINT.exec(line);
    if (point) {
      const [x, y] = [Number(point[2]), Number(point[3])];
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) problems.push(`point outside [0,1]: ${line}`);
    } else if (!MERMAID_LINES.some((re) => re.test(line))) {
      problems.push(`not quadrantChart syntax: ${line}`);
    }
  }
  if (!lines.some((l) => POINT.test(l))) problems.push('no points');
  return problems;
}
