import { describe, expect, it } from 'vitest';
import { buildExpediteLane, explainContributions, findHoldbacks, placeInHorizon } from '../../../src/core/analysis/explain.js';
import { scoreRequest } from '../../../src/core/scoring/score.js';
import { requestOf, weightedOf } from '../model-fixtures.js';
import { DEAL_ALIGNMENT_EFFORT, FIXTURE_FILES, loadFixtureReport } from '../../helpers/fixtures.js';

const model = DEAL_ALIGNMENT_EFFORT;

describe('explainContributions', () => {
  it('gives each criterion its points and its maximum', () => {
    // Weights 40 + 30 + 10 = 80: maxima 50, 37.5, 12.5. alignment 3 -> 0.5 -> 18.75; effort XL -> 0;
    // deal 1,999,999 is just under the max: ln(2e6)/ln(2000001) ~ 1 -> ~50.
    const scored = scoreRequest(requestOf({ id: 'A', numbers: { deal_value: 1999999, alignment: 3 }, texts: { effort: ['XL'] } }), model);
    const byName = Object.fromEntries(explainContributions(scored, model).map((c) => [c.criterion, c]));
    expect(byName.deal_value?.maxPoints).toBe(50);
    expect(byName.alignment).toMatchObject({ maxPoints: 37.5, lostPoints: 18.75 });
    expect(byName.effort).toMatchObject({ maxPoints: 12.5, lostPoints: 12.5 });
  });

  it.each(FIXTURE_FILES)('adds up to the score for every request of %s', async (file) => {
    const report = await loadFixtureReport(file);
    const model = weightedOf(report.model);
    for (const request of report.ranked) {
      const contributions = explainContributions(request, model);
      expect(contributions).toHaveLength(model.criteria.length);
      expect(contributions.reduce((sum, c) => sum + c.score.points, 0)).toBeCloseTo(request.score, 9);
      expect(contributions.reduce((sum, c) => sum + c.maxPoints, 0)).toBeCloseTo(100, 9);
    }
  });
});

describe('findHoldbacks', () => {
  it('names the criteria that lose the most points, largest first', () => {
    // alignment 2 loses 37.5 * 0.75 = 28.1; effort L loses 12.5 * 0.75 = 9.4; deal at max loses 0.
    const scored = scoreRequest(requestOf({ id: 'A', numbers: { deal_value: 2e6, alignment: 2 }, texts: { effort: ['L'] } }), model);
    expect(findHoldbacks(scored, model).map((h) => [h.criterion, h.lostPoints])).toEqual([
      ['alignment', 28.125],
      ['effort', 9.375],
    ]);
  });

  it('finds nothing to hold back a request with full marks', () => {
    const scored = scoreRequest(requestOf({ id: 'A', numbers: { deal_value: 2e6, alignment: 5 }, texts: { effort: ['XS'] } }), model);
    expect(findHoldbacks(scored, model)).toEqual([]);
  });
});

describe('placeInHorizon', () => {
  it('gives the band reached and the one above', () => {
    // alignment 5 (37.5) + effort XS (12.5) = 50, no deal: Next, short of Now.
    const scored = scoreRequest(requestOf({ id: 'A', numbers: { alignment: 5 }, texts: { effort: ['XS'] } }), model);
    expect(placeInHorizon(scored, model)).toEqual({ horizon: 'Next', minScore: 50, above: { horizon: 'Now', minScore: 75 } });
  });
});

describe('buildExpediteLane', () => {
  it('lists rules met and rules one condition short', () => {
    const met = requestOf({ id: 'MET', numbers: { deal_value: 250000 }, texts: { segment: ['Enterprise'] } });
    const near = requestOf({ id: 'NEAR', numbers: { deal_value: 245000 }, texts: { segment: ['Enterprise'] } });
    const far = requestOf({ id: 'FAR', numbers: { deal_value: 1000 }, texts: { segment: ['SMB'] } });
    const lane = buildExpediteLane(
      [met, near, far].map((r) => scoreRequest(r, model)),
      model,
    );
    expect(lane.met.map((m) => m.request.id)).toEqual(['MET']);
    expect(lane.nearMisses.map((m) => m.request.id)).toEqual(['NEAR']);
    expect(lane.nearMisses[0]!.check.checks.filter((c) => !c.holds).map((c) => [c.field, c.actual])).toEqual([['deal_value', 245000]]);
  });
});
