import { describe, expect, it } from 'vitest';
import { commitmentOf, isShipped } from '../../../src/core/requests/commitment.js';
import type { DecisionKind } from '../../../src/core/types.js';

describe('commitmentOf', () => {
  it.each([
    ['Committed', 'Committed'],
    ['  in progress ', 'Committed'],
    ['Planned', 'Planned'],
    ['Selected for Development', 'Planned'],
    ['Geplant', 'Planned'],
    ['Not planned', 'Not planned'],
    ['Abgelehnt', 'Not planned'],
    ['Exploring', 'Exploring'],
    ['New', 'Exploring'],
    ['Backlog', 'Exploring'],
    ['To Do', 'Exploring'],
    ['constructor', 'Exploring'],
    [undefined, 'Exploring'],
  ])('status %j -> %s', (status, expected) => {
    expect(commitmentOf(status === undefined ? {} : { status })).toBe(expected);
  });

  it.each<[DecisionKind, string]>([
    ['decline', 'Not planned'],
    ['defer', 'Exploring'],
    ['accept', 'Committed'],
  ])('a %s decision on a Committed status -> %s', (decision, expected) => {
    expect(commitmentOf({ status: 'Committed', decision: { decision } })).toBe(expected);
  });
});

describe('isShipped', () => {
  it.each([
    ['Shipped', true],
    [' released ', true],
    ['DONE', true],
    ['In Progress', false],
    ['Committed', false],
    ['Closed', false],
    [undefined, false],
  ])('status %j -> %s', (status, expected) => {
    expect(isShipped(status)).toBe(expected);
  });
});
