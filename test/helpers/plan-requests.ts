import type { RankedRequest } from '../../src/core/types.js';

/** A request to plan: `size` is its effort cell (a size or an effort value); rank it with rankInOrder. */
export function sizedRequest(id: string, score: number, size: string | undefined, extra: Partial<RankedRequest> = {}): RankedRequest {
  return {
    id,
    title: `Title ${id}`,
    lines: [2],
    accounts: [],
    numbers: {},
    texts: size === undefined ? {} : { effort: [size] },
    score,
    criteria: {},
    escalations: [],
    rank: 0,
    ...extra,
  };
}

/** The requests ranked 1, 2, 3... in the order given. */
export function rankInOrder(...requests: RankedRequest[]): RankedRequest[] {
  return requests.map((r, i) => ({ ...r, rank: i + 1 }));
}
