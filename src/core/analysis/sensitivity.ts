import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';
import { computeFrameworkScore, readFrameworkInputs } from '../scoring/frameworks.js';
import { compareRequests } from '../scoring/rank.js';
import { singleChanges, type VerifiedChange } from './counterfactual.js';
import { assertNever } from '../types.js';
import type { FrameworkModel, RankedRequest, ScoredRequest, ScoringModel, WeightedModel } from '../types.js';

/** The smallest change of one weight that moves a request across the top-N line. */
export interface WeightChange {
  kind: 'weight';
  criterion: string;
  from: number;
  /** The weight at which the request crosses the line (a tie there). */
  threshold: number;
  /** A round weight just past the threshold: set it and the request has crossed. */
  to: number;
}

/** A framework's question: the smallest change of one input of this request that moves it across the top-N line. */
export interface InputChange extends VerifiedChange {
  kind: 'input';
}

/** How firmly one request holds (or misses) its place in the top N. */
export interface RequestSensitivity {
  id: string;
  title: string;
  rank: number;
  score: number;
  /** Why a framework could not score the request: it ranks last whatever its score says. */
  unscorable?: string;
  isTop: boolean;
  /** For a top-N request the change that pushes it out; for one just below, the change that pulls it in. */
  change?: WeightChange | InputChange;
  /** Share of random perturbations (of the weights; of a framework's inputs) under which it ends in the top N. */
  topShare: number;
  isFragile: boolean;
}

export interface SensitivityOptions {
  top: number;
  /** Each weight (each input of each request, for a framework) varies within ±spread (0.2 = ±20%). */
  spread: number;
  seed: number;
  samples: number;
  /** How many requests below the line to analyse too. */
  below?: number;
}

/** What `pm-rank sensitivity` and `check --top` use unless told otherwise. */
export const SENSITIVITY_DEFAULTS = { spread: 0.2, seed: 1, samples: 1000 } as const;

/** A top-N request is fragile when it falls out in more than this share of perturbations. */
export const FRAGILE_SHARE = 0.8;

/**
 * Sensitivity of the top N to what the model rests on: for weighted criteria the weights
 * (exact smallest single-weight changes), for a framework each request's own inputs
 * (the smallest single-input change); and a seeded perturbation study of the same.
 */
export function analyzeSensitivity(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  options: SensitivityOptions,
): RequestSensitivity[] {
  const subjects = ranked.slice(0, options.top + (options.below ?? 3));
  const shares = perturbTopShares(ranked, model, options);
  return subjects.map((r) => {
    const isTop = r.rank <= options.top;
    const change = smallestChangeByKind(ranked, model, r, options.top);
    const topShare = shares.get(r.id) ?? 0;
    return {
      id: r.id,
      title: r.title,
      rank: r.rank,
      score: r.score,
      ...(r.unscorable === undefined ? {} : { unscorable: r.unscorable }),
      isTop,
      ...(change ? { change } : {}),
      topShare,
      isFragile: isTop ? topShare < FRAGILE_SHARE : topShare > 1 - FRAGILE_SHARE,
    };
  });
}

function smallestChangeByKind(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  subject: RankedRequest,
  top: number,
): WeightChange | InputChange | undefined {
  switch (model.kind) {
    case 'weighted':
      return smallestWeightChange(ranked, model, subject, top);
    case 'rice':
    case 'wsjf':
    case 'ice':
      return smallestInputChange(ranked, model, subject, top);
    default:
      return assertNever(model);
  }
}

/**
 * Only the subject's score moves, so it crosses the line by passing one request: the
 * first below the line (to fall out) or the Nth (to come in). Unscorable requests rank
 * last whatever their inputs, so none is passed that way.
 */
function smallestInputChange(
  ranked: readonly RankedRequest[],
  model: FrameworkModel,
  subject: RankedRequest,
  top: number,
): InputChange | undefined {
  const isTop = subject.rank <= top;
  const boundary = ranked[isTop ? top : top - 1];
  if (!boundary || boundary.unscorable !== undefined) return undefined;
  const reaches = isTop
    ? (changed: ScoredRequest) => compareRequests(boundary, changed, model.tiebreak) < 0
    : (changed: ScoredRequest) => compareRequests(changed, boundary, model.tiebreak) < 0;
  const changes = singleChanges(subject, model, boundary.score, isTop ? -1 : 1, reaches);
  const smallest = changes.sort((a, b) => a.distance - b.distance)[0];
  return smallest && { kind: 'input', ...smallest };
}

/**
 * With weight k at w_k + d, request x outranks the subject exactly when
 * (A_x - A_r) + d (s_xk - s_rk) > 0 (A = sum of weight * normalised value; the
 * common denominator is positive). Each other request switches side at most once,
 * so the count of requests above the subject is constant between crossings:
 * walk the crossings outward and stop in the first interval that crosses the line.
 */
function smallestWeightChange(
  ranked: readonly RankedRequest[],
  model: WeightedModel,
  subject: RankedRequest,
  top: number,
): WeightChange | undefined {
  const isTop = subject.rank <= top;
  const others = ranked.filter((x) => x !== subject);
  const base = weightedSum(subject, model);
  const a = others.map((x) => weightedSum(x, model) - base);
  const hasCrossed = (above: number) => (isTop ? above >= top : above < top);
  let best: WeightChange | undefined;
  for (const criterion of model.criteria) {
    const w = criterion.weight;
    const b = others.map((x) => x.criteria[criterion.name]!.normalized - subject.criteria[criterion.name]!.normalized);
    // Requests level with the subject for every d keep their tie-break order.
    const countAbove = (d: number) =>
      a.filter((ai, i) => ai + d * b[i]! > 0 || (ai === 0 && b[i] === 0 && compareRequests(others[i]!, subject) < 0)).length;
    const crossings = a.flatMap((ai, i) => (b[i] === 0 ? [] : [{ d: -ai / b[i]!, i }])).filter(({ d }) => w + d > w * 1e-9);
    for (const direction of [1, -1]) {
      const ahead = crossings.filter(({ d }) => d * direction > 0).sort((x, y) => direction * (x.d - y.d));
      if (ahead.length === 0) continue;
      // Sweep outward: passing request i's crossing puts it above the subject when b_i points the way we go.
      let above = countAbove(ahead[0]!.d / 2);
      for (let k = 0; k < ahead.length; k += 1) {
        const { d, i } = ahead[k]!;
        if (best && Math.abs(d) >= Math.abs(best.threshold - best.from)) break;
        above += b[i]! * direction > 0 ? 1 : -1;
        const end = ahead[k + 1]?.d ?? (direction > 0 ? d + Math.max(1, d) : -w);
        if (end !== d && hasCrossed(above)) {
          best = { kind: 'weight', criterion: criterion.name, from: w, threshold: w + d, to: roundPast(w + d, w + end, direction) };
          break;
        }
      }
    }
  }
  return best;
}

/** A weight rounded to two decimals just past the threshold, or the interval's middle when no round value fits. */
function roundPast(threshold: number, end: number, direction: number): number {
  const rounded = direction > 0 ? Math.floor(threshold * 100 + 1) / 100 : Math.ceil(threshold * 100 - 1) / 100;
  const isInside = direction > 0 ? rounded > threshold && rounded < end : rounded < threshold && rounded > end;
  return isInside ? rounded : (threshold + end) / 2;
}

function weightedSum(request: RankedRequest, model: WeightedModel): number {
  return model.criteria.reduce((sum, c) => sum + c.weight * request.criteria[c.name]!.normalized, 0);
}

/** Share of seeded perturbations that put each request in the top N; equal scores keep the ranking's tie-break order. */
function perturbTopShares(ranked: readonly RankedRequest[], model: ScoringModel, options: SensitivityOptions): Map<string, number> {
  const random = mulberry32(options.seed);
  const factor = () => 1 + options.spread * (2 * random() - 1);
  const sampleScores = model.kind === 'weighted' ? perturbWeights(ranked, model, factor) : perturbInputs(ranked, model, factor);
  const counts = new Array<number>(ranked.length).fill(0);
  for (let sample = 0; sample < options.samples; sample += 1) {
    for (const i of topIndices(sampleScores(), options.top)) counts[i]! += 1;
  }
  return new Map(ranked.map((r, i) => [r.id, counts[i]! / options.samples]));
}

/** Each weight times a factor: normalised values do not depend on weights, so a re-score is a weighted sum (the common denominator cannot reorder). */
function perturbWeights(ranked: readonly RankedRequest[], model: WeightedModel, factor: () => number): () => number[] {
  const values = ranked.map((r) => model.criteria.map((c) => r.criteria[c.name]!.normalized));
  return () => {
    const weights = model.criteria.map((c) => c.weight * factor());
    return values.map((v) => v.reduce((sum, s, k) => sum + weights[k]! * s, 0));
  };
}

/** Each input of each request times its own factor, through the framework's formula; an unscorable request stays last. */
function perturbInputs(ranked: readonly RankedRequest[], model: FrameworkModel, factor: () => number): () => number[] {
  const fields = FRAMEWORK_TERMS[model.kind].map((t) => t.field);
  const inputs = ranked.map((r) => (r.unscorable === undefined ? readFrameworkInputs(model, r) : undefined));
  return () =>
    inputs.map((values) => {
      if (!values) return -Infinity;
      const varied = new Map(fields.map((f) => [f, values.get(f)! * factor()]));
      return computeFrameworkScore(model, (f) => varied.get(f)!);
    });
}

/** Indices of the n highest scores, earlier index first on ties: one pass, no full sort. */
function topIndices(scores: readonly number[], n: number): number[] {
  const best: number[] = [];
  scores.forEach((score, i) => {
    if (best.length === n && score <= scores[best[n - 1]!]!) return;
    let at = best.length;
    while (at > 0 && score > scores[best[at - 1]!]!) at -= 1;
    best.splice(at, 0, i);
    if (best.length > n) best.pop();
  });
  return best;
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same study on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
