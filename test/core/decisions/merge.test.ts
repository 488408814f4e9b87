import { describe, expect, it } from 'vitest';
import type { Decisions } from '../../../src/core/decisions/schema.js';
import { mergeAnswer, type DecisionFields, type FieldValue } from '../../../src/core/decisions/merge.js';

const stamp = { date: '2026-11-30', decider: 'pat' };
const answer = (fields: DecisionFields, id = 'FR-1') => ({ id, fields, stamp });

describe('mergeAnswer', () => {
  it.each<[string, Decisions, Decisions, DecisionFields, Decisions]>([
    ['a first answer starts the entry', {}, {}, { 'values.alignment': 4 }, { 'FR-1': { values: { alignment: 4 }, ...stamp } }],
    [
      'another session saved a different field: both kept',
      {},
      { 'FR-1': { values: { alignment: 4 }, decider: 'sam' } },
      { 'values.effort': 'L' },
      { 'FR-1': { values: { alignment: 4, effort: 'L' }, ...stamp } },
    ],
    [
      'a hand edit of another field survives',
      { 'FR-1': { values: { alignment: 2 } } },
      { 'FR-1': { values: { alignment: 5 } } },
      { decision: 'accept' },
      { 'FR-1': { decision: 'accept', values: { alignment: 5 }, ...stamp } },
    ],
    [
      'a field nobody else touched is replaced',
      { 'FR-1': { values: { alignment: 2 } } },
      { 'FR-1': { values: { alignment: 2 } } },
      { 'values.alignment': 3 },
      { 'FR-1': { values: { alignment: 3 }, ...stamp } },
    ],
    [
      'the same value reached by both is no conflict',
      {},
      { 'FR-1': { horizon: 'Now' } },
      { horizon: 'Now' },
      { 'FR-1': { horizon: 'Now', ...stamp } },
    ],
    [
      'other requests in the file stay as they are',
      { 'FR-2': { decision: 'accept' } },
      { 'FR-2': { decision: 'defer', reason: 'Q3' }, 'FR-3': { decision: 'accept' } },
      { decision: 'accept' },
      { 'FR-1': { decision: 'accept', ...stamp }, 'FR-2': { decision: 'defer', reason: 'Q3' }, 'FR-3': { decision: 'accept' } },
    ],
    [
      'ids match as everywhere, case-blind: the file keeps its spelling',
      { 'fr-1': {} },
      { 'fr-1': { horizon: 'Now' } },
      { 'values.effort': 'S' },
      { 'fr-1': { horizon: 'Now', values: { effort: 'S' }, ...stamp } },
    ],
    [
      'undefined removes a field, and an entry left empty goes',
      { 'FR-1': { values: { alignment: 4 }, date: '2026-11-29', decider: 'pat' } },
      { 'FR-1': { values: { alignment: 4 }, date: '2026-11-29', decider: 'pat' } },
      { 'values.alignment': undefined },
      {},
    ],
    [
      'distinct_from adds to the ids someone else added',
      {},
      { 'FR-1': { distinctFrom: ['FR-7'] } },
      { distinctFrom: ['FR-2'] },
      { 'FR-1': { distinctFrom: ['FR-7', 'FR-2'], ...stamp } },
    ],
    [
      'distinct_from removes only the id taken back',
      { 'FR-1': { distinctFrom: ['FR-2'] } },
      { 'FR-1': { distinctFrom: ['FR-2', 'FR-7'] } },
      { distinctFrom: [] },
      { 'FR-1': { distinctFrom: ['FR-7'], ...stamp } },
    ],
  ])('%s', (_name, base, theirs, fields, merged) => {
    const result = mergeAnswer(base, theirs, answer(fields));
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(merged);
  });

  it.each<[string, Decisions, Decisions, DecisionFields, [FieldValue, FieldValue]]>([
    [
      'another session set the same field to another value',
      {},
      { 'FR-1': { values: { alignment: 4 }, decider: 'sam' } },
      { 'values.alignment': 2 },
      [undefined, 4],
    ],
    [
      'a hand edit of the answered field',
      { 'FR-1': { values: { alignment: 2 } } },
      { 'FR-1': { values: { alignment: 5 } } },
      { 'values.alignment': 3 },
      [2, 5],
    ],
    [
      'the field was removed by hand',
      { 'FR-1': { horizon: 'Now', decision: 'accept' } },
      { 'FR-1': { decision: 'accept' } },
      { horizon: 'Later' },
      ['Now', undefined],
    ],
  ])('keeps the file as it is and reports a conflict when %s', (_name, base, theirs, fields, [baseValue, theirValue]) => {
    const result = mergeAnswer(base, theirs, answer(fields));
    const [field, ours] = Object.entries(fields)[0]!;
    expect(result.conflicts).toEqual([{ id: 'FR-1', field, base: baseValue, theirs: theirValue, ours }]);
    expect(result.merged).toBe(theirs);
  });

  it('applies the fields that do not conflict and reports the one that does', () => {
    // A decline and its reason are one answer; someone else set the reason meanwhile.
    const base: Decisions = {};
    const theirs: Decisions = { 'FR-1': { reason: 'Too big', decider: 'sam' } };
    const result = mergeAnswer(base, theirs, answer({ decision: 'decline', reason: 'Not this year' }));
    expect(result.conflicts).toEqual([{ id: 'FR-1', field: 'reason', base: undefined, theirs: 'Too big', ours: 'Not this year' }]);
    expect(result.merged).toEqual({ 'FR-1': { decision: 'decline', reason: 'Too big', ...stamp } });
  });
});
