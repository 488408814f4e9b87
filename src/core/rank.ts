import type { RankedRequest, ScoredRequest } from './types.js';

/** Ranks by score desc, then total deal value desc, then id asc, so equal inputs always rank alike. */
export function rankRequests(scored: readonly ScoredRequest[]): RankedRequest[] {
  return [...scored].sort(compareRequests).map((request, i) => Object.assign({}, request, { rank: i + 1 }));
}

export function compareRequests(a: ScoredRequest, b: ScoredRequest): number {
  return b.score - a.score || (b.dealValue ?? -Infinity) - (a.dealValue ?? -Infinity) || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
