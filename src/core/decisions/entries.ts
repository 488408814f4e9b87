import type { Decision, DecisionEntry, Decisions, DecisionsFile } from './schema.js';

/** File entries (snake_case, as people edit them) -> Decision values. */
export function toDecisions(file: DecisionsFile): Decisions {
  return Object.fromEntries(
    Object.entries(file.decisions).map(([id, { merge_into, distinct_from, ...rest }]) => [
      id,
      dropUndefined({ ...rest, mergeInto: merge_into, distinctFrom: distinct_from }),
    ]),
  );
}

/** Decision -> the file's snake_case entry. */
export function toDecisionEntry({ mergeInto, distinctFrom, ...rest }: Decision): DecisionEntry {
  return dropUndefined({ ...rest, merge_into: mergeInto, distinct_from: distinctFrom });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
