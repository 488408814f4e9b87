import { describe, expect, it } from 'vitest';
import { sequencePlan } from '../../src/core/analysis/cost-of-delay.js';
import { planRequests } from '../../src/core/analysis/plan.js';
import { rankInOrder, sizedRequest as request } from '../helpers/plan-requests.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/reporters/plan.js';

const plan = planRequests(
  rankInOrder(
    request('FR-1', 90, '6'),
    request('FR-2', 80, 'M', { status: 'In Progress' }),
    request('FR-3', 75, '5'),
    request('FR-4', 70, '5'),
    request('FR-5', 60, '|pipe|'),
  ),
  { capacity: 14, objective: 'score', sizing: { field: 'effort', sizes: new Map([['m', 4]]) } },
);
const view = { plan, source: 'requests.csv', model: { kind: 'weighted' as const } };

describe('plan reporters', () => {
  it('sets the plan beside the ranking from the top in the terminal', () => {
    expect(renderPlanText(view)).toMatchInlineSnapshot(`
      "Plan for a capacity of 14 from requests.csv, maximising score
      Committed first: 4 of 14 (FR-2 4).
      ┌────────────────────────────┬──────┬─────────────────────────────────┬──────┐
      │ Best plan (proven optimal) │ Size │ Taking the ranking from the top │ Size │
      │ #3 FR-3 Title FR-3         │    5 │ #1 FR-1 Title FR-1              │    6 │
      │ #4 FR-4 Title FR-4         │    5 │                                 │      │
      │ 10 of 10 · score 145.0     │      │ 6 of 10 · score 90.0            │      │
      └────────────────────────────┴──────┴─────────────────────────────────┴──────┘
      The plan is worth 55.0 more in total score (145.0 against 90.0): it takes FR-3, FR-4 instead of FR-1.
      Left out: 1 with no size (--format markdown lists each).
      "
    `);
  });

  it('writes markdown with the left-out requests, escaped', () => {
    expect(renderPlanMarkdown(view)).toMatchInlineSnapshot(`
      "# Plan for a capacity of 14 from requests.csv, maximising score

      Committed first: 4 of 14 (FR-2 4).

      | Best plan (proven optimal) | Size | Taking the ranking from the top | Size |
      | --- | ---: | --- | ---: |
      | \\#&#8288;3 FR-3 Title FR-3 | 5 | \\#&#8288;1 FR-1 Title FR-1 | 6 |
      | \\#&#8288;4 FR-4 Title FR-4 | 5 |  |  |
      | **10 of 10 · score 145.0** |  | **6 of 10 · score 90.0** |  |

      The plan is worth 55.0 more in total score (145.0 against 90.0): it takes FR-3 Title FR-3, FR-4 Title FR-4 instead of FR-1 Title FR-1.

      ## Left out (1)

      | Request | Why |
      | --- | --- |
      | \\#&#8288;5 FR-5 Title FR-5 | effort "\\|pipe\\|" has no size |
      "
    `);
  });

  it('says so when no planned request has a cost of delay, rather than print a zero', () => {
    const text = renderPlanText({ ...view, sequence: sequencePlan(plan.chosen, 0) });
    expect(text).toContain('No planned request has a deal value and a close date ahead');
    expect(text).not.toContain('Waiting costs');
  });

  it('heads an unproven plan as such, in every format', () => {
    // 70 requests that all require BASE form one group too large to enumerate (see test/core/plan.test.ts).
    const dependents = Array.from({ length: 70 }, (_, i) => request(`D${i}`, 10, 'M', { decision: { requires: ['BASE'] } }));
    const unproven = planRequests(rankInOrder(...dependents, request('BASE', 1, 'M')), {
      capacity: 8,
      objective: 'score',
      sizing: { field: 'effort', sizes: new Map([['m', 4]]) },
    });
    const unprovenView = { ...view, plan: unproven };
    expect(renderPlanText(unprovenView)).toContain('Best plan found (not proven optimal)');
    expect(renderPlanMarkdown(unprovenView)).toContain('| Best plan found (not proven optimal) |');
    expect(JSON.parse(renderPlanJson(unprovenView))).toMatchObject({ is_proven_optimal: false });
  });
});
