import { Document, isMap, isScalar } from 'yaml';
import { toDecisionEntry } from '../core/decisions/entries.js';
import type { Decisions } from '../core/decisions/schema.js';
import type { Decision } from '../core/types.js';
import { writeAtomic } from './write-atomic.js';

const HEADER = ` pm-rank triage decisions: one block per request, keyed by request id.
 Edit by hand if you like; pm-rank score --decisions applies this file.
 decision: accept | defer | decline | escalate | needs-info (decline and defer need a reason)
 distinct_from: ids triage no longer offers to merge with this request`;
/** Keys in the order people read them; stable so git diffs show only what changed. */
const KEY_ORDER = ['decision', 'reason', 'horizon', 'values', 'merge_into', 'distinct_from', 'requires', 'date', 'decider'] as const;
const byId = new Intl.Collator('en', { numeric: true }).compare;

/** decisions.yaml text: requests sorted by id, keys in a fixed order, a blank line between requests. */
export function formatDecisions(decisions: Decisions): string {
  const ids = Object.keys(decisions).sort(byId);
  const doc = new Document({ version: 1, decisions: Object.fromEntries(ids.map((id) => [id, orderEntry(decisions[id]!)])) });
  doc.commentBefore = HEADER;
  const map = doc.get('decisions', true);
  if (isMap(map)) {
    map.items.forEach((pair, i) => {
      if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function orderEntry(decision: Decision): Record<string, unknown> {
  const entry: Record<string, unknown> = toDecisionEntry(decision);
  const values = entry.values as Record<string, unknown> | undefined;
  if (values)
    entry.values = Object.fromEntries(
      Object.keys(values)
        .sort()
        .map((k) => [k, values[k]]),
    );
  return Object.fromEntries(KEY_ORDER.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}

/** Saves every decision at once, atomically: a crash leaves the previous file or this one. */
export async function writeDecisions(path: string, decisions: Decisions): Promise<void> {
  await writeAtomic(path, formatDecisions(decisions));
}
