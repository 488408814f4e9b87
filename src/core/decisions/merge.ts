import type { Decisions } from './schema.js';
import { foldText } from '../text/folding.js';
import type { Decision } from '../types.js';

/** One field a triage answer sets: a top-level key of a decision, or an assessed value (`values.alignment`). */
export type DecisionField = 'decision' | 'reason' | 'horizon' | 'mergeInto' | 'distinctFrom' | `values.${string}`;
export type FieldValue = string | number | readonly string[] | undefined;
/** Field -> its new value; undefined removes the field. */
export type DecisionFields = Partial<Record<DecisionField, FieldValue>>;

/** One answer of a session: the fields it sets on one request, and who set them when. */
export interface DecisionAnswer {
  id: string;
  fields: DecisionFields;
  stamp: { date: string; decider: string };
}

/** A field changed in the file since the session read it, to a value other than the session's answer. */
export interface DecisionConflict {
  id: string;
  field: DecisionField;
  base: FieldValue;
  theirs: FieldValue;
  ours: FieldValue;
}

/**
 * Three-way merge of one answer: base is the file as the session last read it,
 * theirs is the file now. Only the answer's fields change; a field someone else
 * changed meanwhile keeps their value and is reported as a conflict.
 * distinct_from is a set: the ids the answer adds or removes are applied to theirs.
 */
export function mergeAnswer(
  base: Decisions,
  theirs: Decisions,
  answer: DecisionAnswer,
): { merged: Decisions; conflicts: DecisionConflict[]; key: string } {
  const key = findDecisionKey(theirs, answer.id) ?? findDecisionKey(base, answer.id) ?? answer.id;
  const baseEntry = base[findDecisionKey(base, answer.id) ?? key] ?? {};
  let entry: Decision = theirs[key] ?? {};
  const conflicts: DecisionConflict[] = [];
  for (const [field, ours] of Object.entries(answer.fields) as [DecisionField, FieldValue][]) {
    const [b, t] = [readField(baseEntry, field), readField(entry, field)];
    if (field === 'distinctFrom') entry = writeField(entry, field, mergeIdSets(b, t, ours));
    else if (isSameValue(t, b) || isSameValue(t, ours)) entry = writeField(entry, field, ours);
    else conflicts.push({ id: key, field, base: b, theirs: t, ours });
  }
  if (conflicts.length === Object.keys(answer.fields).length) return { merged: theirs, conflicts, key };
  return { merged: withEntry(theirs, key, { ...entry, ...answer.stamp }), conflicts, key };
}

/** The key the decisions use for a request id (ids match case- and accent-blind, as everywhere). */
export function findDecisionKey(decisions: Decisions, id: string): string | undefined {
  const wanted = foldText(id);
  return Object.keys(decisions).find((k) => foldText(k) === wanted);
}

/** The decision with the fields set (undefined removes one). */
export function withFields(decision: Decision, fields: DecisionFields): Decision {
  return (Object.entries(fields) as [DecisionField, FieldValue][]).reduce((d, [field, value]) => writeField(d, field, value), decision);
}

export function readField(decision: Decision, field: DecisionField): FieldValue {
  if (field.startsWith('values.')) return decision.values?.[field.slice('values.'.length)];
  return decision[field as Exclude<DecisionField, `values.${string}`>];
}

function writeField(decision: Decision, field: DecisionField, value: FieldValue): Decision {
  const next: Decision = { ...decision };
  if (field.startsWith('values.')) {
    const values: Record<string, number | string> = { ...decision.values };
    const name = field.slice('values.'.length);
    if (value === undefined) delete values[name];
    else values[name] = value as number | string;
    if (Object.keys(values).length > 0) next.values = values;
    else delete next.values;
    return next;
  }
  const key = field as Exclude<DecisionField, `values.${string}`>;
  const isEmptyList = Array.isArray(value) && value.length === 0;
  if (value === undefined || isEmptyList) delete next[key];
  else (next as Record<string, FieldValue>)[key] = value;
  return next;
}

/** An entry left with nothing decided (an answer taken back) goes, rather than stay as a bare date and decider. */
function withEntry(decisions: Decisions, key: string, entry: Decision): Decisions {
  const { date: _date, decider: _decider, ...content } = entry;
  const { [key]: _old, ...rest } = decisions;
  return Object.keys(content).length === 0 ? rest : { ...decisions, [key]: entry };
}

/** theirs, plus the ids ours added to base, minus the ids ours removed from it. */
function mergeIdSets(base: FieldValue, theirs: FieldValue, ours: FieldValue): string[] {
  const [b, t, o] = [idsOf(base), idsOf(theirs), idsOf(ours)];
  const has = (ids: string[], id: string) => ids.some((x) => foldText(x) === foldText(id));
  const added = o.filter((id) => !has(b, id) && !has(t, id));
  return [...t.filter((id) => has(o, id) || !has(b, id)), ...added];
}

function idsOf(value: FieldValue): string[] {
  return Array.isArray(value) ? [...(value as readonly string[])] : [];
}

function isSameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return a === b;
}
