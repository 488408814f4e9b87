import type { RankedRequest, ScoredRequest, ScoringModel } from '../types.js';

/**
 * Ranks by score desc (requests a framework cannot score last), then the tiebreak
 * criterion, then total deal value desc, then id asc, so equal inputs always rank alike.
 */
export function rankRequests(scored: readonly ScoredRequest[], tiebreak?: ScoringModel['tiebreak']): RankedRequest[] {
  return [...scored].sort((a, b) => compareRequests(a, b, tiebreak)).map((request, i) => Object.assign({}, request, { rank: i + 1 }));
}

export function compareRequests(a: ScoredRequest, b: ScoredRequest, tiebreak?: ScoringModel['tiebreak']): number {
  return (
    Number(a.unscorable !== undefined) - Number(b.unscorable !== undefined) ||
    b.score - a.score ||
    compareTiebreak(a, b, tiebreak) ||
    (b.dealValue ?? -Infinity) - (a.dealValue ?? -Infinity) ||
    compareIds(a.id, b.id)
  );
}

/** Higher normalized value first (smaller first for a divisor such as effort); a missing value last. */
function compareTiebreak(a: ScoredRequest, b: ScoredRequest, tiebreak: ScoringModel['tiebreak']): number {
  if (!tiebreak) return 0;
  const valueOf = (r: ScoredRequest) => {
    const c = r.criteria[tiebreak.name];
    if (!c || c.isMissing) return -Infinity;
    return tiebreak.isAscending ? -c.normalized : c.normalized;
  };
  return valueOf(b) - valueOf(a) || 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
