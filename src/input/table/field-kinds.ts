import type { ScoringModel } from '../../core/types.js';
import { criteriaOf } from '../../core/scoring/model-inputs.js';
import type { FieldKind, WantedField } from './infer-columns.js';

const KINDS: Readonly<Record<string, FieldKind>> = {
  id: 'id',
  title: 'title',
  account: 'name',
  owner: 'name',
  parent: 'name',
  deal: 'name',
  deal_value: 'money',
  segment: 'category',
  status: 'category',
  stage: 'category',
  alignment: 'score',
  effort: 'size',
  notes: 'text',
  reason: 'text',
  cited: 'text',
  created_date: 'date',
  close_date: 'date',
};

/** Headers a requests export has that are not the model's fields, so they are not taken for them ("Deal Name" is not a title). */
export const RIVAL_FIELDS = ['owner', 'created_date', 'deal', 'stage', 'close_date', 'notes'] as const;

/** A field as column inference wants it: its kind (from the field, else from how the model reads it) and the values the model's maps score. */
export function wantedField(field: string, model: ScoringModel | undefined, isNumeric = false): WantedField {
  const mapKeys = new Set<string>();
  for (const criterion of model ? criteriaOf(model) : []) {
    if (criterion.field === field && criterion.transform.kind === 'map') for (const key of criterion.transform.map.keys()) mapKeys.add(key);
  }
  const kind = KINDS[field] ?? (mapKeys.size > 0 ? 'category' : isNumeric ? 'number' : 'text');
  return mapKeys.size > 0 ? { field, kind, mapKeys } : { field, kind };
}
