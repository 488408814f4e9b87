import { compareRequests } from '../scoring/rank.js';
import type { RankedRequest, ScoringModel } from '../types.js';

/** The smallest change of one weight that moves a request across the top-N line. */
export interface WeightChange {
  criterion: string;
  from: number;
  /** The weight at which the request crosses the line (a tie there). */
  threshold: number;
  /** A round weight just past the threshold: set it and the request has crossed. */
  to: number;
}

/** How firmly one request holds (or misses) its place in the top N. */
export interface RequestSensitivity {
  id: string;
  title: string;
  rank: number;
  score: number;
  isTop: boolean;
  /** For a top-N request the change that pushes it out; for one just below, the change that pulls it in. */
  change?: WeightChange;
  /** Share of random weight perturbations under which it ends in the top N. */
  topShare: number;
  isFragile: boolean;
}

export interface SensitivityOptions {
  top: number;
  /** Each weight varies within ±spread (0.2 = ±20%). */
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

/** Weight sensitivity of the top N: exact smallest single-weight changes, and a seeded perturbation study. */
export function analyzeSensitivity(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  options: SensitivityOptions,
): RequestSensitivity[] {
  const subjects = ranked.slice(0, options.top + (options.below ?? 3));
  const shares = perturbTopShares(ranked, model, options);
  return subjects.map((r) => {
    const isTop = r.rank <= options.top;
    const change = smallestChange(ranked, model, r, options.top);
    const topShare = shares.get(r.id) ?? 0;
    return {
      id: r.id,
      title: r.title,
      rank: r.rank,
      score: r.score,
      isTop,
      ...(change ? { change } : {}),
      topShare,
      isFragile: isTop ? topShare < FRAGILE_SHARE : topShare > 1 - FRAGILE_SHARE,
    };
  });
}

/**
 * With weight k at w_k + d, request x outranks the subject exactly when
 * (A_x - A_r) + d (s_xk - s_rk) > 0 (A = sum of weight * normalised value; the
 * common denominator is positive). Each other request switches side at most once,
 * so the count of requests above the subject is constant between crossings:
 * walk the crossings outward and stop in the first interval that crosses the line.
 */
function smallestChange(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
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
          best = { criterion: criterion.name, from: w, threshold: w + d, to: roundPast(w + d, w + end, direction) };
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

function weightedSum(request: RankedRequest, model: ScoringModel): number {
  return model.criteria.reduce((sum, c) => sum + c.weight * request.criteria[c.name]!.normalized, 0);
}

/** Share of seeded perturbations (each weight times a factor in [1-spread, 1+spread]) that put each request in the top N. */
function perturbTopShares(ranked: readonly RankedRequest[], model: ScoringModel, options: SensitivityOptions): Map<string, number> {
  const random = mulberry32(options.seed);
  // Normalised values do not depend on weights, so a re-score is a weighted sum; equal scores keep the ranking's tie-break order.
  const values = ranked.map((r) => model.criteria.map((c) => r.criteria[c.name]!.normalized));
  const counts = new Array<number>(ranked.length).fill(0);
  for (let sample = 0; sample < options.samples; sample += 1) {
    const weights = model.criteria.map((c) => c.weight * (1 + options.spread * (2 * random() - 1)));
    const scores = values.map((v) => v.reduce((sum, s, k) => sum + weights[k]! * s, 0));
    for (const i of topIndices(scores, options.top)) counts[i]! += 1;
  }
  return new Map(ranked.map((r, i) => [r.id, counts[i]! / options.samples]));
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
