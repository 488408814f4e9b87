import type { Aging, FeatureRequest, ScoringModel } from '../types.js';
import type { MentionDecay } from './group.js';

/** Requests this close to going stale are listed in the digest: two weekly syncs. */
export const GOING_STALE_WITHIN_DAYS = 14;

/** Days since the request's newest dated mention, as of `asOf`; undefined when no row is dated. */
export function daysSinceLastMention(request: Pick<FeatureRequest, 'lastMentionDay'>, asOf: number): number | undefined {
  return request.lastMentionDay === undefined ? undefined : asOf - request.lastMentionDay;
}

/** No mention for longer than stale_after; an undated request is never stale (nothing says so). */
export function isStale(request: Pick<FeatureRequest, 'lastMentionDay'>, aging: Aging | undefined, asOf: number): boolean {
  const quiet = daysSinceLastMention(request, asOf);
  return aging?.staleAfterDays !== undefined && quiet !== undefined && quiet > aging.staleAfterDays;
}

/** Days until the request goes stale (0 or less: it is); undefined without stale_after or a dated mention. */
export function daysUntilStale(
  request: Pick<FeatureRequest, 'lastMentionDay'>,
  aging: Aging | undefined,
  asOf: number,
): number | undefined {
  const quiet = daysSinceLastMention(request, asOf);
  return aging?.staleAfterDays === undefined || quiet === undefined ? undefined : aging.staleAfterDays - quiet;
}

/** How grouping weighs mentions by age: with the model's half-life, as of the day the pipeline ranks at (check and columns read without). */
export function mentionDecayOf(model: ScoringModel, asOf: number | undefined): MentionDecay | undefined {
  const halfLifeDays = model.aging?.halfLifeDays;
  return halfLifeDays === undefined || asOf === undefined ? undefined : { halfLifeDays, asOf };
}
