import { describe, expect, it } from 'vitest';
import { rankRequests } from '../../src/core/rank.js';
import type { ScoredRequest } from '../../src/core/types.js';
import { requestOf } from './model-fixtures.js';

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

  it('does not reorder its input', () => {
    const input = [scored('A', 1), scored('B', 2)];
    rankRequests(input);
    expect(input.map((r) => r.id)).toEqual(['A', 'B']);
  });
});
