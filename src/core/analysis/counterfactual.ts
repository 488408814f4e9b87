import { isMoneyField } from '../text/fields.js';
import { compareRequests } from '../scoring/rank.js';
import { scoreRequest } from '../scoring/score.js';
import type { Criterion, FeatureRequest, RankedRequest, ScoredRequest, ScoringModel } from '../types.js';

/** One change to one field of a request's input. */
export type Change =
  | { kind: 'number'; criterion: string; field: string; from?: number; to: number }
  | { kind: 'text'; criterion: string; field: string; from?: string; to: string };

/** What a counterfactual aims for: the next horizon up, or a place in the top N. */
export type Target = { kind: 'horizon'; horizon: string; minScore: number } | { kind: 'top'; top: number };

/** A single change that, applied to the input and re-scored, reaches the target. */
export interface Counterfactual {
  target: Target;
  change: Change;
  /** The score after the change. */
  score: number;
  /** The score to reach: the horizon's min_score, or the score of the request now Nth. */
  threshold: number;
  /** How far along the criterion's [0,1] scale the change moves; the smallest change has the least. */
  distance: number;
}

/**
 * For each target the request has not reached, the smallest change per criterion
 * that reaches it, smallest first. Every change is verified by re-scoring.
 */
export function findCounterfactuals(
  request: RankedRequest,
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  top: number,
): Counterfactual[] {
  return targetsFor(request, model, top).flatMap((target) => {
    const reaches = reachesTarget(target, ranked, top);
    const needed = target.kind === 'horizon' ? target.minScore : (ranked[top - 1]?.score ?? 0);
    return model.criteria
      .flatMap((criterion) => {
        const change = smallestChange(criterion, request, model, needed, reaches);
        return change ? [{ target, threshold: needed, ...change }] : [];
      })
      .sort((a, b) => a.distance - b.distance);
  });
}

function targetsFor(request: RankedRequest, model: ScoringModel, top: number): Target[] {
  const targets: Target[] = [];
  const index = model.horizons.findIndex((h) => h.name === request.horizon);
  const next = index > 0 ? model.horizons[index - 1] : undefined;
  if (next?.min_score !== undefined) targets.push({ kind: 'horizon', horizon: next.name, minScore: next.min_score });
  if (request.rank > top) targets.push({ kind: 'top', top });
  return targets;
}

/**
 * The check a changed request must pass. For the top N it must sort ahead of
 * the request now Nth, which is ranked[N - 1] since this one ranks below it.
 */
function reachesTarget(target: Target, ranked: readonly RankedRequest[], top: number) {
  if (target.kind === 'horizon') return (changed: ScoredRequest) => changed.score >= target.minScore;
  const nth = ranked[top - 1];
  return (changed: ScoredRequest) => nth === undefined || compareRequests(changed, nth) < 0;
}

function smallestChange(
  criterion: Criterion,
  request: RankedRequest,
  model: ScoringModel,
  needed: number,
  reaches: (changed: ScoredRequest) => boolean,
): { change: Change; score: number; distance: number } | undefined {
  const current = request.criteria[criterion.name];
  if (!current) return undefined;
  const totalWeight = model.criteria.reduce((sum, c) => sum + c.weight, 0);
  const target = current.normalized + ((needed - request.score) * totalWeight) / (100 * criterion.weight);
  const candidates =
    criterion.transform.kind === 'map'
      ? textCandidates(criterion, current.normalized, current.raw)
      : numberCandidates(criterion, request, target);
  for (const change of candidates) {
    const changed = scoreRequest(applyChange(request, change), model);
    // The distance the value actually moves, after rounding to a value the field takes.
    const distance = (changed.criteria[criterion.name]?.normalized ?? current.normalized) - current.normalized;
    if (reaches(changed)) return { change, score: changed.score, distance };
  }
  return undefined;
}

/** Each mapped value that scores better than the current one, weakest first. */
function textCandidates(criterion: Criterion, current: number, raw: number | string | undefined): Change[] {
  const t = criterion.transform;
  if (t.kind !== 'map') return [];
  const from = typeof raw === 'string' ? { from: raw } : {};
  return [...t.map]
    .filter(([, value]) => value > current)
    .sort((a, b) => a[1] - b[1])
    .map(([key]) => ({ kind: 'text', criterion: criterion.name, field: criterion.field, to: t.labels?.get(key) ?? key, ...from }));
}

/**
 * The exact inverse of the transform at the target value, rounded up to two
 * significant digits, and up to a whole number where the field takes whole
 * values; then one step more, in case rounding error leaves the first a hair
 * short (re-scoring decides).
 */
function numberCandidates(criterion: Criterion, request: FeatureRequest, target: number): Change[] {
  const t = criterion.transform;
  if (t.kind === 'map' || target > 1 || criterion.field === 'accounts') return [];
  const from = request.numbers[criterion.field];
  const exact = t.kind === 'log' ? Math.expm1(target * Math.log1p(t.max)) : t.min + target * (t.max - t.min);
  // Money reads best as a round increase ("+$180K"); other numbers as a round value.
  const base = t.kind === 'log' ? (from ?? 0) : 0;
  const first = roundUp(exact - base);
  const isWhole = takesWholeValues(criterion);
  const values = [first, roundUp(first + roundingStep(first))].map((v) => {
    const value = isWhole ? Math.ceil(base + v - 1e-9) : base + v;
    return t.kind === 'linear' ? Math.min(value, t.max) : value;
  });
  return values
    .filter((to) => from === undefined || to > from)
    .map((to) => ({ kind: 'number', criterion: criterion.name, field: criterion.field, to, ...(from === undefined ? {} : { from }) }));
}

/**
 * A scale between whole numbers at least 2 apart (alignment 1-5, a count) takes whole values, as
 * triage offers them; money and a 0-1 scale take any.
 */
export function takesWholeValues(criterion: Criterion): boolean {
  const t = criterion.transform;
  if (t.kind === 'map' || criterion.isMoney || isMoneyField(criterion.field)) return false;
  const min = t.kind === 'linear' ? t.min : 0;
  return Number.isInteger(min) && Number.isInteger(t.max) && t.max - min >= 2;
}

/** Rounds up to two significant digits: 178,342 -> 180,000; 4.27 -> 4.3. */
export function roundUp(value: number): number {
  if (value <= 0) return 0;
  const exponent = Math.floor(Math.log10(value)) - 1;
  // Dividing by a power of ten (not multiplying by 0.1) keeps 4.3 from reading 4.300000000000001; the
  // tolerance keeps 740000.0000001 at 740K (re-scoring falls back to a step more if that is short).
  const up = (x: number) => Math.ceil(x - 1e-9);
  return exponent >= 0 ? up(value / 10 ** exponent) * 10 ** exponent : up(value * 10 ** -exponent) / 10 ** -exponent;
}

/** The step of the second significant digit: 180,000 -> 10,000; 4.3 -> 0.1. */
export function roundingStep(value: number): number {
  return value > 0 ? 10 ** (Math.floor(Math.log10(value)) - 1) : 1;
}

/** The request as it would read with the change: the same input, one field different. */
export function applyChange(request: FeatureRequest, change: Change): FeatureRequest {
  const { field } = change;
  if (change.kind === 'text') return { ...request, texts: { ...request.texts, [field]: [change.to] } };
  return {
    ...request,
    numbers: { ...request.numbers, [field]: change.to },
    ...(field === 'deal_value' ? { dealValue: change.to } : {}),
  };
}
