import { isMoneyField } from '../text/fields.js';
import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';
import { inputRange, RICE_IMPACT_SCALE, readFrameworkInputs, solveFrameworkInput } from '../scoring/frameworks.js';
import { compareRequests } from '../scoring/rank.js';
import { scoreRequest, toFeatureRequest } from '../scoring/score.js';
import { normalizedForPoints } from '../scoring/weighted.js';
import {
  assertNever,
  type Criterion,
  type FeatureRequest,
  type FrameworkModel,
  type RankedRequest,
  type ScoredRequest,
  type ScoringModel,
  type WeightedModel,
} from '../types.js';

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
  /**
   * How far the change moves, smallest first: along the criterion's [0,1] scale (weighted),
   * or as a share of the input's current value (a framework).
   */
  distance: number;
}

/** A change that was verified by re-scoring, with the score it gives and how far it moves. */
export type VerifiedChange = Pick<Counterfactual, 'change' | 'score' | 'distance'>;

/** Every request's counterfactuals (see findCounterfactuals), by request id: what the PM report shows under each. */
export function findCounterfactualsByRequest(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  top: number,
): Map<string, Counterfactual[]> {
  return new Map(ranked.map((r) => [r.id, findCounterfactuals(r, ranked, model, top)]));
}

/**
 * For each target the request has not reached, the smallest change per criterion
 * (or framework input) that reaches it, smallest first. Every change is verified by re-scoring.
 */
export function findCounterfactuals(
  request: RankedRequest,
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  top: number,
): Counterfactual[] {
  return targetsFor(request, model, top).flatMap((target) => {
    const reaches = reachesTarget(target, ranked, top, model);
    const needed = target.kind === 'horizon' ? target.minScore : (ranked[top - 1]?.score ?? 0);
    return singleChanges(request, model, needed, 1, reaches)
      .map((change) => ({ target, threshold: needed, ...change }))
      .sort((a, b) => a.distance - b.distance);
  });
}

/**
 * The smallest change of each criterion (or framework input) that moves the score
 * past `needed` in `direction` (1 up, -1 down) and passes `reaches` when re-scored.
 * Weighted criteria only go up: what moves a weighted request down is a weight (see sensitivity).
 */
export function singleChanges(
  request: ScoredRequest,
  model: ScoringModel,
  needed: number,
  direction: 1 | -1,
  reaches: (changed: ScoredRequest) => boolean,
): VerifiedChange[] {
  switch (model.kind) {
    case 'weighted':
      return direction > 0 ? model.criteria.flatMap((c) => smallestChange(c, request, model, needed, reaches) ?? []) : [];
    case 'rice':
    case 'wsjf':
    case 'ice':
      return FRAMEWORK_TERMS[model.kind].flatMap((t) => smallestInputChange(model, request, t.field, needed, direction, reaches) ?? []);
    default:
      return assertNever(model);
  }
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
function reachesTarget(target: Target, ranked: readonly RankedRequest[], top: number, model: ScoringModel) {
  if (target.kind === 'horizon') return (changed: ScoredRequest) => changed.unscorable === undefined && changed.score >= target.minScore;
  const nth = ranked[top - 1];
  return (changed: ScoredRequest) => nth === undefined || compareRequests(changed, nth, model.tiebreak) < 0;
}

function smallestChange(
  criterion: Criterion,
  request: ScoredRequest,
  model: WeightedModel,
  needed: number,
  reaches: (changed: ScoredRequest) => boolean,
): VerifiedChange | undefined {
  const current = request.criteria[criterion.name];
  if (!current) return undefined;
  const target = current.normalized + normalizedForPoints(criterion, model, needed - request.score);
  const candidates =
    criterion.transform.kind === 'map'
      ? textCandidates(criterion, current.normalized, current.raw)
      : numberCandidates(criterion, request, target);
  for (const change of candidates) {
    const changed = scoreRequest(applyChange(toFeatureRequest(request), change), model);
    // The distance the value actually moves, after rounding to a value the field takes.
    const distance = (changed.criteria[criterion.name]?.normalized ?? current.normalized) - current.normalized;
    if (reaches(changed)) return { change, score: changed.score, distance };
  }
  return undefined;
}

/**
 * The smallest change of one framework input that moves the score past `needed`: the
 * formula solved for that input, rounded past it to a value the input takes.
 */
function smallestInputChange(
  model: FrameworkModel,
  request: ScoredRequest,
  field: string,
  needed: number,
  direction: 1 | -1,
  reaches: (changed: ScoredRequest) => boolean,
): VerifiedChange | undefined {
  const values = readFrameworkInputs(model, request);
  const exact = solveFrameworkInput(model, values, field, needed);
  if (exact === undefined) return undefined;
  const from = values.get(field);
  const isDivisor = FRAMEWORK_TERMS[model.kind].some((t) => t.field === field && t.isDivisor === true);
  // A divisor moves against the score: less effort, a higher score.
  const way = isDivisor ? -direction : direction;
  for (const change of inputCandidates(model, request, field, { exact, way, from })) {
    const to = typeof change.to === 'number' ? change.to : RICE_IMPACT_SCALE[change.to]!;
    if (from !== undefined && from !== 0 && (to - from) * way <= 0) continue;
    const changed = scoreRequest(applyChange(toFeatureRequest(request), change), model);
    if (reaches(changed)) return { change, score: changed.score, distance: from ? Math.abs(to - from) / Math.abs(from) : 1 };
  }
  return undefined;
}

/** RICE impact: the words of Intercom's scale past the exact value, nearest first; other inputs: two round values past it, in range. */
function inputCandidates(
  model: FrameworkModel,
  request: FeatureRequest,
  field: string,
  { exact, way, from }: { exact: number; way: number; from: number | undefined },
): Change[] {
  if (model.kind === 'rice' && field === 'impact') {
    const raw = request.texts.impact?.[0];
    return Object.entries(RICE_IMPACT_SCALE)
      .filter(([, value]) => (value - exact) * way >= 0)
      .sort((a, b) => (a[1] - b[1]) * way)
      .map(([word]) => ({ kind: 'text', criterion: field, field, to: word, ...(raw === undefined ? {} : { from: raw }) }));
  }
  const range = inputRange(model, field);
  const first = roundPast(exact, way);
  return [first, roundPast(first + way * roundingStep(Math.abs(first)), way)]
    .filter((to) => to <= range.max && (range.isMinOpen ? to > range.min : to >= range.min))
    .map((to) => ({ kind: 'number', criterion: field, field, to, ...(from === undefined ? {} : { from }) }));
}

/** Rounded to two significant digits in `way`: 1,234 up is 1,300, down is 1,200. */
function roundPast(value: number, way: number): number {
  return way > 0 ? roundUp(value) : roundDown(value);
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
  if (t.kind === 'map' || isMoneyField(criterion.field)) return false;
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

/** Rounds down to two significant digits: 178,342 -> 170,000; 0.578 -> 0.57; 0 and below stay as they are. */
function roundDown(value: number): number {
  if (value <= 0) return value;
  const exponent = Math.floor(Math.log10(value)) - 1;
  const down = (x: number) => Math.floor(x + 1e-9);
  return exponent >= 0 ? down(value / 10 ** exponent) * 10 ** exponent : down(value * 10 ** -exponent) / 10 ** -exponent;
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
