import { describe, expect, it } from 'vitest';
import type { Decision, FeatureRequest } from '../../../src/core/types.js';
import { renderSalesReport } from '../../../src/reporters/markdown/sales.js';
import { modelOf, requestOf } from '../../core/model-fixtures.js';
import { EFFORT_MAP, reportOf } from '../../helpers/fixtures.js';

const model = modelOf({
  criteria: {
    deal_value: { weight: 50, field: 'deal_value', scale: 'log', max: 2000000 },
    effort: { weight: 50, field: 'effort', map: EFFORT_MAP },
  },
  horizons: [{ name: 'Now', min_score: 75 }, { name: 'Next', min_score: 50 }, { name: 'Later' }],
});

function request(id: string, status: string, accounts: [string, number][], extra: Partial<FeatureRequest> & { decision?: Decision } = {}) {
  const dealValue = accounts.reduce((sum, [, v]) => sum + v, 0);
  return requestOf({
    id,
    title: `${id} title`,
    status,
    accounts: accounts.map(([name, value]) => ({ name, dealValue: value })),
    dealValue,
    numbers: { deal_value: dealValue },
    texts: { effort: ['S'] },
    ...extra,
  });
}

const REQUESTS = [
  request('FR-1', 'Committed', [
    ['Acme Corp', 1234567],
    ['Globex', 45000],
  ]),
  request('FR-2', 'Exploring', [['Initech', 987654]]),
  request('FR-3', 'Backlog', [['Acme Corp', 31337]], { title: 'Export for Globex and Initech' }),
  request('FR-4', 'Planned', [['Globex', 55555]], {
    decision: { decision: 'decline', reason: 'Initech asked for the opposite; off strategy', horizon: 'Later' },
  }),
];
const OPTIONS = { top: 10, date: '2026-03-01' };

describe('renderSalesReport', () => {
  it('groups requests by commitment, with timing only for Committed and Planned', () => {
    expect(renderSalesReport(reportOf(REQUESTS, model), OPTIONS)).toMatchInlineSnapshot(`
      "# Feature request update

      - **Date:** 2026-03-01
      - **Requests:** 4: Committed 1 · Planned 0 · Exploring 2 · Not planned 1

      Customer names and amounts are left out, so it can be forwarded as it is. What each commitment means:

      - **Committed:** we are building it.
      - **Planned:** on the roadmap; plans can still change.
      - **Exploring:** under evaluation. There is no date and no commitment.
      - **Not planned:** we do not plan to build it at this time.

      | Request | Commitment | Timing |
      | --- | --- | --- |
      | FR-1 FR-1 title | Committed | Now |
      | FR-2 FR-2 title | Exploring | No date |
      | FR-3 Export for a customer and a customer | Exploring | No date |
      | FR-4 FR-4 title | Not planned | No date |

      ## Committed

      ### FR-1 FR-1 title

      - **Commitment:** Committed, target Now
      - **Asked by:** 2 customers
      - **Why it ranks well:** quick to build

      ## Exploring

      ### FR-2 FR-2 title

      - **Commitment:** Exploring, no date
      - **Asked by:** 1 customer
      - **Why it ranks well:** quick to build

      ### FR-3 Export for a customer and a customer

      - **Commitment:** Exploring, no date
      - **Asked by:** 1 customer
      - **Why it ranks well:** quick to build

      ## Not planned

      ### FR-4 FR-4 title

      - **Commitment:** Not planned, no date
      - **Asked by:** 1 customer
      - **Why it ranks well:** quick to build
      - **Reason:** a customer asked for the opposite; off strategy
      "
    `);
  });

  it('names no customer, no deal value and no score', () => {
    const text = renderSalesReport(reportOf(REQUESTS, model), OPTIONS);
    for (const name of ['Acme', 'Globex', 'Initech']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/[$€£]|\d\.\d|1,234|987|31337|55,?555|45,?000/);
    expect(text).not.toMatch(/score|points/i);
  });

  it('with an account, shows only its requests and names no other customer', () => {
    const text = renderSalesReport(reportOf(REQUESTS, model), { ...OPTIONS, account: 'ACME corp' });
    expect(text).toContain('- **Customer:** Acme Corp');
    expect(text.match(/^### .*/gm)).toEqual(['### FR-1 FR-1 title', '### FR-3 Export for a customer and a customer']);
    expect(text).not.toMatch(/Globex|Initech/);
    expect(text).toContain('- **Asked by:** this customer and 1 other customer');
  });

  it('never gives Exploring a date, whatever the horizon', () => {
    const text = renderSalesReport(reportOf(REQUESTS, model), OPTIONS);
    const exploring = text.slice(text.indexOf('## Exploring'), text.indexOf('## Not planned'));
    expect(exploring).toContain('Exploring, no date');
    expect(exploring).not.toMatch(/\b(Now|Next|Later)\b|\d{4}|target/);
    const rows = text.split('\n').filter((l) => /\| Exploring \|/.test(l));
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.endsWith('| No date |'))).toBe(true);
  });

  it('relays a decline as Not planned with its reason, other names removed', () => {
    const text = renderSalesReport(reportOf(REQUESTS, model), OPTIONS);
    const item = text.slice(text.indexOf('### FR-4'));
    expect(item).toContain('- **Commitment:** Not planned, no date');
    expect(item).toContain('- **Reason:** a customer asked for the opposite; off strategy');
  });
});
