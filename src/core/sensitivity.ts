import { compareRequests } from './rank.js';
import type { RankedRequest, ScoringModel } from './types.js';

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
    const crossings = a.flatMap((ai, i) => (b[i] === 0 ? [] : [-ai / b[i]!])).filter((d) => w + d > w * 1e-9);
    for (const direction of [1, -1]) {
      const ahead = [...new Set(crossings.filter((d) => d * direction > 0))].sort((x, y) => direction * (x - y));
      ahead.forEach((d, i) => {
        if (best && Math.abs(d) >= Math.abs(best.threshold - best.from)) return;
        const end = ahead[i + 1] ?? (direction > 0 ? d + Math.max(1, d) : -w);
        if (hasCrossed(countAbove((d + end) / 2)))
          best = { criterion: criterion.name, from: w, threshold: w + d, to: roundPast(w + d, w + end, direction) };
      });
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
  const counts = new Map<string, number>();
  for (let sample = 0; sample < options.samples; sample += 1) {
    const weights = model.criteria.map((c) => c.weight * (1 + options.spread * (2 * random() - 1)));
    const total = weights.reduce((sum, w) => sum + w, 0);
    // Normalised values do not depend on weights, so a re-score is a weighted sum.
    const rescored = ranked.map((r) => ({
      ...r,
      score: (100 * model.criteria.reduce((sum, c, k) => sum + weights[k]! * r.criteria[c.name]!.normalized, 0)) / total,
    }));
    for (const r of rescored.sort(compareRequests).slice(0, options.top)) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  }
  return new Map([...counts].map(([id, count]) => [id, count / options.samples]));
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
