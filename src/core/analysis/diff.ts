import type { RankedRequest } from '../types.js';

/** Where a request stood in one ranking. */
export interface Standing {
  rank: number;
  score: number;
  /** Why the side's framework could not score the request; its score means nothing then. */
  unscorable?: string;
  horizon?: string;
  escalations: string[];
}

/** One request in both rankings (a side is absent when only one config's columns found it). */
export interface RankChange {
  id: string;
  title: string;
  before?: Standing;
  after?: Standing;
}

/** What a config change does to a ranking. */
export interface RankingDiff {
  top: number;
  entered: RankChange[];
  left: RankChange[];
  horizonMoves: RankChange[];
  escalationChanges: (RankChange & { gained: string[]; lost: string[] })[];
  /** The largest rank moves, biggest first. */
  moves: RankChange[];
}

/** Compares two rankings of the same export, matching requests by id. */
export function diffRankings(base: readonly RankedRequest[], head: readonly RankedRequest[], top: number, maxMoves = 10): RankingDiff {
  const changes = pairRequests(base, head);
  const isTop = (s?: Standing) => s !== undefined && s.rank <= top;
  const byHeadRank = (a: RankChange, b: RankChange) => (a.after?.rank ?? Infinity) - (b.after?.rank ?? Infinity);
  return {
    top,
    entered: changes.filter((c) => isTop(c.after) && !isTop(c.before)).sort(byHeadRank),
    left: changes.filter((c) => isTop(c.before) && !isTop(c.after)).sort(byHeadRank),
    horizonMoves: changes.filter((c) => c.before && c.after && c.before.horizon !== c.after.horizon).sort(byHeadRank),
    escalationChanges: changes
      .map((c) => ({
        ...c,
        gained: without(c.after?.escalations, c.before?.escalations),
        lost: without(c.before?.escalations, c.after?.escalations),
      }))
      .filter((c) => c.before && c.after && c.gained.length + c.lost.length > 0)
      .sort(byHeadRank),
    moves: changes
      .filter((c) => rankMove(c) !== 0)
      .sort((a, b) => Math.abs(rankMove(b)) - Math.abs(rankMove(a)) || byHeadRank(a, b))
      .slice(0, maxMoves),
  };
}

/** Places gained (positive) or lost (negative); 0 when the request is missing on a side. */
export function rankMove(change: RankChange): number {
  return change.before && change.after ? change.before.rank - change.after.rank : 0;
}

function pairRequests(base: readonly RankedRequest[], head: readonly RankedRequest[]): RankChange[] {
  const changes = new Map<string, RankChange>();
  for (const [side, ranked] of [
    ['before', base],
    ['after', head],
  ] as const) {
    for (const r of ranked) {
      const change = changes.get(r.id) ?? { id: r.id, title: r.title };
      change[side] = {
        rank: r.rank,
        score: r.score,
        ...(r.unscorable === undefined ? {} : { unscorable: r.unscorable }),
        ...(r.horizon === undefined ? {} : { horizon: r.horizon }),
        escalations: r.escalations,
      };
      changes.set(r.id, change);
    }
  }
  return [...changes.values()];
}

function without(names: string[] = [], removed: string[] = []): string[] {
  return names.filter((n) => !removed.includes(n));
}
