import { describe, expect, it } from 'vitest';
import {
  applyChange,
  findCounterfactuals,
  roundingStep,
  roundUp,
  takesWholeValues,
  type Counterfactual,
} from '../../../src/core/analysis/counterfactual.js';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequest } from '../../../src/core/scoring/score.js';
import type { RankedRequest, ScoringModel, WeightedModel } from '../../../src/core/types.js';
import { modelOf, requestOf, weightedOf } from '../model-fixtures.js';
import { EFFORT_MAP, FIXTURE_FILES, loadFixtureReport, reportOf } from '../../helpers/fixtures.js';

const HORIZONS = [{ name: 'Now', min_score: 75 }, { name: 'Next', min_score: 50 }, { name: 'Later' }];

const dealAndEffort = modelOf({
  criteria: {
    deal: { weight: 50, field: 'deal_value', scale: 'log', max: 999 },
    effort: { weight: 50, field: 'effort', map: EFFORT_MAP },
  },
  horizons: HORIZONS,
});

const alignmentAndEffort = modelOf({
  criteria: {
    alignment: { weight: 50, field: 'alignment', scale: 'linear', min: 1, max: 5, missing: 0.5 },
    effort: { weight: 50, field: 'effort', map: EFFORT_MAP },
  },
  horizons: HORIZONS,
});

function counterfactualsOf(report: ReturnType<typeof reportOf>, id: string, top = 10): Counterfactual[] {
  const request = report.ranked.find((r) => r.id === id)!;
  return findCounterfactuals(request, report.ranked, report.model, top);
}

describe('findCounterfactuals', () => {
  it('inverts the log scale exactly and rounds the increase up to two significant digits', () => {
    // deal 9: s = ln(10)/ln(1000) = 1/3 -> 16.67 points; effort L 0.25 -> 12.5; score 29.17 (Later).
    // Next needs 50: s' = 1/3 + 20.83/50 = 0.75 -> x = 1000^0.75 - 1 = 176.83, an increase of 167.83 -> 170 -> 179.
    // Effort needs s >= 0.25 + 20.83/50 = 0.667: M (0.5) is short, S (0.8) reaches: 16.67 + 40 = 56.67.
    const report = reportOf([requestOf({ id: 'A', numbers: { deal_value: 9 }, dealValue: 9, texts: { effort: ['L'] } })], dealAndEffort);
    const found = counterfactualsOf(report, 'A');
    expect(found.map((c) => c.change)).toEqual([
      { kind: 'number', criterion: 'deal', field: 'deal_value', from: 9, to: 179 },
      { kind: 'text', criterion: 'effort', field: 'effort', from: 'L', to: 'S' },
    ]);
    expect(found[1]!.score).toBeCloseTo(56.667, 3);
    expect(found.every((c) => c.target.kind === 'horizon' && c.target.horizon === 'Next')).toBe(true);
  });

  it('inverts the linear scale exactly: a + s(b - a), keeping an exact landing on the threshold', () => {
    // alignment 2: s = 0.25 -> 12.5; effort M -> 25; score 37.5 (Later). Next needs +12.5 points:
    // s' = 0.25 + 12.5/50 = 0.5 -> x = 1 + 0.5 * 4 = 3, which scores exactly 50.
    const report = reportOf([requestOf({ id: 'A', numbers: { alignment: 2 }, texts: { effort: ['M'] } })], alignmentAndEffort);
    const [first] = counterfactualsOf(report, 'A');
    expect(first?.change).toEqual({ kind: 'number', criterion: 'alignment', field: 'alignment', from: 2, to: 3 });
    expect(first?.score).toBe(50);
  });

  it('aims only at the next horizon, and skips a criterion that cannot reach it alone', () => {
    // alignment 1 (0 points), effort XL (0 points), Later: Next needs 50 points, and each criterion is worth
    // exactly 50 at its best (alignment 5, effort XS). Now is two horizons up, so it is not a target.
    const report = reportOf([requestOf({ id: 'A', numbers: { alignment: 1 }, texts: { effort: ['XL'] } })], alignmentAndEffort);
    expect(counterfactualsOf(report, 'A').map((c) => c.change.to)).toEqual([5, 'XS']);
    // alignment 5 (50) + effort XL (0) = 50, Next. Now needs 25 more: alignment is at its maximum; effort M (0.5) gives 25.
    const next = reportOf([requestOf({ id: 'B', numbers: { alignment: 5 }, texts: { effort: ['XL'] } })], alignmentAndEffort);
    expect(counterfactualsOf(next, 'B').map((c) => c.change)).toEqual([
      { kind: 'text', criterion: 'effort', field: 'effort', from: 'XL', to: 'M' },
    ]);
  });

  it('suggests only whole values on a whole-numbered scale, and any value on a 0-1 scale', () => {
    // alignment 3.5 (1-5): s = 0.625 -> 31.25; effort S (0.8) -> 40; 71.25 (Next). Now needs +3.75 points:
    // s' = 0.625 + 3.75/50 = 0.7 -> x = 1 + 0.7 * 4 = 3.8, not a value triage offers: 4 (s 0.75), 37.5 + 40 = 77.5.
    const report = reportOf([requestOf({ id: 'A', numbers: { alignment: 3.5 }, texts: { effort: ['S'] } })], alignmentAndEffort);
    const [first] = counterfactualsOf(report, 'A');
    expect(first!.change).toEqual({ kind: 'number', criterion: 'alignment', field: 'alignment', from: 3.5, to: 4 });
    expect(first!.score).toBe(77.5);
    const confidence = modelOf({
      criteria: { confidence: { weight: 1, field: 'confidence', scale: 'linear', min: 0, max: 1 } },
      horizons: [{ name: 'Now', min_score: 75 }, { name: 'Later' }],
    });
    // confidence 0.5 -> 50 (Later); Now needs s = 0.75 -> 0.75, which a 0-1 scale takes as it is
    const half = reportOf([requestOf({ id: 'B', numbers: { confidence: 0.5 } })], confidence);
    expect(counterfactualsOf(half, 'B')[0]!.change.to).toBe(0.75);
  });

  it('moves a request into the top N past the request now Nth', () => {
    // B: alignment 4 (37.5) + effort M (25) = 62.5, rank 1; A: alignment 3 (25) + M (25) = 50, rank 2.
    // Top 1 needs 62.5 and the tie-break: alignment s = 0.75 -> x = 4 ties B at 62.5, and A sorts before B
    // by id (neither has a deal value); effort S: 25 + 40 = 65.
    const report = reportOf(
      [
        requestOf({ id: 'A', numbers: { alignment: 3 }, texts: { effort: ['M'] } }),
        requestOf({ id: 'B', numbers: { alignment: 4 }, texts: { effort: ['M'] } }),
      ],
      alignmentAndEffort,
    );
    const top = counterfactualsOf(report, 'A', 1).filter((c) => c.target.kind === 'top');
    expect(top.map((c) => c.change.to)).toEqual([4, 'S']);
  });

  it('fills a missing value with the value that reaches the target', () => {
    // alignment missing counts 0.5 -> 25; effort XL -> 0; score 25 (Later). Next: s' = 0.5 + 25/50 = 1 -> alignment 5.
    const report = reportOf([requestOf({ id: 'A', texts: { effort: ['XL'] } })], alignmentAndEffort);
    expect(counterfactualsOf(report, 'A')[0]?.change).toEqual({ kind: 'number', criterion: 'alignment', field: 'alignment', to: 5 });
  });
});

describe('roundUp', () => {
  it.each([
    [178342, 180000],
    [180000, 180000],
    [4.27, 4.3],
    [0.0123, 0.013],
    [9, 9],
  ])('%d -> %d', (value, expected) => {
    expect(roundUp(value)).toBe(expected);
  });
});

/** Applies the change to the input, re-scores it and re-ranks it among the others. */
function replay(request: RankedRequest, counterfactual: Counterfactual, ranked: readonly RankedRequest[], model: ScoringModel) {
  const changed = scoreRequest(applyChange(request, counterfactual.change), model);
  const reranked = rankRequests([...ranked.filter((r) => r !== request), changed]);
  return { changed, rank: reranked.find((r) => r.id === request.id)!.rank };
}

describe.each(FIXTURE_FILES)('counterfactuals for %s, applied and re-scored', (file) => {
  const TOP = 5;

  it('each reaches the claimed horizon or rank, and one step less does not', async () => {
    const report = await loadFixtureReport(file);
    const horizons = report.model.horizons.map((h) => h.name);
    let checked = 0;
    for (const request of report.ranked) {
      for (const c of findCounterfactuals(request, report.ranked, report.model, TOP)) {
        const { changed, rank } = replay(request, c, report.ranked, report.model);
        if (c.target.kind === 'horizon') {
          expect(changed.horizon).toBe(c.target.horizon);
          expect(horizons.indexOf(changed.horizon!)).toBeLessThan(horizons.indexOf(request.horizon!));
        } else {
          expect(rank).toBeLessThanOrEqual(TOP);
        }
        expect(changed.score).toBeCloseTo(c.score, 9);
        // alignment (1-5) takes whole values, as triage offers them: never "4.2 instead of 4"
        if (c.change.field === 'alignment') expect(Number.isInteger(c.change.to)).toBe(true);
        const smaller = smallerChange(c, weightedOf(report.model));
        if (smaller) {
          const replayed = replay(request, { ...c, change: smaller }, report.ranked, report.model);
          const reached = c.target.kind === 'horizon' ? replayed.changed.horizon === c.target.horizon : replayed.rank <= TOP;
          expect(reached).toBe(false);
        }
        checked += 1;
      }
    }
    // Every fixture has requests below the top 5 and below the first horizon.
    expect(checked).toBeGreaterThan(5);
  });
});

/** The next smaller candidate: one rounding step less, or the mapped value just below. */
function smallerChange(c: Counterfactual, model: WeightedModel): Counterfactual['change'] | undefined {
  const change = c.change;
  if (change.kind === 'number') {
    const base = change.field === 'deal_value' ? (change.from ?? 0) : 0;
    const isWhole = takesWholeValues(model.criteria.find((x) => x.name === change.criterion)!);
    const smaller = isWhole ? change.to - 1 : change.to - roundingStep(change.to - base);
    return change.from !== undefined && smaller <= change.from ? undefined : { ...change, to: smaller };
  }
  const criterion = model.criteria.find((x) => x.name === change.criterion)!;
  if (criterion.transform.kind !== 'map') return undefined;
  const { map, labels } = criterion.transform;
  const target = map.get(change.to.toLowerCase())!;
  const current = c.score - (target - 0) * 0; // the current value is below every candidate tried
  const below = [...map].filter(([, v]) => v < target).sort((a, b) => b[1] - a[1])[0];
  return below && current >= 0 ? { ...change, to: labels?.get(below[0]) ?? below[0] } : undefined;
}
