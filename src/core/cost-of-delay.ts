import { parseDate } from './dates.js';
import type { FeatureRequest } from './types.js';

/** Work to sequence: what each week of waiting for it costs, and how long it takes. */
export interface Job {
  /** Per week; undefined when unknown (no deal value or no close date ahead). */
  costOfDelay?: number;
  duration: number;
}

/** A job in a sequence, with when it finishes (weeks from the start). */
export type Scheduled<T extends Job> = T & { cd3?: number; finish: number };

/**
 * Cost of delay per week of a request: its deal value spread over the weeks
 * left until its nearest close date on or after `asOf` (at least one week),
 * since that is how fast the deals waiting on it run out of time.
 */
export function costOfDelayOf(request: Pick<FeatureRequest, 'dealValue' | 'texts'>, asOf: number): number | undefined {
  if (request.dealValue === undefined) return undefined;
  const ahead = (request.texts.close_date ?? []).map(parseDate).filter((day): day is number => day !== undefined && day >= asOf);
  if (ahead.length === 0) return undefined;
  return request.dealValue / Math.max(1, (Math.min(...ahead) - asOf) / 7);
}

/**
 * CD3 (cost of delay divided by duration), highest first: the order that
 * loses least while the work waits. Jobs with no cost of delay follow, in
 * their given order. Each job finishes when the ones before it are done.
 */
export function orderByCd3<T extends Job>(jobs: readonly T[]): Scheduled<T>[] {
  const withCd3 = jobs.map((job) => (job.costOfDelay === undefined ? job : { ...job, cd3: job.costOfDelay / job.duration }));
  const known = withCd3.filter((job) => 'cd3' in job).sort((a, b) => b.cd3! - a.cd3!);
  return schedule([...known, ...withCd3.filter((job) => !('cd3' in job))]);
}

/** The jobs done one after another in the given order. */
export function schedule<T extends Job>(jobs: readonly T[]): Scheduled<T>[] {
  let week = 0;
  return jobs.map((job) => ({ ...job, finish: (week += job.duration) }));
}

/** What the wait costs in a sequence: each job's cost of delay for every week until it finishes. */
export function delayCost(sequence: readonly Scheduled<Job>[]): number {
  return sequence.reduce((sum, job) => sum + (job.costOfDelay ?? 0) * job.finish, 0);
}
