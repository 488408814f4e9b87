import { describe, expect, it } from 'vitest';
import { digestChanges } from '../../src/core/digest.js';
import type { AccountMention, RankedRequest } from '../../src/core/types.js';

function ranked(id: string, rank: number, accounts: AccountMention[], extra: Partial<RankedRequest> = {}): RankedRequest {
  return {
    id,
    title: `Title ${id}`,
    lines: [2],
    accounts,
    numbers: {},
    texts: {},
    score: 100 - rank,
    criteria: {},
    escalations: [],
    rank,
    ...extra,
  };
}

describe('digestChanges', () => {
  const acme = { name: 'Acme', dealValue: 100, segment: 'SMB' };
  const previous = [ranked('A', 1, [acme]), ranked('B', 2, [acme], { horizon: 'Next' }), ranked('GONE', 3, [acme])];
  const current = [
    ranked('b', 1, [acme, { name: 'Beta', dealValue: 70, segment: 'Mid-Market' }, { name: 'Gamma', segment: 'mid-market' }], {
      horizon: 'Now',
      escalations: ['Big'],
    }),
    ranked('A', 2, [acme]),
    ranked('NEW', 3, [{ name: 'Delta', dealValue: 5, segment: 'SMB' }]),
  ];
  const digest = digestChanges(previous, current);

  it('finds new requests, new accounts with the value they add, and dropped requests (ids case-insensitive)', () => {
    expect(digest.newRequests.map((r) => r.id)).toEqual(['NEW']);
    // Beta 70 + Gamma (no amount) 0 = 70
    expect(digest.newAccounts.map((n) => [n.request.id, n.accounts.map((a) => a.name), n.addedValue])).toEqual([
      ['b', ['Beta', 'Gamma'], 70],
    ]);
    expect(digest.dropped.map((r) => r.id)).toEqual(['GONE']);
  });

  it('lists movers by distance moved, with horizon changes, and newly met escalation rules', () => {
    expect(digest.movers.map((m) => [m.request.id, m.previousRank, m.request.rank, m.previousHorizon])).toEqual([
      ['b', 2, 1, 'Next'],
      ['A', 1, 2, undefined],
    ]);
    expect(digest.newlyEscalated.map((e) => [e.request.id, e.rules])).toEqual([['b', ['Big']]]);
  });

  it('groups two or more new accounts of one segment on one request (segment case-insensitive)', () => {
    expect(digest.patterns.map((p) => [p.segment, p.request.id, p.accounts])).toEqual([['Mid-Market', 'b', ['Beta', 'Gamma']]]);
  });
});
