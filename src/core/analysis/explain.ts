import { checkEscalation, type EscalationCheck } from '../scoring/escalate.js';
import { maxPointsOf } from '../scoring/weighted.js';
import type { CriterionScore, FeatureRequest, ScoredRequest, ScoringModel, WeightedModel } from '../types.js';

/** One criterion's share of a request's score. */
export interface Contribution {
  criterion: string;
  field: string;
  score: CriterionScore;
  /** The most the criterion can earn: 100 * weight / sum of weights. */
  maxPoints: number;
  /** maxPoints - points: what the request leaves on the table here. */
  lostPoints: number;
}

/** Each criterion's points, with the most it could have earned; the points add up to the score. Frameworks have no points: see their formula. */
export function explainContributions(request: ScoredRequest, model: WeightedModel): Contribution[] {
  return model.criteria.flatMap((c) => {
    const score = request.criteria[c.name];
    if (!score) return [];
    const maxPoints = maxPointsOf(c, model);
    return [{ criterion: c.name, field: c.field, score, maxPoints, lostPoints: maxPoints - score.points }];
  });
}

/** What holds a request back: the criteria that lose the most points, largest first. */
export function findHoldbacks(request: ScoredRequest, model: WeightedModel, count = 2): Contribution[] {
  return explainContributions(request, model)
    .filter((c) => c.lostPoints >= 0.05)
    .sort((a, b) => b.lostPoints - a.lostPoints)
    .slice(0, count);
}

/** Where a score sits among the horizons: the band it reached and the one above it, if any. */
export interface HorizonPlacement {
  horizon: string;
  minScore?: number;
  above?: { horizon: string; minScore: number };
}

export function placeInHorizon(request: ScoredRequest, model: ScoringModel): HorizonPlacement | undefined {
  const index = model.horizons.findIndex((h) => h.name === request.horizon);
  const band = model.horizons[index];
  if (!band) return undefined;
  const above = model.horizons[index - 1];
  return {
    horizon: band.name,
    ...(band.min_score === undefined ? {} : { minScore: band.min_score }),
    ...(above?.min_score === undefined ? {} : { above: { horizon: above.name, minScore: above.min_score } }),
  };
}

/** The expedite lane: requests that meet a rule and those one condition short of one. */
export interface ExpediteLane<T extends FeatureRequest = FeatureRequest> {
  met: { request: T; check: EscalationCheck }[];
  nearMisses: { request: T; check: EscalationCheck }[];
}

export function buildExpediteLane<T extends FeatureRequest>(requests: readonly T[], model: ScoringModel): ExpediteLane<T> {
  const lane: ExpediteLane<T> = { met: [], nearMisses: [] };
  for (const request of requests) {
    for (const rule of model.escalation) {
      const check = checkEscalation(request, rule);
      if (check.isMet) lane.met.push({ request, check });
      else if (check.isNearMiss) lane.nearMisses.push({ request, check });
    }
  }
  return lane;
}
