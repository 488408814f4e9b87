import { mulberry32 } from './sensitivity.js';
import { scoreRequest } from '../scoring/score.js';
import type { ValueRange } from '../requests/ranges.js';
import type { FeatureRequest, RankedRequest, ScoringModel } from '../types.js';

export interface UncertaintyOptions {
  /** The line: P(in the top N) is reported for this N. */
  top: number;
  samples: number;
  seed: number;
  /** Also vary each weight within ±spread (0.2 = ±20%); weighted models only. */
  spread?: number;
}

/** What score --uncertainty uses unless told otherwise. */
export const UNCERTAINTY_DEFAULTS = { top: 10, samples: 10_000, seed: 1 } as const;

/** The middle 80% of a request's sampled ranks: the 10th and 90th percentiles. */
export interface RankInterval {
  low: number;
  high: number;
  /** True when high is a floor: ranks that far down are not told apart (huge exports). */
  isHighOpen?: boolean;
}

/** How a request fares over the samples. */
export interface RequestUncertainty {
  /** Share of samples in which it ranks in the top N. */
  topShare: number;
  interval: RankInterval;
}

/** One uncertain input: a request's range in one field. */
export interface UncertainInput {
  id: string;
  field: string;
  /** The range as written ("M-L", "3-4"). */
  text: string;
  /** Its request's rank in the ranking (at the range's middle). */
  rank: number;
  /**
   * How much resolving it could change the top N: P(its request in the top N | the value in the upper
   * half of the range) minus the same for the lower half, in absolute value. The value of knowing it.
   */
  decisiveness: number;
}

export interface UncertaintyStudy extends UncertaintyOptions {
  /** One per ranked request, in ranking order. */
  requests: RequestUncertainty[];
  /** Every uncertain input, most decisive first. */
  inputs: UncertainInput[];
  /** Criteria whose values vary by their confidence. */
  confidences: { criterion: string; confidence: number }[];
}

/** Points at which a numeric range is scored; the samples interpolate between them. */
const RANGE_POINTS = 33;
/** Histogram cells kept for the rank intervals (4M: 16 MB); ranks past the cap count as "cap or worse". */
const MAX_RANK_CELLS = 4_000_000;
/** Scores this close (relative) count as tied, and tied requests keep the ranking's order. */
const TIE_EPSILON = 1e-12;

/** A request's range in one field, with what the scoring function makes of each point of it. */
interface InputTable {
  request: number;
  input: UncertainInput;
  isDiscrete: boolean;
  /** Weighted: per criterion reading the field, its normalised value at each point; frameworks: the score at each point. */
  criteria: number[];
  values: Float64Array[];
}

/**
 * A seeded Monte Carlo over the uncertain inputs of a ranking: ranges in the
 * export or decisions, criteria with a confidence, and with `spread` the
 * weights. Each range is scored by the model's own per-request scoring
 * function at a few points up front; the sampling loop only interpolates,
 * adds and counts, over typed arrays, so it allocates nothing. The same seed
 * gives the same study.
 */
export function studyUncertainty(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  options: UncertaintyOptions,
  asOf?: number,
): UncertaintyStudy {
  const isWeighted = !model.framework;
  const spread = isWeighted ? (options.spread ?? 0) : 0;
  const tables = ranked.flatMap((request, i) => inputTables(request, i, model, asOf));
  const confidence = Float64Array.from(model.criteria, (c) => (isWeighted && c.confidence !== undefined ? 1 - c.confidence : 0));
  const isEveryoneMoving = spread > 0 || confidence.some((c) => c > 0);
  const sampler = new Sampler(ranked, model, tables, confidence, spread, isEveryoneMoving);
  const counts = sampler.run(options);
  return {
    ...options,
    ...(spread > 0 ? { spread } : {}),
    requests: ranked.map((_, i) => ({ topShare: counts.top[i]! / options.samples, interval: counts.interval(i) })),
    inputs: tables
      .map((t, j) => ({ ...t.input, decisiveness: counts.decisiveness(j) }))
      .sort((a, b) => b.decisiveness - a.decisiveness || a.rank - b.rank),
    confidences: model.criteria.flatMap((c) => (c.confidence === undefined ? [] : [{ criterion: c.name, confidence: c.confidence }])),
  };
}

function inputTables(request: RankedRequest, index: number, model: ScoringModel, asOf: number | undefined): InputTable[] {
  return Object.entries(request.ranges ?? {}).map(([field, range]) => {
    const points = pointsOf(range);
    const scored = points.map((value) => scoreRequest(withValue(request, field, value), model, asOf));
    const criteria = model.framework ? [] : model.criteria.flatMap((c, k) => (c.field === field ? [k] : []));
    const values = model.framework
      ? [Float64Array.from(scored, (s) => (s.unscorable === undefined ? s.score : request.score))]
      : criteria.map((k) => Float64Array.from(scored, (s) => s.criteria[model.criteria[k]!.name]!.normalized));
    const input = { id: request.id, field, text: range.text, rank: request.rank, decisiveness: 0 };
    return { request: index, input, isDiscrete: range.kind === 'labels', criteria, values };
  });
}

function pointsOf(range: ValueRange): (number | string)[] {
  if (range.kind === 'labels') return range.labels;
  return Array.from({ length: RANGE_POINTS }, (_, t) => range.low + ((range.high - range.low) * t) / (RANGE_POINTS - 1));
}

function withValue(request: FeatureRequest, field: string, value: number | string): FeatureRequest {
  if (typeof value === 'string') return { ...request, texts: { ...request.texts, [field]: [value] } };
  return { ...request, numbers: { ...request.numbers, [field]: value }, texts: { ...request.texts, [field]: [String(value)] } };
}

/** What the samples counted: top-N hits, rank histograms, and top-N hits by half of each input's range. */
interface Counts {
  top: Int32Array;
  interval(request: number): RankInterval;
  decisiveness(input: number): number;
}

/** The sampling loop's state: every array is allocated once, before the first sample. */
class Sampler {
  private readonly n: number;
  private readonly k: number;
  private readonly weights: Float64Array;
  /** Normalised values, request by criterion (weighted models). */
  private readonly values: Float64Array;
  private readonly baseScores: Float64Array;
  /** The requests that move in a sample (all of them with spread or confidence), and the rest in ranking order. */
  private readonly moving: Int32Array;
  private readonly fixed: Int32Array;
  private readonly fixedKeys: Float64Array;
  private readonly movingKeys: Float64Array;
  private readonly sortedKeys: Float64Array;
  /** Each moving request's inputs: tables[inputStart[j] .. inputStart[j + 1]). */
  private readonly inputStart: Int32Array;
  private readonly inputOrder: Int32Array;
  private readonly draws: Float64Array;
  private readonly sampleWeights: Float64Array;
  private readonly row: Float64Array;
  private readonly tieScale: number;

  constructor(
    ranked: readonly RankedRequest[],
    private readonly model: ScoringModel,
    private readonly tables: readonly InputTable[],
    private readonly confidence: Float64Array,
    private readonly spread: number,
    isEveryoneMoving: boolean,
  ) {
    this.n = ranked.length;
    this.k = model.framework ? 0 : model.criteria.length;
    this.weights = Float64Array.from(model.criteria, (c) => c.weight);
    this.values = new Float64Array(this.n * this.k);
    ranked.forEach((r, i) => model.criteria.forEach((c, k) => (this.values[i * this.k + k] = r.criteria[c.name]?.normalized ?? 0)));
    this.baseScores = Float64Array.from(ranked, (r) => (r.unscorable === undefined ? r.score : -Infinity));
    this.tieScale = TIE_EPSILON * Math.max(1, ...this.baseScores.filter(Number.isFinite).map(Math.abs));
    const hasInput = new Uint8Array(this.n);
    for (const t of tables) hasInput[t.request] = 1;
    const isMoving = (i: number) => isEveryoneMoving || hasInput[i] === 1;
    this.moving = Int32Array.from(ranked.keys()).filter(isMoving);
    this.fixed = Int32Array.from(ranked.keys()).filter((i) => !isMoving(i));
    this.fixedKeys = Float64Array.from(this.fixed, (i) => this.keyOf(this.baseScores[i]!, i));
    this.movingKeys = new Float64Array(this.moving.length);
    this.sortedKeys = new Float64Array(this.moving.length);
    // Tables are in ranking order, so each moving request's inputs are consecutive.
    const position = new Int32Array(this.n).fill(-1);
    this.moving.forEach((i, j) => (position[i] = j));
    this.inputOrder = Int32Array.from(tables.keys());
    this.inputStart = new Int32Array(this.moving.length + 1);
    for (const t of tables) this.inputStart[position[t.request]! + 1]! += 1;
    for (let j = 0; j < this.moving.length; j += 1) this.inputStart[j + 1]! += this.inputStart[j]!;
    this.draws = new Float64Array(tables.length);
    this.sampleWeights = new Float64Array(this.k);
    this.row = new Float64Array(this.k);
  }

  run(options: UncertaintyOptions): Counts {
    const random = mulberry32(options.seed);
    const cap = Math.max(1, Math.min(this.n, Math.floor(MAX_RANK_CELLS / Math.max(1, this.n)) - 1));
    const tally: Tally = {
      line: options.top,
      cap,
      histogram: new Int32Array(this.n * (cap + 1)),
      top: new Int32Array(this.n),
      inputHits: new Int32Array(this.tables.length * 3),
    };
    for (let sample = 0; sample < options.samples; sample += 1) {
      this.drawWeights(random);
      this.scoreMoving(random);
      this.rankSample(tally);
    }
    return {
      top: tally.top,
      interval: (request) => intervalOf(tally.histogram.subarray(request * (cap + 1), (request + 1) * (cap + 1)), options.samples, cap),
      decisiveness: (input) => {
        const [upper, upperTop, lowerTop] = [tally.inputHits[input * 3]!, tally.inputHits[input * 3 + 1]!, tally.inputHits[input * 3 + 2]!];
        const lower = options.samples - upper;
        return upper === 0 || lower === 0 ? 0 : Math.abs(upperTop / upper - lowerTop / lower);
      },
    };
  }

  private drawWeights(random: () => number): void {
    for (let k = 0; k < this.k; k += 1) {
      this.sampleWeights[k] = this.spread > 0 ? this.weights[k]! * (1 + this.spread * (2 * random() - 1)) : this.weights[k]!;
    }
  }

  /** A sample's score (as a sort key) for each moving request: its inputs drawn, its confident values varied. */
  private scoreMoving(random: () => number): void {
    let totalWeight = 0;
    for (let k = 0; k < this.k; k += 1) totalWeight += this.sampleWeights[k]!;
    for (let j = 0; j < this.moving.length; j += 1) {
      const i = this.moving[j]!;
      let score = this.baseScores[i]!;
      if (this.k > 0) {
        for (let k = 0; k < this.k; k += 1) this.row[k] = this.values[i * this.k + k]!;
        for (let t = this.inputStart[j]!; t < this.inputStart[j + 1]!; t += 1) this.applyInput(this.inputOrder[t]!, random);
        score = 0;
        for (let k = 0; k < this.k; k += 1) {
          let value = this.row[k]!;
          if (this.confidence[k]! > 0) value = Math.min(1, Math.max(0, value + this.confidence[k]! * (2 * random() - 1)));
          score += this.sampleWeights[k]! * value;
        }
        score = (100 * score) / totalWeight;
      } else {
        // Frameworks: each input's effect on the score, added (exact for one input per request).
        for (let t = this.inputStart[j]!; t < this.inputStart[j + 1]!; t += 1) {
          score += this.applyInput(this.inputOrder[t]!, random) - this.baseScores[i]!;
        }
      }
      this.movingKeys[j] = this.keyOf(score, i);
    }
  }

  /** Draws one input: weighted models write its criteria's values into the row; a framework gets the score at the draw. */
  private applyInput(input: number, random: () => number): number {
    const table = this.tables[input]!;
    const u = random();
    this.draws[input] = u;
    if (this.k === 0) return valueAt(table.values[0]!, u, table.isDiscrete);
    for (let c = 0; c < table.criteria.length; c += 1) this.row[table.criteria[c]!] = valueAt(table.values[c]!, u, table.isDiscrete);
    return 0;
  }

  /** Ranks every request in the sample: moving ones by binary search, fixed ones by one merge walk; fixed requests are never sorted. */
  private rankSample(tally: Tally): void {
    const m = this.moving.length;
    this.sortedKeys.set(this.movingKeys);
    this.sortedKeys.sort();
    for (let j = 0; j < m; j += 1) {
      const key = this.movingKeys[j]!;
      const rank = 1 + countAbove(this.fixedKeys, key) + (m - upperBound(this.sortedKeys, key));
      countRank(tally, this.moving[j]!, rank);
      for (let t = this.inputStart[j]!; t < this.inputStart[j + 1]!; t += 1) {
        const input = this.inputOrder[t]!;
        const isUpper = this.draws[input]! >= 0.5;
        if (isUpper) tally.inputHits[input * 3]! += 1;
        if (rank <= tally.line) tally.inputHits[input * 3 + (isUpper ? 1 : 2)]! += 1;
      }
    }
    let q = m - 1;
    for (let f = 0; f < this.fixed.length; f += 1) {
      const key = this.fixedKeys[f]!;
      while (q >= 0 && this.sortedKeys[q]! > key) q -= 1;
      countRank(tally, this.fixed[f]!, f + 1 + (m - 1 - q));
    }
  }

  /** Distinct keys: scores within TIE_EPSILON keep the ranking's order (earlier index ranks higher). */
  private keyOf(score: number, index: number): number {
    return score === -Infinity ? -Infinity : score - index * this.tieScale;
  }
}

/** The samples' counts: rank histograms (ranks past `cap` in one cell), top-N hits, and per input [upper-half draws, top hits then, top hits otherwise]. */
interface Tally {
  line: number;
  cap: number;
  histogram: Int32Array;
  top: Int32Array;
  inputHits: Int32Array;
}

function countRank(tally: Tally, request: number, rank: number): void {
  tally.histogram[request * (tally.cap + 1) + Math.min(rank, tally.cap + 1) - 1]! += 1;
  if (rank <= tally.line) tally.top[request]! += 1;
}

/** A table's value at draw u in [0, 1): one of its labels, or interpolated between its points. */
function valueAt(values: Float64Array, u: number, isDiscrete: boolean): number {
  const points = values.length;
  if (isDiscrete) return values[Math.min(points - 1, Math.floor(u * points))]!;
  const x = u * (points - 1);
  const at = Math.min(points - 2, Math.floor(x));
  return values[at]! + (x - at) * (values[at + 1]! - values[at]!);
}

/** How many keys of a descending array are greater than `key`. */
function countAbove(descending: Float64Array, key: number): number {
  let [low, high] = [0, descending.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (descending[mid]! > key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index of an ascending array whose key is greater than `key`. */
function upperBound(ascending: Float64Array, key: number): number {
  let [low, high] = [0, ascending.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ascending[mid]! <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The 10th and 90th percentile ranks: the smallest ranks that at least 10% and 90% of the samples reach. */
function intervalOf(histogram: Int32Array, samples: number, cap: number): RankInterval {
  const rankAt = (share: number) => {
    const needed = Math.ceil(share * samples);
    let seen = 0;
    for (let r = 0; r < histogram.length; r += 1) {
      seen += histogram[r]!;
      if (seen >= needed) return r + 1;
    }
    return histogram.length;
  };
  const [low, high] = [rankAt(0.1), rankAt(0.9)];
  return high > cap ? { low: Math.min(low, cap + 1), high: cap + 1, isHighOpen: true } : { low, high };
}
