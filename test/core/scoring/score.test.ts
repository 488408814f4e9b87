import { describe, expect, it } from 'vitest';
import { checkEscalation, findEscalations } from '../../../src/core/scoring/escalate.js';
import { horizonFor, scoreRequest } from '../../../src/core/scoring/score.js';
import { normalizeCriterion } from '../../../src/core/scoring/weighted.js';
import { modelOf, requestOf } from '../model-fixtures.js';

const logModel = modelOf({ criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 999 } } });

describe('criterion transforms', () => {
  it.each([
    // log: ln(1 + min(x, M)) / ln(1 + M) with M = 999, so ln(1000) is the denominator
    [0, 0],
    [9, Math.log(10) / Math.log(1000)], // = 1/3
    [99, Math.log(100) / Math.log(1000)], // = 2/3
    [999, 1],
    [5000, 1], // capped at max
    [-50, 0], // negative counts as 0
  ])('log scale: %d -> %d', (x, expected) => {
    const result = normalizeCriterion(logModel.criteria[0]!, requestOf({ id: 'A', numbers: { deal_value: x } }));
    expect(result.normalized).toBeCloseTo(expected, 12);
  });

  const linear = modelOf({ criteria: { fit: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 } } }).criteria[0]!;
  it.each([
    [1, 0],
    [2, 0.25], // (2-1)/(5-1)
    [3.5, 0.625], // (3.5-1)/4
    [5, 1],
    [0, 0], // clamped to min
    [9, 1], // clamped to max
  ])('linear 1..5: %d -> %d', (x, expected) => {
    expect(normalizeCriterion(linear, requestOf({ id: 'A', numbers: { alignment: x } })).normalized).toBe(expected);
  });

  const map = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { XS: 1, M: 0.5, XL: 0 }, default: 0.2 } } }).criteria[0]!;
  it.each([
    [['M'], 0.5, 'M'],
    [['xs'], 1, 'xs'], // case-insensitive
    [['XL', 'M'], 0.5, 'M'], // best mapped value over the request's rows
    [['Huge'], 0.2, 'Huge'], // not in the map -> default
  ])('map %j -> %d', (texts, expected, raw) => {
    expect(normalizeCriterion(map, requestOf({ id: 'A', texts: { effort: texts } }))).toEqual({ raw, normalized: expected });
  });

  it('a missing value has no normalized value; the scorer uses `missing`', () => {
    expect(normalizeCriterion(map, requestOf({ id: 'A' }))).toEqual({});
    const model = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { XS: 1 }, missing: 0.4 } } });
    const scored = scoreRequest(requestOf({ id: 'A' }), model);
    expect(scored.criteria.effort).toEqual({ normalized: 0.4, points: 40, isMissing: true });
  });
});

describe('scoreRequest', () => {
  const model = modelOf({
    criteria: {
      money: { weight: 3, field: 'deal_value', scale: 'log', max: 999 },
      fit: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 },
    },
    horizons: [{ name: 'Now', min_score: 70 }, { name: 'Next', min_score: 40 }, { name: 'Later' }],
  });

  it('score = 100 * sum(w*s) / sum(w), and the points add up to it', () => {
    // money: ln(100)/ln(1000) = 2/3, weight 3 -> 100 * 3 * (2/3) / 4 = 50
    // fit: (2-1)/4 = 0.25, weight 1 -> 100 * 1 * 0.25 / 4 = 6.25; score = 56.25 -> Next
    const scored = scoreRequest(requestOf({ id: 'A', numbers: { deal_value: 99, alignment: 2 } }), model);
    expect(scored.criteria.money!.points).toBeCloseTo(50, 10);
    expect(scored.criteria.fit!.points).toBeCloseTo(6.25, 10);
    expect(scored.score).toBeCloseTo(56.25, 10);
    expect(scored.horizon).toBe('Next');
  });

  it.each([
    [70, 'Now'],
    [69.999, 'Next'],
    [40, 'Next'],
    [0, 'Later'],
  ])('horizon of %d is %s (first threshold reached wins)', (score, horizon) => {
    expect(horizonFor(score, model.horizons)).toBe(horizon);
  });

  it('has no horizon when every horizon has a threshold above the score', () => {
    expect(horizonFor(10, [{ name: 'Now', min_score: 50 }])).toBeUndefined();
  });
});

describe('escalation rules', () => {
  const rule = { name: 'Strategic deal', when: { deal_value: { min: 250000 }, segment: ['Enterprise'] } };
  it.each([
    [250000, ['Enterprise'], true, false], // min is inclusive
    [249999.5, ['Enterprise'], false, true], // one condition short: a near miss
    [900000, ['SMB', 'enterprise'], true, false], // any row's value, case-insensitive
    [900000, ['SMB'], false, true],
    [1000, ['SMB'], false, false],
    [undefined, ['Enterprise'], false, true], // no deal value: the condition fails
  ])('deal %s, segments %j -> met %s, near miss %s', (deal, segments, isMet, isNearMiss) => {
    const request = requestOf({ id: 'A', numbers: deal === undefined ? {} : { deal_value: deal }, texts: { segment: segments } });
    expect(checkEscalation(request, rule)).toMatchObject({ isMet, isNearMiss });
    expect(findEscalations(request, [rule])).toEqual(isMet ? ['Strategic deal'] : []);
  });

  it('counts accounts only, never the rows that name none', () => {
    const request = requestOf({ id: 'A', accounts: [{ name: 'a' }, { name: 'b' }], unattributed: { mentions: 5 } });
    expect(findEscalations(request, [{ name: 'Broad', when: { accounts: { min: 3 } } }])).toEqual([]);
  });

  it('supports max and the derived accounts count', () => {
    const request = requestOf({ id: 'A', accounts: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], numbers: { effort_days: 4 } });
    expect(findEscalations(request, [{ name: 'Broad and cheap', when: { accounts: { min: 3 }, effort_days: { max: 5 } } }])).toEqual([
      'Broad and cheap',
    ]);
  });
});

describe('field: accounts', () => {
  // 2 accounts and 6 rows that name none; linear 0..10
  const request = requestOf({ id: 'A', accounts: [{ name: 'Acme' }, { name: 'Beta' }], unattributed: { mentions: 6 } });
  const reach = { weight: 1, field: 'accounts', scale: 'linear', min: 0, max: 10 } as const;

  it('counts the accounts asking, not the unattributed mentions, by default', () => {
    // 2 / 10 = 0.2
    expect(normalizeCriterion(modelOf({ criteria: { reach } }).criteria[0]!, request)).toEqual({ raw: 2, normalized: 0.2 });
  });

  it('counts the unattributed mentions too with count_unattributed: true', () => {
    // (2 + 6) / 10 = 0.8
    const counting = modelOf({ criteria: { reach: { ...reach, count_unattributed: true } } }).criteria[0]!;
    expect(normalizeCriterion(counting, request)).toEqual({ raw: 8, normalized: 0.8 });
  });
});
