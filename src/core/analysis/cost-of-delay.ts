import { parseDate } from '../text/dates.js';
import type { PlanEntry } from './plan.js';
import type { FeatureRequest } from '../types.js';

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
  const ahead = (request.texts.close_date ?? [])
    .map((text) => parseDate(text))
    .filter((day): day is number => day !== undefined && day >= asOf);
  if (ahead.length === 0) return undefined;
  return request.dealValue / Math.max(1, (Math.min(...ahead) - asOf) / 7);
}

/**
 * CD3 (cost of delay divided by duration), highest first: the order that
 * loses least while the work waits. Jobs with no cost of delay follow, in
 * their given order. Each job finishes when the ones before it are done.
 */
export function orderByCd3<T extends Job>(jobs: readonly T[]): Scheduled<T>[] {
  const known: (T & { cd3: number })[] = [];
  const unknown: T[] = [];
  for (const job of jobs) {
    if (job.costOfDelay === undefined) unknown.push(job);
    else known.push({ ...job, cd3: job.duration > 0 ? job.costOfDelay / job.duration : Infinity });
  }
  // || 0: two zero-duration jobs (Infinity - Infinity) tie; a stable sort keeps their order.
  known.sort((a, b) => b.cd3 - a.cd3 || 0);
  return schedule<T>([...known, ...unknown]);
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

/** A plan in CD3 order, and what its wait costs against the ranking's order. */
export interface PlanSequence {
  jobs: Scheduled<Job & { entry: PlanEntry }>[];
  delayCost: number;
  rankOrderDelayCost: number;
}

/** Sequences planned requests by CD3, each taking its size in weeks, one after another. */
export function sequencePlan(entries: readonly PlanEntry[], asOf: number): PlanSequence {
  const jobs = entries.map((entry) => {
    const costOfDelay = costOfDelayOf(entry.request, asOf);
    return { entry, duration: entry.size, ...(costOfDelay === undefined ? {} : { costOfDelay }) };
  });
  const sequence = orderByCd3(jobs);
  return { jobs: sequence, delayCost: delayCost(sequence), rankOrderDelayCost: delayCost(schedule(jobs)) };
}
