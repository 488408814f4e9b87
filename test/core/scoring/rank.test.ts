import { describe, expect, it } from 'vitest';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import type { ScoredRequest } from '../../../src/core/types.js';
import { requestOf } from '../model-fixtures.js';

function scored(id: string, score: number, dealValue?: number): ScoredRequest {
  return { ...requestOf({ id, ...(dealValue === undefined ? {} : { dealValue }) }), score, criteria: {}, escalations: [] };
}

describe('rankRequests', () => {
  it('orders by score, then deal value, then id, and numbers the ranks from 1', () => {
    const ranked = rankRequests([scored('C', 50, 10), scored('B', 50, 10), scored('A', 50), scored('D', 50, 99), scored('E', 80)]);
    // E has the top score; D, B, C tie at 50 -> D has the largest deal; B and C tie again -> id asc; A has no deal value
    expect(ranked.map((r) => [r.rank, r.id])).toEqual([
      [1, 'E'],
      [2, 'D'],
      [3, 'B'],
      [4, 'C'],
      [5, 'A'],
    ]);
  });

  it('breaks score ties by the tiebreak criterion before deal value; divisors rank smaller first', () => {
    const withEffort = (id: string, effort: number | undefined, dealValue: number) => ({
      ...scored(id, 2, dealValue),
      criteria: { effort: { normalized: effort ?? 0, points: 0, isMissing: effort === undefined } },
    });
    const input = [withEffort('A', 8, 900), withEffort('B', 5, 10), withEffort('C', undefined, 999)];
    // all score 2: ascending effort -> B (5) before A (8); C has no effort -> after both despite its deal value
    expect(rankRequests(input, { name: 'effort', isAscending: true }).map((r) => r.id)).toEqual(['B', 'A', 'C']);
    // descending (a weighted criterion's normalized value): A (8) before B (5)
    expect(rankRequests(input, { name: 'effort', isAscending: false }).map((r) => r.id)).toEqual(['A', 'B', 'C']);
  });

  it('ranks requests a framework cannot score last, whatever their deal value', () => {
    const ranked = rankRequests([{ ...scored('A', 0, 1e6), unscorable: 'effort missing' }, scored('B', 0.1)]);
    expect(ranked.map((r) => r.id)).toEqual(['B', 'A']);
  });

  it('does not reorder its input', () => {
    const input = [scored('A', 1), scored('B', 2)];
    rankRequests(input);
    expect(input.map((r) => r.id)).toEqual(['A', 'B']);
  });
});
