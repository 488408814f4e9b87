import { describe, expect, it } from 'vitest';
import { digestChanges } from '../../src/core/analysis/digest.js';
import { checkCondition, reviewEscalations } from '../../src/core/scoring/escalate.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequests } from '../../src/core/scoring/score.js';
import type { Condition } from '../../src/core/config/schema.js';
import { joinWinLoss } from '../../src/core/analysis/winloss.js';
import { renderDigestMarkdown } from '../../src/reporters/digest.js';
import { renderEscalations } from '../../src/reporters/escalations.js';
import { describeCondition, describeShortfall } from '../../src/reporters/words/conditions.js';
import { renderWinLoss } from '../../src/reporters/winloss.js';
import { modelOf, requestOf } from '../core/model-fixtures.js';

const usd = { currency: 'USD', asOf: 20573 }; // 2026-04-30

describe('escalation wording', () => {
  const request = requestOf({
    id: 'A',
    numbers: { deal_value: 180000, effort: 8 },
    texts: { segment: ['SMB'], close_date: ['6/30/2026'] },
  });
  it.each([
    // thresholds to the cent, never rounded to $250K: 250,000 - 180,000 = 70,000 short; 8 - 5 = 3 over
    ['deal_value', { min: 250000 }, 'deal value $180,000 of the $250,000 needed, $70,000 short'],
    ['effort', { max: 5 }, 'effort 8, 3 above the 5 allowed'],
    ['alignment', { min: 3 }, 'no alignment (at least 3 needed)'],
    ['segment', ['Enterprise', 'Mid-Market'], 'segment SMB, needs Enterprise or Mid-Market'],
    ['industry', ['Health'], 'no industry, needs Health'],
    // 4/30 -> 6/30: May 31 + June 30 = 61 days
    ['close_date', { within_days: 30 }, 'close date 6/30/2026 is in 61 days, needs within 30'],
  ] satisfies [string, Condition, string][])('%s %j -> %s', (field, condition, words) => {
    const check = checkCondition(request, field, condition, usd.asOf);
    expect(check.holds).toBe(false);
    expect(describeShortfall(check, usd)).toBe(words);
  });

  it.each([
    ['deal_value', { min: 250000 }, 'deal value at least $250,000'],
    ['lost_value', { min: 1000, max: 2000000 }, 'lost value between $1,000 and $2,000,000'],
    // a criterion's field the config declares money is money too; undeclared, it is a plain number
    ['arr', { min: 1000 }, 'arr at least $1,000'],
    ['seats', { min: 1000 }, 'seats at least 1,000'],
    ['close_date', { within_days: 60 }, 'close date within 60 days of 2026-04-30'],
  ] satisfies [string, Condition, string][])('describes %s %j as "%s"', (field, condition, words) => {
    const model = modelOf({ criteria: { revenue: { weight: 1, field: 'arr', money: true, scale: 'log', max: 1e6 } } });
    expect(describeCondition(field, condition, { ...usd, model })).toBe(words);
  });

  it('tells a past close date from a future one', () => {
    // 4/28 is 2 days before the as-of date 4/30; 5/2 two days after
    const past = checkCondition(requestOf({ id: 'P', texts: { close_date: ['4/28/2026'] } }), 'close_date', { within_days: 1 }, usd.asOf);
    const ahead = checkCondition(requestOf({ id: 'F', texts: { close_date: ['5/2/2026'] } }), 'close_date', { within_days: 1 }, usd.asOf);
    expect(describeShortfall(past, usd)).toBe('close date 4/28/2026 was 2 days ago, needs within 1');
    expect(describeShortfall(ahead, usd)).toBe('close date 5/2/2026 is in 2 days, needs within 1');
  });
});

describe('renderEscalations', () => {
  it('lays out each rule with owner, review period, who meets it and what near misses lack', () => {
    const model = modelOf({ criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } } });
    const ranked = rankRequests(
      scoreRequests(
        [
          requestOf({ id: 'FR-1', title: 'SSO', numbers: { deal_value: 300000 }, texts: { segment: ['Enterprise'] } }),
          requestOf({ id: 'FR-2', title: 'Audit log', numbers: { deal_value: 180000 }, texts: { segment: ['Enterprise'] } }),
        ],
        model,
      ),
    );
    const rule = {
      name: 'Strategic deal',
      owner: 'VP Sales',
      review_within: '5 business days',
      when: { deal_value: { min: 250000 }, segment: ['Enterprise'] },
    };
    expect(renderEscalations(reviewEscalations(ranked, [rule]), usd)).toMatchInlineSnapshot(`
      "# Escalation path (as of 2026-04-30)

      ## Strategic deal

      When: deal value at least $250,000 and segment is Enterprise
      Owner: VP Sales · review within 5 business days

      Meets it (1):
      - #1 FR-1 SSO (score 91.3): deal value $300,000, segment Enterprise

      Misses it by one condition (1):
      - #2 FR-2 Audit log (score 87.6): deal value $180,000 of the $250,000 needed, $70,000 short
      "
    `);
  });
});

describe('renderWinLoss and renderDigestMarkdown', () => {
  const requests = [requestOf({ id: 'FR-1', title: 'SSO' }), requestOf({ id: 'FR-2', title: 'Audit | log' })];
  const join = joinWinLoss(
    requests,
    [
      { line: 2, name: 'Acme', segment: 'SMB', stage: 'Closed Lost', amount: 50000, reason: 'Price', cited: ['FR-1'] },
      { line: 3, name: 'Beta', segment: 'Enterprise', stage: 'Closed Won', amount: 20000, cited: ['FR-2; Zapier'] },
    ],
    'deals.csv',
  );
  const model = modelOf({ criteria: { lost: { weight: 1, field: 'lost_value', scale: 'linear', min: 0, max: 100000 } } });
  const ranked = rankRequests(scoreRequests(join.requests, model));

  it('renders the win/loss review', () => {
    expect(renderWinLoss({ join, source: 'deals.csv', currency: 'USD', ranked })).toMatchInlineSnapshot(`
      "# Win/loss review

      2 closed deals in deals.csv: 1 won ($20K), 1 lost ($50K).

      ## Loss reasons by lost value

      | Reason | Lost deals | Lost value | By segment |
      |---|---:|---:|---|
      | Price | 1 | $50K | SMB $50K (1) |

      ## Requests cited in lost deals vs. their rank

      | Request | Cited in lost deals | Rank | Horizon | Cited in won deals |
      |---|---:|---:|---|---:|
      | FR-1 SSO | $50K (1) | #1 of 2 | — | $0 (0) |

      ## Citations that match no request

      - "Zapier" (line 3): 0 lost deals ($0), 1 won deal ($20K)
      "
    `);
  });

  it('renders the digest', () => {
    const digest = digestChanges(ranked.slice(1), ranked);
    expect(renderDigestMarkdown({ digest, previous: 'last.csv', current: 'this.csv', currency: 'USD', kind: 'weighted' }))
      .toMatchInlineSnapshot(`
      "# Weekly digest: last.csv → this.csv

      ## Shipped since the last export (0)

      - none

      ## New requests (1)

      - FR-1 SSO: 0 accounts, —; ranked #1

      ## New accounts asking (0)

      - none

      ## Biggest movers

      - none

      ## Newly escalated

      - none

      ## Patterns by segment

      - none

      ## No longer in the export (0)

      - none
      "
    `);
  });
});
