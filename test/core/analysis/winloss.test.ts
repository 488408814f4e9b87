import { describe, expect, it } from 'vitest';
import type { DealRow } from '../../../src/core/types.js';
import { joinWinLoss, outcomeOf, rankLossReasons, splitCitations } from '../../../src/core/analysis/winloss.js';
import { describeLines } from '../../../src/reporters/words/format.js';
import { requestOf } from '../model-fixtures.js';

const requests = [
  requestOf({ id: 'FR-1', title: 'SSO via Okta' }),
  requestOf({ id: 'FR-2', title: 'Roles, permissions' }),
  requestOf({ id: 'Gantt chart view', title: 'Gantt chart view' }),
];

function deal(line: number, partial: Partial<DealRow>): DealRow {
  return { line, cited: [], ...partial };
}

describe('outcomeOf', () => {
  it.each([
    ['Closed Won', 'won'],
    ['closedwon', 'won'],
    ['Won', 'won'],
    ['Closed - Lost', 'lost'],
    ['closedlost', 'lost'],
    ['LOST', 'lost'],
    ['Negotiation/Review', undefined],
    ['Closed', undefined],
    [undefined, undefined],
  ])('%s -> %s', (stage, outcome) => {
    expect(outcomeOf(stage)).toBe(outcome);
  });
});

describe('splitCitations', () => {
  const isKnown = (c: string) => c === 'Roles, permissions';
  it.each([
    ['FR-1; FR-2', ['FR-1', 'FR-2']],
    ['FR-1,FR-2', ['FR-1', 'FR-2']],
    ['Roles, permissions', ['Roles, permissions']], // a known title with a comma stays whole
    ['FR-1; Roles, permissions', ['FR-1', 'Roles, permissions']], // ";" wins over ","
    ['  ', []],
  ])('%j -> %j', (cell, parts) => {
    expect(splitCitations(cell, isKnown)).toEqual(parts);
  });
});

describe('joinWinLoss', () => {
  const rows = [
    // One deal on two rows (one per cited request), citing FR-1 by id and again by title: counted once.
    deal(2, { name: 'Acme - Renewal', account: 'Acme', stage: 'Closed Lost', amount: 100, cited: ['FR-1; FR-2'], reason: 'Price' }),
    deal(3, { name: 'ACME - renewal', account: 'acme', stage: 'Closed Lost', amount: 100, cited: ['sso via OKTA'] }),
    deal(4, { name: 'Beta - New', account: 'Beta', stage: 'Closed Won', amount: 40, cited: ['FR-1', 'gantt chart view'] }),
    deal(5, { name: 'Gamma - New', account: 'Gamma', stage: 'Closed Lost', amount: 30, cited: ['SSO Okta', 'Zapier'] }),
    deal(6, { name: 'Delta - Open', account: 'Delta', stage: 'Proposal', amount: 999, cited: ['FR-1'] }),
  ];
  const join = joinWinLoss(requests, rows, 'deals.csv');
  const numbers = (id: string) => join.requests.find((r) => r.id === id)!.numbers;

  it('counts each closed deal once per request, by id or by title', () => {
    // FR-1: lost Acme 100 (lines 2 and 3 are one deal); won Beta 40. Delta is open: not counted.
    expect(numbers('FR-1')).toEqual({ lost_value: 100, lost_deals: 1, won_value: 40, won_deals: 1 });
    expect(numbers('FR-2')).toEqual({ lost_value: 100, lost_deals: 1, won_value: 0, won_deals: 0 });
    // a request grouped by title (no id) is matched by that title
    expect(numbers('Gantt chart view')).toEqual({ lost_value: 0, lost_deals: 0, won_value: 40, won_deals: 1 });
    expect(join.deals).toHaveLength(3);
  });

  it('lists citations that match nothing, with the closest titles, and notes open deals', () => {
    expect(join.unmatched).toEqual([
      { citation: 'SSO Okta', lines: [5], lostDeals: 1, lostValue: 30, wonDeals: 0, wonValue: 0, suggestions: ['SSO via Okta'] },
      { citation: 'Zapier', lines: [5], lostDeals: 1, lostValue: 30, wonDeals: 0, wonValue: 0, suggestions: [] },
    ]);
    expect(join.issues.map((i) => i.code)).toEqual(['DEAL_NOT_CLOSED']);
  });

  it('ranks loss reasons by lost value, a deal without reason under its own heading', () => {
    // Price: Acme 100 (once, although on two rows); no reason: Gamma 30
    expect(rankLossReasons(join.deals)).toEqual([
      { reason: 'Price', deals: 1, value: 100, segments: [{ segment: '(no segment)', deals: 1, value: 100 }] },
      { reason: '(no reason given)', deals: 1, value: 30, segments: [{ segment: '(no segment)', deals: 1, value: 30 }] },
    ]);
  });
});

describe('describeLines', () => {
  it.each([
    [[7], 'line 7'],
    [[7, 9], 'lines 7, 9'],
    [[1, 2, 3, 4, 5, 6, 7, 8], 'lines 1, 2, 3, 4, 5 and 3 more'], // 8 lines, 5 shown
  ])('%j -> %s', (lines, words) => {
    expect(describeLines(lines)).toBe(words);
  });
});
