import { describe, expect, it } from 'vitest';
import { costOfDelayOf, delayCost, orderByCd3, schedule } from '../../../src/core/analysis/cost-of-delay.js';
import { parseDate } from '../../../src/core/text/dates.js';
import { solveKnapsack } from '../../../src/core/analysis/knapsack.js';
import { planRequests, sumOf, type PlanConstraints } from '../../../src/core/analysis/plan.js';
import { rankInOrder as ranked, sizedRequest as request } from '../../helpers/plan-requests.js';

const sizing = {
  field: 'effort',
  sizes: new Map([
    ['s', 2],
    ['m', 4],
    ['l', 8],
  ]),
};
const options = (capacity: number, extra: Partial<PlanConstraints> = {}): PlanConstraints => ({
  capacity,
  objective: 'score',
  sizing,
  ...extra,
});
const ids = (entries: { request: { id: string } }[]) => entries.map((e) => e.request.id);

describe('solveKnapsack', () => {
  it('finds the known optimum of a textbook instance', () => {
    // sizes/values 1/1, 3/4, 4/5, 5/7, capacity 7. Every set that fits: 5/7 + 1/1 = 8 (size 6), 3/4 + 4/5 = 9 (size 7),
    // 1/1 + 3/4 = 5, 1/1 + 4/5 = 6, 1/1 + 5/7 = 8; no three fit (1+3+4 = 8 > 7). Optimum 9: the second and third.
    const picks = solveKnapsack([[{ size: 1, value: 1 }], [{ size: 3, value: 4 }], [{ size: 4, value: 5 }], [{ size: 5, value: 7 }]], 7);
    expect(picks).toEqual([-1, 0, 0, -1]);
  });

  it('takes at most one option of a group', () => {
    // One group offers 2/3 or 4/10; with a 5/6 item and capacity 6: 4/10 alone (10) beats 2/3 + 5/6 (size 7, too big)
    // and 5/6 alone (6); 4/10 + 2/3 would be 13 but both come from one group.
    expect(
      solveKnapsack(
        [
          [
            { size: 2, value: 3 },
            { size: 4, value: 10 },
          ],
          [{ size: 5, value: 6 }],
        ],
        6,
      ),
    ).toEqual([1, -1]);
  });
});

describe('planRequests', () => {
  it('beats taking the ranking from the top when the top request crowds out two that fit together', () => {
    // A 90 (6 weeks), B 80 (5), C 75 (5), capacity 10. From the top: A (6), then B and C no longer fit (6 + 5 > 10): 90.
    // Every set within 10: {A} 90, {B} 80, {C} 75, {B, C} 155 (size 10); {A, B} and {A, C} are 11. Optimum 155, 65 more.
    const plan = planRequests(ranked(request('A', 90, '6'), request('B', 80, '5'), request('C', 75, '5')), options(10));
    expect(ids(plan.greedy)).toEqual(['A']);
    expect(ids(plan.chosen)).toEqual(['B', 'C']);
    expect(sumOf(plan.chosen, 'value') - sumOf(plan.greedy, 'value')).toBe(65);
    expect(plan.isProven).toBe(true);
  });

  it('maximises deal value with --objective deal_value', () => {
    // Capacity 8: A (M 4, $10K) + B (M 4, $50K) = $60K vs C (L 8, $55K) alone; by score C (99) would beat A + B (20).
    const requests = ranked(
      request('C', 99, 'L', { dealValue: 55_000 }),
      request('A', 10, 'M', { dealValue: 10_000 }),
      request('B', 10, 'M', { dealValue: 50_000 }),
    );
    expect(ids(planRequests(requests, options(8, { objective: 'deal_value' })).chosen)).toEqual(['A', 'B']);
    expect(ids(planRequests(requests, options(8)).chosen)).toEqual(['C']);
  });

  it('honours requires: a request comes only with what it needs', () => {
    // A 90 requires B 20; C 60, D 55; all M (4), capacity 8. Without requires A + C = 150 would win.
    // With it, the sets that fit: {A, B} 110, {C, D} 115, {B, C} 80, {B, D} 75: the optimum is C + D.
    // From the top: A with B (8 weeks) fits and fills it: 110.
    const requests = ranked(
      request('A', 90, 'M', { decision: { requires: ['b'] } }),
      request('C', 60, 'M'),
      request('D', 55, 'M'),
      request('B', 20, 'M'),
    );
    const plan = planRequests(requests, options(8));
    expect(ids(plan.chosen)).toEqual(['C', 'D']);
    expect(ids(plan.greedy)).toEqual(['A', 'B']);
    // With capacity 12 the optimum takes A with B: {A, B, C} 170 beats {A, B, D} 165 and {B, C, D} 135.
    expect(ids(planRequests(requests, options(12)).chosen)).toEqual(['A', 'C', 'B']);
  });

  it('takes requests that require each other together or not at all', () => {
    // A (S 2, 50) and B (S 2, 40) require each other; C (M 4, 60). Capacity 4: {A, B} 90 beats C 60; A alone (2, 50) is not allowed.
    const requests = ranked(
      request('A', 50, 'S', { decision: { requires: ['B'] } }),
      request('C', 60, 'M'),
      request('B', 40, 'S', { decision: { requires: ['A'] } }),
    );
    expect(ids(planRequests(requests, options(4)).chosen)).toEqual(['A', 'B']);
    expect(ids(planRequests(requests, options(3)).chosen)).toEqual([]);
  });

  it('counts committed work first and leaves out shipped, declined, deferred and unsized requests, saying why', () => {
    // Capacity 10: IN-PROGRESS (M 4) is committed, so 6 remain: X (M 4) fits, Y (M 4) then does not.
    const plan = planRequests(
      ranked(
        request('DONE', 99, 'S', { status: 'Shipped' }),
        request('NO', 95, 'S', { status: 'Declined' }),
        request('LATER', 94, 'S', { decision: { decision: 'defer', reason: 'Next year' } }),
        request('IN-PROGRESS', 50, 'M', { status: 'In Progress' }),
        request('X', 40, 'M', { decision: { requires: ['DONE', 'IN-PROGRESS'] } }),
        request('Y', 30, 'M'),
        request('HUGE', 30, 'XXL'),
        request('BLANK', 30, undefined),
        request('NEEDS-NO', 90, 'S', { decision: { requires: ['NO'] } }),
        request('NEEDS-NEEDS-NO', 90, 'S', { decision: { requires: ['NEEDS-NO'] } }),
        request('NEEDS-GHOST', 90, 'S', { decision: { requires: ['FR-404'] } }),
      ),
      options(10),
    );
    expect(ids(plan.committed)).toEqual(['IN-PROGRESS']);
    expect(ids(plan.chosen)).toEqual(['X']);
    expect(plan.leftOut.map((l) => [l.request.id, l.reason])).toEqual([
      ['DONE', 'shipped'],
      ['NO', 'not planned'],
      ['LATER', 'deferred'],
      ['HUGE', 'effort "XXL" has no size'],
      ['BLANK', 'no effort'],
      ['NEEDS-NO', 'requires NO, which is left out (not planned)'],
      ['NEEDS-GHOST', 'requires FR-404, which is not in the export'],
      ['NEEDS-NEEDS-NO', 'requires NEEDS-NO, which is left out'],
    ]);
    expect(plan.issues.map((i) => i.code).sort()).toEqual(['PLAN_REQUIREMENT_UNMET', 'PLAN_SIZE_MISSING', 'PLAN_SIZE_UNKNOWN']);
  });

  it('sizes from a number in the field (rounded up, said so) or the largest of several effort values', () => {
    // 2.5 weeks rounds up to 3; S and L on one request size it as L (8).
    const plan = planRequests(ranked(request('A', 10, '2,5'), request('B', 10, undefined, { texts: { effort: ['S', 'L'] } })), options(20));
    expect(plan.chosen.map((e) => [e.request.id, e.size, e.sizeLabel])).toEqual([
      ['A', 3, '2,5'],
      ['B', 8, 'L'],
    ]);
    expect(plan.issues.map((i) => [i.code, i.severity])).toEqual([['PLAN_SIZE_ROUNDED', 'notice']]);
  });

  it('warns about a --committed id the export does not have', () => {
    const plan = planRequests(ranked(request('A', 10, 'S')), options(4, { committed: ['a', 'FR-404'] }));
    expect(ids(plan.committed)).toEqual(['A']);
    expect(plan.issues.map((i) => [i.code, i.value])).toEqual([['PLAN_COMMITTED_UNKNOWN', 'FR-404']]);
  });

  it('warns when committed work alone exceeds the capacity', () => {
    const plan = planRequests(ranked(request('A', 10, 'L', { status: 'Committed' }), request('B', 10, 'S')), options(6));
    expect(ids(plan.chosen)).toEqual([]);
    expect(plan.issues.map((i) => i.code)).toEqual(['PLAN_COMMITTED_OVER_CAPACITY']);
  });

  it('warns that committed work without a size takes no capacity', () => {
    // COMMITTED has no effort: counted as 0, so B (S 2) and C (S 2) both fit the 4.
    const plan = planRequests(
      ranked(request('COMMITTED', 10, undefined, { status: 'Committed' }), request('B', 9, 'S'), request('C', 8, 'S')),
      options(4),
    );
    expect(ids(plan.chosen)).toEqual(['B', 'C']);
    expect(plan.issues.map((i) => i.code)).toEqual(['PLAN_COMMITTED_UNSIZED']);
  });

  it('says when a dependency group is too large to solve exactly, and never does worse than the ranking', () => {
    // 70 requests (S 2) all require BASE (S 2): too many to enumerate, so each is weighed with BASE alone.
    const dependents = Array.from({ length: 70 }, (_, i) => request(`D${i}`, 10, 'S', { decision: { requires: ['BASE'] } }));
    const plan = planRequests(ranked(...dependents, request('BASE', 1, 'S')), options(8));
    expect(plan.isProven).toBe(false);
    expect(plan.issues.map((i) => i.code)).toEqual(['PLAN_NOT_PROVEN_OPTIMAL']);
    // From the top: D0 with BASE (4), then D1 (6), D2 (8): 31.
    expect(sumOf(plan.chosen, 'value')).toBeGreaterThanOrEqual(31);
  });
});

describe('cost of delay', () => {
  it('reproduces the published example: B then A yields 120 over 6 weeks, A then B 100', () => {
    // Baseline 10 a week; A adds 10 a week and takes 2 weeks (CD3 10/2 = 5), B adds 30 and takes 4 (CD3 30/4 = 7.5).
    const a = { name: 'A', costOfDelay: 10, duration: 2 };
    const b = { name: 'B', costOfDelay: 30, duration: 4 };
    const byCd3 = orderByCd3([a, b]);
    expect(byCd3.map((j) => [j.name, j.cd3, j.finish])).toEqual([
      ['B', 7.5, 4],
      ['A', 5, 6],
    ]);
    // Over 6 weeks everything earns (10 + 10 + 30) x 6 = 300, less each job's rate for the weeks before it finishes:
    // B then A: 300 - (30 x 4 + 10 x 6) = 300 - 180 = 120; A then B: 300 - (10 x 2 + 30 x 6) = 300 - 200 = 100.
    expect(300 - delayCost(byCd3)).toBe(120);
    expect(300 - delayCost(schedule([a, b]))).toBe(100);
  });

  it('puts jobs with no cost of delay last, in the order given', () => {
    const jobs = [
      { name: 'X', duration: 1 },
      { name: 'Y', costOfDelay: 1, duration: 10 },
      { name: 'Z', duration: 1 },
    ];
    expect(orderByCd3(jobs).map((j) => j.name)).toEqual(['Y', 'X', 'Z']);
  });

  it('spreads the deal value over the weeks to the nearest close date ahead', () => {
    const asOf = parseDate('2026-03-01')!;
    // 2026-03-29 is 28 days = 4 weeks ahead: $100K / 4 = $25K a week; the February date has passed.
    expect(costOfDelayOf({ dealValue: 100_000, texts: { close_date: ['2/1/2026', '3/29/2026', '6/1/2026'] } }, asOf)).toBe(25_000);
    // 3 days ahead counts as one week: the whole $100K.
    expect(costOfDelayOf({ dealValue: 100_000, texts: { close_date: ['2026-03-04'] } }, asOf)).toBe(100_000);
    expect(costOfDelayOf({ dealValue: 100_000, texts: { close_date: ['2026-02-01'] } }, asOf)).toBeUndefined();
    expect(costOfDelayOf({ texts: { close_date: ['2026-03-29'] } }, asOf)).toBeUndefined();
  });
});
