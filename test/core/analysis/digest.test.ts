import { describe, expect, it } from 'vitest';
import { digestChanges, findShipped } from '../../../src/core/analysis/digest.js';
import type { AccountMention, RankedRequest } from '../../../src/core/types.js';

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

describe('findShipped', () => {
  const acme = { name: 'Acme', dealValue: 100 };
  const beta = { name: 'Beta Corp', dealValue: 50 };
  const previous = [
    ranked('A', 1, [acme], { status: 'Planned' }),
    ranked('B', 2, [acme], { status: 'Done' }),
    ranked('C', 3, [acme], { status: 'In Progress' }),
    ranked('D', 4, [acme]),
  ];
  const current = [
    ranked('a', 1, [acme, beta], { status: 'RELEASED' }),
    ranked('B', 2, [acme], { status: 'Shipped' }),
    ranked('C', 3, [acme], { status: 'In Progress' }),
    ranked('D', 4, [beta], { status: 'done' }),
    ranked('E', 5, [beta], { status: 'Shipped' }),
  ];

  it('lists requests whose status became shipped, released or done (ids and statuses case-insensitive)', () => {
    // A: Planned -> RELEASED; B was already Done; C is still in progress; D had no status; E is new to this export.
    const shipped = findShipped(previous, current, new Map([['beta corp', 'Dana Reyes']]));
    expect(shipped.map((s) => [s.request.id, s.previousStatus])).toEqual([
      ['a', 'Planned'],
      ['D', undefined],
      ['E', undefined],
    ]);
    // Owners are matched by account name ignoring case; Acme has none.
    expect(shipped[0]!.accounts).toEqual([{ name: 'Acme' }, { name: 'Beta Corp', owner: 'Dana Reyes' }]);
  });

  it('is part of the digest', () => {
    expect(digestChanges(previous, current).shipped.map((s) => s.request.id)).toEqual(['a', 'D', 'E']);
  });
});
