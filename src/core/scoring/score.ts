import { findEscalations } from './escalate.js';
import { scoreFramework } from './frameworks.js';
import { scoreWeighted } from './weighted.js';
import { assertNever, type FeatureRequest, type ScoredRequest, type ScoringModel } from '../types.js';

/** Scores each request by its model's kind: weighted criteria (0-100) or a framework's own formula. */
export function scoreRequests(requests: readonly FeatureRequest[], model: ScoringModel, asOf?: number): ScoredRequest[] {
  return requests.map((request) => scoreRequest(request, model, asOf));
}

/** `asOf` (a day number, see parseDate) is the day within_days escalation conditions count from. */
export function scoreRequest(request: FeatureRequest, model: ScoringModel, asOf?: number): ScoredRequest {
  return withPlacement(request, model, scoreByKind(request, model), asOf);
}

function scoreByKind(
  request: FeatureRequest,
  model: ScoringModel,
): Pick<ScoredRequest, 'score' | 'criteria' | 'explanation' | 'unscorable'> {
  switch (model.kind) {
    case 'weighted':
      return scoreWeighted(request, model);
    case 'rice':
    case 'wsjf':
    case 'ice': {
      const { score, ...rest } = scoreFramework(model, request);
      return { score: score ?? 0, ...rest };
    }
    default:
      return assertNever(model);
  }
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

/**
 * The export's view of a scored request: what re-scoring, merging and re-deciding start from,
 * with no verdict of the last scoring (a framework's unscorable above all) left to outlive its inputs.
 */
export function toFeatureRequest(request: ScoredRequest & { rank?: number }): FeatureRequest {
  const {
    score: _s,
    criteria: _c,
    horizon: _h,
    escalations: _e,
    decision: _d,
    rank: _r,
    explanation: _x,
    unscorable: _u,
    ...base
  } = request;
  return base;
}

/** The first horizon whose min_score the score reaches; a horizon without min_score catches the rest. */
export function horizonFor(score: number, horizons: ScoringModel['horizons']): string | undefined {
  return horizons.find((h) => h.min_score === undefined || score >= h.min_score)?.name;
}
