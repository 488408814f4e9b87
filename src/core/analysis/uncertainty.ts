import { mulberry32 } from './sensitivity.js';
import { scoreRequest } from '../scoring/score.js';
import { criteriaOf } from '../scoring/model-inputs.js';
import { pointsForScaled, scaledWeightOf } from '../scoring/weighted.js';
import type { FeatureRequest, RankedRequest, ScoringModel, ValueRange } from '../types.js';

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
  /** True when low is a ceiling, high a floor: ranks that far from the request's place are not told apart (huge exports). */
  isLowOpen?: boolean;
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
/** Histogram cells kept for the rank intervals (4M: 16 MB). */
const MAX_RANK_CELLS = 4_000_000;
/**
 * Samples whose moving requests' offsets are gathered before they are counted (see flushPending):
 * the more, the fewer passes over the megabytes of histogram, up to 4 MB of pending cells.
 */
const MAX_BATCH = 256;
const PENDING_CELLS = 2_000_000;
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
  const criteria = criteriaOf(model);
  const spread = model.kind === 'weighted' ? (options.spread ?? 0) : 0;
  const tables = ranked.flatMap((request, i) => inputTables(request, i, model, asOf));
  const confidence = Float64Array.from(criteria, (c) => (c.confidence === undefined ? 0 : 1 - c.confidence));
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
    confidences: criteria.flatMap((c) => (c.confidence === undefined ? [] : [{ criterion: c.name, confidence: c.confidence }])),
  };
}

function inputTables(request: RankedRequest, index: number, model: ScoringModel, asOf: number | undefined): InputTable[] {
  return Object.entries(request.ranges ?? {}).map(([field, range]) => {
    const points = pointsOf(range);
    const scored = points.map((value) => scoreRequest(withValue(request, field, value), model, asOf));
    const modelCriteria = criteriaOf(model);
    const criteria = modelCriteria.flatMap((c, k) => (c.field === field ? [k] : []));
    const values =
      model.kind === 'weighted'
        ? criteria.map((k) => Float64Array.from(scored, (s) => s.criteria[modelCriteria[k]!.name]!.normalized))
        : [Float64Array.from(scored, (s) => (s.unscorable === undefined ? s.score : request.score))];
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

/** What the samples counted: top-N hits, rank intervals, and top-N hits by half of each input's range. */
interface Counts {
  top: Int32Array;
  interval(request: number): RankInterval;
  decisiveness(input: number): number;
}

/**
 * The sampling loop's state: every array is allocated once, before the first sample.
 * Requests are indexed by their place in the ranking. Moving requests (those with
 * ranges; all of them with spread or confidence) are re-scored and sorted in each
 * sample; the fixed ones keep their order, so each sample only finds where the
 * moving ones fall among them, and counts the fixed ones run by run. Requests a
 * framework cannot score come last and stay last.
 */
class Sampler {
  private readonly n: number;
  private readonly k: number;
  private readonly weights: Float64Array;
  /** Normalised values, request by criterion (weighted models). */
  private readonly values: Float64Array;
  private readonly baseScores: Float64Array;
  private readonly moving: Int32Array;
  private readonly fixed: Int32Array;
  /** Sort keys: the score less a sliver per place, so ties keep the ranking's order. Fixed ones descend. */
  private readonly fixedKeys: Float64Array;
  private readonly movingKeys: Float64Array;
  /** The sliver of moving request j's key: its place times tieScale. */
  private readonly tieOffsets: Float64Array;
  /** The moving requests whose scores are drawn (ranges, confidence, frameworks), in order. */
  private readonly drawn: Int32Array;
  /** The sample's keys in `order`. */
  private readonly sortedKeys: Float64Array;
  /** Fixed f: the next fixed index with another number of moving requests placed before it in the ranking. */
  private readonly fixedRunEnd: Int32Array;
  /** Moving request j's inputs: inputStart[j] .. inputStart[j + 1] - 1 (tables are in ranking order). */
  private readonly inputStart: Int32Array;
  private readonly hasConfidence: boolean;
  private readonly tieScale: number;
  private readonly bucketOf: Int32Array;
  private readonly bucketEnds: Int32Array;
  /** The sample's moving requests (as j), highest key first; how many fixed ones rank above each. */
  private readonly order: Int32Array;
  private readonly fixedAbove: Int32Array;
  private readonly draws: Float64Array;
  private readonly flat: FlatTables;
  private readonly sampleWeights: Float64Array;
  /** The sample's weights scaled by scaledWeightOf. */
  private readonly scaledWeights: Float64Array;
  private readonly row: Float64Array;

  constructor(
    ranked: readonly RankedRequest[],
    model: ScoringModel,
    private readonly tables: readonly InputTable[],
    private readonly confidence: Float64Array,
    private readonly spread: number,
    isEveryoneMoving: boolean,
  ) {
    this.n = ranked.length;
    const scorable = ranked.filter((r) => r.unscorable === undefined).length;
    const criteria = criteriaOf(model);
    this.k = criteria.length;
    this.weights = Float64Array.from(criteria, (c) => c.weight);
    this.values = new Float64Array(this.n * this.k);
    ranked.forEach((r, i) => criteria.forEach((c, k) => (this.values[i * this.k + k] = r.criteria[c.name]?.normalized ?? 0)));
    this.baseScores = Float64Array.from(ranked, (r) => r.score);
    this.tieScale = TIE_EPSILON * this.baseScores.reduce((largest, score) => Math.max(largest, Math.abs(score)), 1);
    const inputsOf = new Int32Array(this.n);
    for (const t of tables) inputsOf[t.request]! += 1;
    const places = Int32Array.from({ length: scorable }, (_, i) => i);
    this.moving = places.filter((i) => isEveryoneMoving || inputsOf[i]! > 0);
    this.fixed = places.filter((i) => !isEveryoneMoving && inputsOf[i] === 0);
    this.fixedKeys = Float64Array.from(this.fixed, (i) => this.baseScores[i]! - i * this.tieScale);
    this.fixedRunEnd = new Int32Array(this.fixed.length);
    for (let f = this.fixed.length - 1; f >= 0; f -= 1) {
      const isSameRun = f + 1 < this.fixed.length && this.fixed[f + 1]! - (f + 1) === this.fixed[f]! - f;
      this.fixedRunEnd[f] = isSameRun ? this.fixedRunEnd[f + 1]! : f + 1;
    }
    const m = this.moving.length;
    this.inputStart = new Int32Array(m + 1);
    this.moving.forEach((i, j) => (this.inputStart[j + 1] = this.inputStart[j]! + inputsOf[i]!));
    this.hasConfidence = confidence.some((c) => c > 0);
    this.tieOffsets = Float64Array.from(this.moving, (i) => i * this.tieScale);
    this.drawn = Int32Array.from({ length: m }, (_, j) => j).filter(
      (j) => this.k === 0 || this.hasConfidence || this.inputStart[j + 1]! > this.inputStart[j]!,
    );
    this.movingKeys = new Float64Array(m);
    this.bucketOf = new Int32Array(m);
    this.bucketEnds = new Int32Array(m + 1);
    this.order = new Int32Array(m);
    this.fixedAbove = new Int32Array(m);
    this.sortedKeys = new Float64Array(m);
    this.draws = new Float64Array(tables.length);
    this.flat = flatten(tables);
    this.sampleWeights = new Float64Array(this.k);
    this.scaledWeights = new Float64Array(this.k);
    this.row = new Float64Array(this.k);
  }

  run(options: UncertaintyOptions): Counts {
    const random = mulberry32(options.seed);
    const [m, f] = [this.moving.length, this.fixed.length];
    // Ranks are kept as offsets from the request's place, within ±reach: 16 MB at most, exact up to ~2,000 requests.
    const reach = Math.max(1, Math.min(this.n, Math.floor((MAX_RANK_CELLS / Math.max(1, this.n) - 1) / 2)));
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(PENDING_CELLS / Math.max(1, m))));
    const tally: Tally = {
      line: options.top,
      reach,
      moving: new Int32Array((2 * reach + 1) * m),
      // An offset cell is below 2 * reach + 1, never past 2,900 (reach is at most the request count and 2M / count).
      pending: new Uint16Array(batch * m),
      pendingSamples: 0,
      movingTop: new Int32Array(m),
      fixedRuns: new Int32Array((2 * reach + 1) * (f + 1)),
      fixedTopRuns: new Int32Array(f + 1),
      inputHits: new Int32Array(this.tables.length * 3),
    };
    for (let sample = 0; sample < options.samples; sample += 1) {
      this.drawWeights(random);
      this.scoreMoving(random);
      this.sortMoving();
      this.countSample(tally);
      if (tally.pendingSamples === batch) flushPending(tally, m);
    }
    flushPending(tally, m);
    return this.counts(tally, options.samples);
  }

  private drawWeights(random: () => number): void {
    for (let k = 0; k < this.k; k += 1) {
      this.sampleWeights[k] = this.spread > 0 ? this.weights[k]! * (1 + this.spread * (2 * random() - 1)) : this.weights[k]!;
    }
  }

  /**
   * The sample's key of each moving request: its inputs drawn, its confident values varied, its weights
   * drawn. The plain ones first, all at once; then the drawn ones in order, so the draws come as before.
   */
  private scoreMoving(random: () => number): void {
    const totalWeight = this.scaleWeights();
    if (this.drawn.length < this.moving.length) this.scorePlain(totalWeight);
    for (let d = 0; d < this.drawn.length; d += 1) {
      const j = this.drawn[d]!;
      const i = this.moving[j]!;
      const input = this.inputStart[j]!;
      const inputEnd = this.inputStart[j + 1]!;
      const score =
        this.k === 0 ? this.frameworkScore(i, input, inputEnd, random) : this.drawnScore(i, input, inputEnd, totalWeight, random);
      this.movingKeys[j] = score - this.tieOffsets[j]!;
    }
  }

  /**
   * Every moving request's key at its own values (the drawn ones' are written over after), read
   * in one sweep. Points are added in criterion order, as scoreWeighted adds
   * them, so a request's score is the same to the last bit.
   */
  private scorePlain(totalWeight: number): void {
    const [keys, values, scaled, moving, k] = [this.movingKeys, this.values, this.scaledWeights, this.moving, this.k];
    for (let j = 0; j < moving.length; j += 1) {
      let score = 0;
      for (let c = 0, at = moving[j]! * k; c < k; c += 1, at += 1) score += pointsForScaled(scaled[c]!, values[at]!, totalWeight);
      keys[j] = score - this.tieOffsets[j]!;
    }
  }

  /** Scales the sample's weights once for all requests (the first step of pointsFor); returns their sum. */
  private scaleWeights(): number {
    let totalWeight = 0;
    for (let c = 0; c < this.k; c += 1) {
      totalWeight += this.sampleWeights[c]!;
      this.scaledWeights[c] = scaledWeightOf(this.sampleWeights[c]!);
    }
    return totalWeight;
  }

  /** A request with ranges or confident criteria (weighted models): its inputs drawn, its confident values varied. */
  private drawnScore(i: number, input: number, inputEnd: number, totalWeight: number, random: () => number): number {
    const k = this.k;
    for (let c = 0; c < k; c += 1) this.row[c] = this.values[i * k + c]!;
    for (; input < inputEnd; input += 1) this.drawInput(input, random);
    let score = 0;
    for (let c = 0; c < k; c += 1) {
      const spread = this.confidence[c]!;
      const value = spread > 0 ? Math.min(1, Math.max(0, this.row[c]! + spread * (2 * random() - 1))) : this.row[c]!;
      score += pointsForScaled(this.scaledWeights[c]!, value, totalWeight);
    }
    return score;
  }

  /** Frameworks: each input's effect on the score, added (exact for one input per request). */
  private frameworkScore(i: number, input: number, inputEnd: number, random: () => number): number {
    let score = this.baseScores[i]!;
    for (; input < inputEnd; input += 1) score += this.drawFrameworkInput(input, random) - this.baseScores[i]!;
    return score;
  }

  /** Draws one input of a weighted model: its criteria's values at the draw go into the row. */
  private drawInput(input: number, random: () => number): void {
    const { entryStart, entryCriterion, isDiscrete } = this.flat;
    const u = random();
    this.draws[input] = u;
    for (let e = entryStart[input]!; e < entryStart[input + 1]!; e += 1) {
      this.row[entryCriterion[e]!] = this.valueOf(e, u, isDiscrete[input] === 1);
    }
  }

  /** Draws one input of a framework: the score at the draw. */
  private drawFrameworkInput(input: number, random: () => number): number {
    const u = random();
    this.draws[input] = u;
    return this.valueOf(this.flat.entryStart[input]!, u, this.flat.isDiscrete[input] === 1);
  }

  /** A table entry's value at draw u in [0, 1): one of its labels, or interpolated between its points. */
  private valueOf(entry: number, u: number, isDiscrete: boolean): number {
    const { points: values, pointStart } = this.flat;
    const first = pointStart[entry]!;
    const points = pointStart[entry + 1]! - first;
    if (isDiscrete) return values[first + Math.min(points - 1, Math.floor(u * points))]!;
    const x = u * (points - 1);
    const at = Math.min(points - 2, Math.floor(x));
    return values[first + at]! + (x - at) * (values[first + at + 1]! - values[first + at]!);
  }

  /**
   * Orders the moving requests by key, highest first, in about linear time: a bucket
   * sort over the sample's key range (as many buckets as requests), then one
   * insertion pass that only fixes the order within buckets. The keys move along with
   * the order (sortedKeys), so the insertion pass reads them side by side.
   */
  private sortMoving(): void {
    const [keys, bucketOf, ends] = [this.movingKeys, this.bucketOf, this.bucketEnds];
    const [low, high] = rangeOf(keys);
    const buckets = ends.length - 1;
    const scale = high > low ? (buckets - 1) / (high - low) : 0;
    ends.fill(0);
    for (let j = 0; j < keys.length; j += 1) {
      const bucket = Math.floor((high - keys[j]!) * scale);
      bucketOf[j] = bucket;
      ends[bucket + 1]! += 1;
    }
    for (let b = 1, start = 0; b <= buckets; b += 1) ends[b] = start += ends[b]!;
    for (let j = 0; j < keys.length; j += 1) {
      const at = ends[bucketOf[j]!]!++;
      this.order[at] = j;
      this.sortedKeys[at] = keys[j]!;
    }
    insertionSort(this.sortedKeys, this.order);
  }

  /** Counts the sample: the moving requests' ranks, then the fixed ones' (see countFixed). */
  private countSample(tally: Tally): void {
    this.countMoving(tally);
    this.countFixed(tally);
    tally.pendingSamples += 1;
  }

  /**
   * A moving request's rank is its place among the moving ones plus the fixed ones above it
   * (a search that gallops on from where the last stopped). Its offset goes to the pending
   * row, its top-N hit to it and, by half of the range drawn, to each of its inputs.
   */
  private countMoving(tally: Tally): void {
    const [order, keys, moving, inputStart, draws] = [this.order, this.sortedKeys, this.moving, this.inputStart, this.draws];
    const { line, reach, pending, movingTop, inputHits } = tally;
    const row = tally.pendingSamples * moving.length;
    const hasFixed = this.fixed.length > 0;
    let above = 0;
    for (let t = 0; t < moving.length; t += 1) {
      const j = order[t]!;
      if (hasFixed) {
        above = countAbove(this.fixedKeys, keys[t]!, above);
        this.fixedAbove[t] = above;
      }
      const rank = t + above + 1;
      pending[row + j] = clampOffset(rank - 1 - moving[j]!, reach) + reach;
      const isTop = rank <= line;
      if (isTop) movingTop[j]! += 1;
      for (let input = inputStart[j]!; input < inputStart[j + 1]!; input += 1) {
        const isUpper = draws[input]! >= 0.5;
        if (isUpper) inputHits[input * 3]! += 1;
        if (isTop) inputHits[input * 3 + (isUpper ? 1 : 2)]! += 1;
      }
    }
  }

  /**
   * A fixed request's rank is its place among the fixed plus the moving ones above it, which
   * only changes where a moving one falls or where one sat in the ranking: each run of equal
   * offsets is counted once, as a difference, summed up at the end.
   */
  private countFixed(tally: Tally): void {
    const [m, fixedCount] = [this.moving.length, this.fixed.length];
    for (let f = 0, t = 0; f < fixedCount;) {
      while (t < m && this.fixedAbove[t]! <= f) t += 1;
      const end = Math.min(t < m ? this.fixedAbove[t]! : fixedCount, this.fixedRunEnd[f]!);
      const row = (clampOffset(f + t - this.fixed[f]!, tally.reach) + tally.reach) * (fixedCount + 1);
      tally.fixedRuns[row + f]! += 1;
      tally.fixedRuns[row + end]! -= 1;
      const topEnd = Math.min(end, tally.line - t);
      if (topEnd > f) {
        tally.fixedTopRuns[f]! += 1;
        tally.fixedTopRuns[topEnd]! -= 1;
      }
      f = end;
    }
  }

  /** The tallies per request: the fixed runs summed up, unscorable requests at their place in every sample. */
  private counts(tally: Tally, samples: number): Counts {
    const [fixedCount, width] = [this.fixed.length, 2 * tally.reach + 1];
    for (let cell = 0; cell < width; cell += 1) sumRuns(tally.fixedRuns.subarray(cell * (fixedCount + 1), (cell + 1) * (fixedCount + 1)));
    sumRuns(tally.fixedTopRuns);
    const where = new Int32Array(this.n).fill(-1);
    this.moving.forEach((i, j) => (where[i] = j));
    this.fixed.forEach((i, f) => (where[i] = f));
    const isMoving = new Uint8Array(this.n);
    for (const i of this.moving) isMoving[i] = 1;
    const top = Int32Array.from({ length: this.n }, (_, i) => {
      if (where[i]! < 0) return i < tally.line ? samples : 0;
      return isMoving[i] ? tally.movingTop[where[i]!]! : tally.fixedTopRuns[where[i]!]!;
    });
    return {
      top,
      interval: (i) => {
        if (where[i]! < 0) return { low: i + 1, high: i + 1 };
        const at = where[i]!;
        // Moving requests' offsets lie side by side (one row each); the fixed ones' a column apart.
        const cells = isMoving[i]
          ? { array: tally.moving, first: at * width, step: 1 }
          : { array: tally.fixedRuns, first: at, step: fixedCount + 1 };
        return intervalOf(cells, tally.reach, i + 1, this.n, samples);
      },
      decisiveness: (input) => {
        const [upper, upperTop, lowerTop] = [tally.inputHits[input * 3]!, tally.inputHits[input * 3 + 1]!, tally.inputHits[input * 3 + 2]!];
        const lower = samples - upper;
        return upper === 0 || lower === 0 ? 0 : Math.abs(upperTop / upper - lowerTop / lower);
      },
    };
  }
}

/**
 * The samples' counts: rank offsets from each request's place (±reach at most) for the moving
 * requests, and as run differences for the fixed; top-N hits alike; and per input
 * [upper-half draws, top hits then, top hits otherwise].
 */
interface Tally {
  line: number;
  reach: number;
  moving: Int32Array;
  /** The last samples' offset cells, a row of the moving requests per sample, added to `moving` a batch at a time. */
  pending: Uint16Array;
  pendingSamples: number;
  movingTop: Int32Array;
  fixedRuns: Int32Array;
  fixedTopRuns: Int32Array;
  inputHits: Int32Array;
}

/**
 * Adds the pending offsets to the histogram request by request: a request's offsets of a
 * batch of samples lie close together, so this touches few cache lines, where adding each
 * sample's offsets at once would touch a line per request (the histogram is megabytes).
 * The pending cells are a row per sample, so the rank pass writes within one small row.
 */
function flushPending(tally: Tally, m: number): void {
  const [width, pending, histogram, samples] = [2 * tally.reach + 1, tally.pending, tally.moving, tally.pendingSamples];
  for (let j = 0; j < m; j += 1) {
    const cells = j * width;
    for (let s = 0, at = j; s < samples; s += 1, at += m) histogram[cells + pending[at]!]! += 1;
  }
  tally.pendingSamples = 0;
}

/** The lowest and highest of the keys. */
function rangeOf(keys: Float64Array): [number, number] {
  let [low, high] = [Infinity, -Infinity];
  for (let j = 0; j < keys.length; j += 1) {
    const key = keys[j]!;
    if (key < low) low = key;
    if (key > high) high = key;
  }
  return [low, high];
}

/** Sorts keys descending, moving order along; equal keys keep their order. Fast when keys are nearly sorted. */
function insertionSort(keys: Float64Array, order: Int32Array): void {
  for (let p = 1; p < keys.length; p += 1) {
    const key = keys[p]!;
    const j = order[p]!;
    let q = p - 1;
    while (q >= 0 && keys[q]! < key) {
      keys[q + 1] = keys[q]!;
      order[q + 1] = order[q]!;
      q -= 1;
    }
    keys[q + 1] = key;
    order[q + 1] = j;
  }
}

function clampOffset(offset: number, reach: number): number {
  return offset < -reach ? -reach : offset > reach ? reach : offset;
}

/** How many keys of a descending array are greater than `key`, at least `from`: gallops from there, then bisects. */
function countAbove(descending: Float64Array, key: number, from: number): number {
  let low = from;
  let step = 1;
  for (; low + step < descending.length && descending[low + step - 1]! > key; step *= 2) low += step;
  let high = Math.min(descending.length, low + step);
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (descending[mid]! > key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Differences to counts, in place. */
function sumRuns(runs: Int32Array): void {
  for (let f = 1; f < runs.length; f += 1) runs[f]! += runs[f - 1]!;
}

/** The 10th and 90th percentile ranks: the best ranks that at least 10% and 90% of the samples reach. */
function intervalOf(
  cells: { array: Int32Array; first: number; step: number },
  reach: number,
  place: number,
  n: number,
  samples: number,
): RankInterval {
  const offsetAt = (share: number) => {
    const needed = Math.ceil(share * samples);
    let seen = 0;
    for (let cell = 0; cell <= 2 * reach; cell += 1) {
      seen += cells.array[cells.first + cell * cells.step]!;
      if (seen >= needed) return cell - reach;
    }
    return reach;
  };
  const [low, high] = [offsetAt(0.1), offsetAt(0.9)];
  return {
    low: place + low,
    high: place + high,
    ...(low === -reach && place + low > 1 ? { isLowOpen: true } : {}),
    ...(high === reach && place + high < n ? { isHighOpen: true } : {}),
  };
}

/**
 * The inputs' tables in flat typed arrays, so drawing reads no objects: input t's entries are
 * entryStart[t] .. entryStart[t + 1] - 1, entry e's points pointStart[e] .. pointStart[e + 1] - 1
 * of `points`, and its criterion entryCriterion[e] (-1 for a framework's score).
 */
interface FlatTables {
  entryStart: Int32Array;
  entryCriterion: Int32Array;
  pointStart: Int32Array;
  points: Float64Array;
  isDiscrete: Uint8Array;
}

function flatten(tables: readonly InputTable[]): FlatTables {
  const entries = tables.flatMap((t) => t.values.map((points, e) => ({ points, criterion: t.criteria[e] ?? -1 })));
  const entryStart = new Int32Array(tables.length + 1);
  tables.forEach((t, i) => (entryStart[i + 1] = entryStart[i]! + t.values.length));
  const pointStart = new Int32Array(entries.length + 1);
  entries.forEach((e, i) => (pointStart[i + 1] = pointStart[i]! + e.points.length));
  const points = new Float64Array(pointStart[entries.length]!);
  entries.forEach((e, i) => points.set(e.points, pointStart[i]));
  const entryCriterion = Int32Array.from(entries, (e) => e.criterion);
  return { entryStart, entryCriterion, pointStart, points, isDiscrete: Uint8Array.from(tables, (t) => (t.isDiscrete ? 1 : 0)) };
}
