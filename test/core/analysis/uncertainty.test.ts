import { describe, expect, it } from 'vitest';
import { studyUncertainty } from '../../../src/core/analysis/uncertainty.js';
import { resolveRanges } from '../../../src/core/requests/ranges.js';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequests } from '../../../src/core/scoring/score.js';
import type { FeatureRequest, ScoringModel } from '../../../src/core/types.js';
import { modelOf, requestOf } from '../model-fixtures.js';

/** score = reach: one criterion, linear from 0 to 100, so a request's score is its reach. */
const REACH = modelOf({ criteria: { reach: { weight: 1, field: 'reach', scale: 'linear', min: 0, max: 100 } } });

function rank(requests: FeatureRequest[], model: ScoringModel = REACH) {
  return rankRequests(scoreRequests(resolveRanges(requests, model), model));
}

const reach = (id: string, value: string) =>
  requestOf({ id, texts: { reach: [value] }, numbers: /-/.test(value) ? {} : { reach: Number(value) } });

describe('studyUncertainty', () => {
  it('reproduces P(top 1) of two uniform scores within 1% at 20k samples', () => {
    // A ~ U(20, 60), B ~ U(40, 50). For B = b, P(A > b) = (60 - b) / 40; averaged over b in [40, 50]
    // that is (60 - 45) / 40 = 0.375. So P(A first) = 0.375 and P(B first) = 0.625.
    const ranked = rank([reach('A', '20-60'), reach('B', '40-50')]);
    // Each ranks at its midpoint first: B 45, A 40.
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['B', 45],
      ['A', 40],
    ]);
    const study = studyUncertainty(ranked, REACH, { top: 1, samples: 20_000, seed: 7 });
    expect(study.requests[1]!.topShare).toBeGreaterThan(0.375 - 0.01);
    expect(study.requests[1]!.topShare).toBeLessThan(0.375 + 0.01);
    expect(study.requests[0]!.topShare + study.requests[1]!.topShare).toBe(1);
  });

  it('gives the 10th-90th percentile rank interval', () => {
    // X ~ U(0, 100) among fixed scores 80, 50, 20: X ranks 1st with P 0.2, 2nd 0.3, 3rd 0.3, 4th 0.2,
    // so 10% of samples reach rank 1 and 90% rank 4: (1-4). The 80 is 2nd only when X > 80 (P 0.2): (1-2).
    // The 20 is 3rd only when X < 20 (P 0.2), else 4th: 10% reach 3 and 90% reach 4: (3-4).
    const ranked = rank([reach('HI', '80'), reach('MID', '50'), reach('LO', '20'), reach('X', '0-100')]);
    const study = studyUncertainty(ranked, REACH, { top: 2, samples: 20_000, seed: 1 });
    const byId = Object.fromEntries(ranked.map((r, i) => [r.id, study.requests[i]!.interval]));
    expect(byId).toEqual({ HI: { low: 1, high: 2 }, X: { low: 1, high: 4 }, MID: { low: 2, high: 3 }, LO: { low: 3, high: 4 } });
  });

  it('draws a label range uniformly over its labels', () => {
    // effort S-L is S (1), M (0.5) or L (0), each with P 1/3; FIXED's value is not in the map and scores
    // the default 0.6, so only S puts R first: P 1/3.
    const model = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { S: 1, M: 0.5, L: 0 }, default: 0.6 } } });
    const ranked = rank(
      [requestOf({ id: 'FIXED', texts: { effort: ['unknown'] } }), requestOf({ id: 'R', texts: { effort: ['S-L'] } })],
      model,
    );
    // The range scores its middle label, M (50), as the config spells it.
    expect(ranked.map((r) => [r.id, r.score, r.criteria.effort!.raw])).toEqual([
      ['FIXED', 60, 'unknown'],
      ['R', 50, 'M'],
    ]);
    const study = studyUncertainty(ranked, model, { top: 1, samples: 20_000, seed: 3 });
    expect(Math.abs(study.requests[1]!.topShare - 1 / 3)).toBeLessThan(0.01);
  });

  it('varies a criterion with a confidence by up to 1 - confidence', () => {
    // confidence 0.5: A = 0.6 + 0.5a, B = 0.4 + 0.5b with a, b ~ U(-1, 1) (clamping never swaps them here).
    // A > B when a - b > -0.4; a - b is triangular on (-2, 2) with density (2 - |t|) / 4, so
    // P(a - b <= -0.4) = (2 - 0.4)^2 / 8 = 0.32 and P(A first) = 0.68.
    const model = modelOf({ criteria: { reach: { weight: 1, field: 'reach', scale: 'linear', min: 0, max: 100, confidence: 0.5 } } });
    const ranked = rank([reach('A', '60'), reach('B', '40')], model);
    const study = studyUncertainty(ranked, model, { top: 1, samples: 20_000, seed: 5 });
    expect(Math.abs(study.requests[0]!.topShare - 0.68)).toBeLessThan(0.01);
    expect(study.confidences).toEqual([{ criterion: 'reach', confidence: 0.5 }]);
  });

  it('ranks inputs by how much resolving them changes the top N', () => {
    // WIDE (0-100) against a fixed 50: in the top 1 exactly when its draw is in the upper half: decisiveness 1.
    // NARROW (0-10) never reaches the top: 0.
    const ranked = rank([reach('FIXED', '50'), reach('WIDE', '0-100'), reach('NARROW', '0-10')]);
    const study = studyUncertainty(ranked, REACH, { top: 1, samples: 5_000, seed: 2 });
    expect(study.inputs.map((i) => [i.id, i.field, i.text, i.decisiveness])).toEqual([
      ['WIDE', 'reach', '0-100', 1],
      ['NARROW', 'reach', '0-10', 0],
    ]);
  });

  it('samples a framework through its own formula', () => {
    // RICE = reach x impact x confidence / effort; with impact 1, confidence 100% and effort 1 it is the reach.
    // A's reach ~ U(100, 300) beats B's 250 with P (300 - 250) / 200 = 0.25; a range on impact works alike.
    const rice = modelOf({ model: 'rice' });
    const of = (id: string, reach: string, impact: string) =>
      requestOf({ id, numbers: { confidence: 100, effort: 1 }, texts: { reach: [reach], impact: [impact] } });
    const requests = [of('A', '100-300', '1'), of('B', '250', '1'), of('C', '100', '1-3')].map((r) =>
      /-/.test(r.texts.reach![0]!) ? r : { ...r, numbers: { ...r.numbers, reach: Number(r.texts.reach![0]) } },
    );
    const ranked = rank(requests, rice);
    // midpoints: B 250, A 200, C 100 x 2 = 200 (A before C on the tie, by id)
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['B', 250],
      ['A', 200],
      ['C', 200],
    ]);
    const study = studyUncertainty(ranked, rice, { top: 1, samples: 20_000, seed: 4 });
    // C ~ 100 x U(1, 3) = U(100, 300) too. P(A first) = P(A > 250, A > C): A > 250 (P 1/4) and C below A:
    // integral over a in (250, 300) of (a - 100) / 200 da / 200 = [(a - 100)^2 / 2] from 250 to 300 / 40000
    // = (40000 - 22500) / 2 / 40000 = 0.21875; C alike; B first in the rest: 1 - 2 x 0.21875 = 0.5625.
    expect(Math.abs(study.requests[0]!.topShare - 0.5625)).toBeLessThan(0.01);
    expect(Math.abs(study.requests[1]!.topShare - 0.21875)).toBeLessThan(0.01);
  });

  it('gives the same study for the same seed, and another for another seed', () => {
    const ranked = rank([reach('A', '20-60'), reach('B', '40-50'), reach('C', '30-55')]);
    const options = { top: 1, samples: 2_000, seed: 11 };
    expect(studyUncertainty(ranked, REACH, options)).toEqual(studyUncertainty(ranked, REACH, options));
    expect(studyUncertainty(ranked, REACH, { ...options, seed: 12 }).requests).not.toEqual(
      studyUncertainty(ranked, REACH, options).requests,
    );
  });
});
