import { describe, expect, it } from 'vitest';
import { buildHierarchy, rollUpAccounts, rollUpDeals, type AccountRow } from '../../../src/core/requests/hierarchy.js';
import type { FeatureRequest } from '../../../src/core/types.js';

const rows = (...links: [account: string, parent?: string, segment?: string][]): AccountRow[] =>
  links.map(([account, parent, segment], i) => ({
    line: i + 2,
    account,
    ...(parent === undefined ? {} : { parent }),
    ...(segment === undefined ? {} : { segment }),
  }));

const topOf = (hierarchy: ReturnType<typeof buildHierarchy>, account: string) => hierarchy.tops.get(account.toLowerCase())?.name;

describe('buildHierarchy', () => {
  it('resolves each account to its top parent, through any depth, ignoring case', () => {
    const hierarchy = buildHierarchy(
      rows(['Globex', undefined, 'Enterprise'], ['Globex EU', 'globex'], ['Globex France', 'Globex EU']),
      'a.csv',
    );
    expect(['Globex', 'Globex EU', 'Globex France'].map((a) => topOf(hierarchy, a))).toEqual(['Globex', 'Globex', 'Globex']);
    expect(hierarchy.tops.get('globex france')?.segment).toBe('Enterprise');
    expect(hierarchy.issues).toEqual([]);
  });

  it('reports unknown parents, cycles and accounts listed twice; those accounts count on their own', () => {
    const hierarchy = buildHierarchy(
      rows(['A', 'B'], ['B', 'C'], ['C', 'A'], ['D', 'A'], ['E', 'Nowhere Inc'], ['F', 'E'], ['A', 'Z']),
      'accounts.csv',
    );
    // A -> B -> C -> A is a cycle: each counts as itself; D hangs below it and stays D; E's parent is unknown, F rolls up to E.
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((a) => topOf(hierarchy, a))).toEqual(['A', 'B', 'C', 'D', 'E', 'E']);
    expect(hierarchy.issues.map((i) => [i.code, i.line])).toEqual([
      ['ACCOUNT_LISTED_TWICE', 8],
      ['ACCOUNT_PARENT_UNKNOWN', 6],
      ['ACCOUNT_PARENT_CYCLE', 2],
    ]);
  });
});

describe('rollUpAccounts', () => {
  const request = (id: string, accounts: FeatureRequest['accounts']): FeatureRequest => ({
    id,
    title: id,
    lines: [2],
    accounts,
    numbers: {},
    // As grouping collects them: every segment a row named.
    texts: { segment: accounts.flatMap((a) => (a.segment ? [a.segment] : [])) },
  });
  const hierarchy = buildHierarchy(rows(['Globex', undefined, 'Enterprise'], ['Globex EU', 'Globex'], ['Initech']), 'a.csv');

  it('counts subsidiaries once under their top parent with the largest deal, and says which were rolled up', () => {
    const { requests, rolledUp } = rollUpAccounts(
      [
        request('FR-1', [
          { name: 'Globex EU', dealValue: 30_000, segment: 'Mid-Market' },
          { name: 'Globex', dealValue: 20_000 },
          { name: 'Initech', dealValue: 5_000 },
        ]),
        request('FR-2', [{ name: 'Hooli', dealValue: 1_000 }]),
      ],
      hierarchy,
      'sum',
    );
    // FR-1: Globex EU 30K and Globex 20K are one account, Globex, with the larger 30K; plus Initech 5K: 35K (was 55K).
    expect(requests[0]!.accounts).toEqual([
      { name: 'Globex', dealValue: 30_000, segment: 'Enterprise' },
      { name: 'Initech', dealValue: 5_000 },
    ]);
    expect([requests[0]!.dealValue, requests[0]!.numbers.deal_value]).toEqual([35_000, 35_000]);
    // Globex EU's own Mid-Market goes with it: the request's segments are its accounts' (Initech has none).
    expect(requests[0]!.texts.segment).toEqual(['Enterprise']);
    expect(requests[1]!.accounts).toEqual([{ name: 'Hooli', dealValue: 1_000 }]);
    expect(rolledUp).toEqual([{ account: 'Globex EU', parent: 'Globex' }]);
  });
});

describe('rollUpDeals', () => {
  it("files each closed deal under its account's top parent and that parent's segment; a deal stays one deal", () => {
    const hierarchy = buildHierarchy(rows(['Globex', undefined, 'Enterprise'], ['Globex EU', 'Globex']), 'a.csv');
    const deals = rollUpDeals(
      [
        { line: 2, name: 'EU renewal', account: 'globex eu', segment: 'Mid-Market', amount: 10, cited: [] },
        { line: 3, name: 'Other', account: 'Hooli', segment: 'SMB', cited: [] },
      ],
      hierarchy,
    );
    expect(deals.map((d) => [d.name, d.account, d.segment, d.amount])).toEqual([
      ['EU renewal', 'Globex', 'Enterprise', 10],
      ['Other', 'Hooli', 'SMB', undefined],
    ]);
  });
});
