import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/core/config/schema.js';
import type { FeatureRequest } from '../../../src/core/types.js';
import { renderSalesReport } from '../../../src/reporters/markdown/sales.js';
import { modelOf, requestOf } from '../../core/model-fixtures.js';
import { EFFORT_MAP, reportOf } from '../../helpers/fixtures.js';

// Every money field, one criterion declared money, win/loss counts, and each transform (log, linear, map) on plain fields;
// none has a label, so the only words for most of them would be their keys.
const CRITERIA: NonNullable<Config['criteria']> = {
  deal_size: { weight: 10, field: 'deal_value', scale: 'log', max: 1000 },
  lost_revenue: { weight: 10, field: 'lost_value', scale: 'linear', min: 0, max: 1000 },
  won_revenue: { weight: 10, field: 'won_value', scale: 'log', max: 1000 },
  lost_count: { weight: 10, field: 'lost_deals', scale: 'linear', min: 0, max: 2 },
  won_count: { weight: 10, field: 'won_deals', scale: 'linear', min: 0, max: 2 },
  annual_recurring: { weight: 10, field: 'arr', money: true, scale: 'log', max: 1000, sales: { strong: 'worth {value} a year' } },
  segment_fit: { weight: 10, field: 'segment', map: { Enterprise: 1, SMB: 0.2 } },
  pm_fit: { weight: 10, field: 'alignment', scale: 'linear', min: 1, max: 5 },
  size: { weight: 10, field: 'effort', map: EFFORT_MAP },
  reach_score: { weight: 10, field: 'reach', scale: 'log', max: 1000, sales: { weak: 'reaches only {value} users' } },
  asks: { weight: 10, field: 'accounts', scale: 'linear', min: 0, max: 2 },
};
const KEYS = [...Object.keys(CRITERIA), ...Object.values(CRITERIA).map((c) => c.field)];

// The amounts, chosen so each has digits no date or id here has: 670000 lost, 987654 deal value, 123456 won, 555555 arr.
function request(id: string, isHigh: boolean): FeatureRequest {
  const n = (high: number, low: number) => (isHigh ? high : low);
  return requestOf({
    id,
    title: `Request ${id.slice(-1) === '1' ? 'one' : 'two'}`,
    status: 'Planned',
    accounts: [{ name: 'Acme', dealValue: n(987654, 3) }],
    dealValue: n(987654, 3),
    numbers: {
      deal_value: n(987654, 3),
      lost_value: n(670000, 7),
      won_value: n(123456, 9),
      lost_deals: n(2, 0),
      won_deals: n(2, 0),
      arr: n(555555, 4),
      alignment: n(5, 1),
      reach: n(999, 2),
    },
    texts: { segment: [isHigh ? 'Enterprise' : 'SMB'], effort: [isHigh ? 'XS' : 'XL'] },
  });
}

describe('the sales view names no money and no model key, for every money field and criterion kind', () => {
  // FR-1 scores high on every criterion ("Why it ranks well"), FR-2 low on every one ("What holds it back").
  const text = renderSalesReport(reportOf([request('FR-1', true), request('FR-2', false)], modelOf({ criteria: CRITERIA })), {
    top: 10,
    date: '2026-03-01',
  });

  it('shows the phrases that are safe to forward', () => {
    expect(text).toContain('**Why it ranks well:**');
    expect(text).toContain('**What holds it back:**');
    expect(text).toContain('a strong fit for Enterprise customers');
    expect(text).toContain('a large piece of work');
  });

  it.each(KEYS)('no %s', (key) => {
    // as written, or in words (deal_size -> "deal size"); the default phrases' own words ("customer segments") are not keys
    expect(text).not.toMatch(new RegExp(`\\b(${key}|${key.replace(/_/g, ' ')})\\b`, 'i'));
  });

  it('no amount, in any spelling', () => {
    const withoutDate = text.replace('2026-03-01', '');
    expect(withoutDate).not.toMatch(/[$€£¥]|\d{3}|\d[KMB]\b/);
  });
});

describe.each(['rice', 'wsjf', 'ice'] as const)('the sales view of a %s model', (kind) => {
  const numbers = { reach: 900, impact: 3, confidence: 80, effort: 2, business_value: 8, time_criticality: 5, risk_reduction: 3 };
  const text = renderSalesReport(
    reportOf(
      [
        requestOf({
          id: 'FR-1',
          title: 'One',
          status: 'Planned',
          dealValue: 987654,
          numbers: { ...numbers, deal_value: 987654, job_size: 5, ease: 7 },
        }),
      ],
      modelOf({ model: kind }),
    ),
    { top: 10, date: '2026-03-01' },
  );

  it('names no term of the framework and no amount', () => {
    expect(text).not.toMatch(/\b(reach|impact|confidence|business value|time criticality|risk reduction|job size|ease|deal value)\b/i);
    expect(text.replace('2026-03-01', '')).not.toMatch(/[$€£¥]|\d{3}|\d[KMB]\b/);
  });
});
