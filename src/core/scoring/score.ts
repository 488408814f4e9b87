import { findEscalations } from './escalate.js';
import { numericField } from '../text/fields.js';
import { scoreFramework } from './frameworks.js';
import { foldText } from '../text/folding.js';
import type { Criterion, CriterionScore, FeatureRequest, ScoredRequest, ScoringModel } from '../types.js';

/** Scores each request: score = 100 * sum(w*s) / sum(w); each criterion's points add up to it. */
export function scoreRequests(requests: readonly FeatureRequest[], model: ScoringModel, asOf?: number): ScoredRequest[] {
  return requests.map((request) => scoreRequest(request, model, asOf));
}

/** `asOf` (a day number, see parseDate) is the day within_days escalation conditions count from. */
export function scoreRequest(request: FeatureRequest, model: ScoringModel, asOf?: number): ScoredRequest {
  if (!model.framework) return withPlacement(request, model, scoreWeighted(request, model), asOf);
  const { score, ...rest } = scoreFramework(model.framework, request);
  return withPlacement(request, model, { score: score ?? 0, ...rest }, asOf);
}

/** Adds what every model shares: the horizon (none when unscorable) and the escalations. */
function withPlacement(
  request: FeatureRequest,
  model: ScoringModel,
  scored: Pick<ScoredRequest, 'score' | 'criteria' | 'explanation' | 'unscorable'>,
  asOf: number | undefined,
): ScoredRequest {
  const horizon = scored.unscorable === undefined ? horizonFor(scored.score, model.horizons) : undefined;
  // Object.assign, not {...spread, more}: V8 builds that ~15x slower, and triage re-scores everything per answer.
  const placement = { escalations: findEscalations(request, model.escalation, asOf), ...(horizon === undefined ? {} : { horizon }) };
  return Object.assign({}, request, scored, placement);
}

function scoreWeighted(request: FeatureRequest, model: ScoringModel): Pick<ScoredRequest, 'score' | 'criteria'> {
  const totalWeight = model.criteria.reduce((sum, c) => sum + c.weight, 0);
  const criteria: Record<string, CriterionScore> = {};
  let score = 0;
  for (const criterion of model.criteria) {
    const { raw, normalized } = normalizeCriterion(criterion, request);
    const points = (100 * criterion.weight * (normalized ?? criterion.missing)) / totalWeight;
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

/** The first horizon whose min_score the score reaches; a horizon without min_score catches the rest. */
export function horizonFor(score: number, horizons: ScoringModel['horizons']): string | undefined {
  return horizons.find((h) => h.min_score === undefined || score >= h.min_score)?.name;
}
