import { numericField } from '../text/fields.js';
import { foldText } from '../text/folding.js';
import type { Criterion, CriterionScore, FeatureRequest, ScoredRequest, WeightedModel } from '../types.js';

/** The sum of the model's weights: every criterion's points are a share of 100 over it. */
export function totalWeightOf(model: WeightedModel): number {
  return model.criteria.reduce((sum, c) => sum + c.weight, 0);
}

/** A criterion's points: 100 * weight * value / sum of weights. The one place this formula is written. */
export function pointsFor(weight: number, normalized: number, totalWeight: number): number {
  return pointsForScaled(scaledWeightOf(weight), normalized, totalWeight);
}

/** pointsFor's first step, 100 * weight: a loop scoring many values at one weight takes it once. */
export function scaledWeightOf(weight: number): number {
  return 100 * weight;
}

/**
 * pointsFor's rest, from a scaled weight: (scaled * value) / sum of weights, rounded step by step
 * exactly as pointsFor, so sampled scores equal the ranking's to the last bit (not 100 * w / sum * value).
 */
export function pointsForScaled(scaledWeight: number, normalized: number, totalWeight: number): number {
  return (scaledWeight * normalized) / totalWeight;
}

/** The inverse: the value in [0,1] at which a criterion earns `points`. */
export function normalizedForPoints(criterion: Criterion, model: WeightedModel, points: number): number {
  return (points * totalWeightOf(model)) / (100 * criterion.weight);
}

/** The most a criterion can earn: its points at a value of 1. */
export function maxPointsOf(criterion: Criterion, model: WeightedModel): number {
  return pointsFor(criterion.weight, 1, totalWeightOf(model));
}

/** Scores one request: each criterion's points, which add up to the score (0-100). */
export function scoreWeighted(request: FeatureRequest, model: WeightedModel): Pick<ScoredRequest, 'score' | 'criteria'> {
  const totalWeight = totalWeightOf(model);
  const criteria: Record<string, CriterionScore> = {};
  let score = 0;
  for (const criterion of model.criteria) {
    const { raw, normalized } = normalizeCriterion(criterion, request);
    const points = pointsFor(criterion.weight, normalized ?? criterion.missing, totalWeight);
    criteria[criterion.name] = Object.assign(raw === undefined ? {} : { raw }, {
      normalized: normalized ?? criterion.missing,
      points,
      isMissing: normalized === undefined,
    });
    score += points;
  }
  return { score, criteria };
}

/** The criterion's value in [0,1] and the raw value behind it; normalized is undefined when the value is missing. */
export function normalizeCriterion(criterion: Criterion, request: FeatureRequest): { raw?: number | string; normalized?: number } {
  const t = criterion.transform;
  if (t.kind === 'map') {
    const texts = request.texts[criterion.field] ?? [];
    let best: { raw: string; normalized: number } | undefined;
    for (const text of texts) {
      const normalized = t.map.get(foldText(text)) ?? t.default;
      if (!best || normalized > best.normalized) best = { raw: text, normalized };
    }
    return best ?? {};
  }
  const raw = numericField(request, criterion.field, criterion.countUnattributed);
  if (raw === undefined) return {};
  if (t.kind === 'log') return { raw, normalized: Math.log1p(clamp(raw, 0, t.max)) / Math.log1p(t.max) };
  return { raw, normalized: (clamp(raw, t.min, t.max) - t.min) / (t.max - t.min) };
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(Math.max(x, low), high);
}
