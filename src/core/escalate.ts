import { foldText } from './model.js';
import { numericField } from './fields.js';
import type { Condition, EscalationRule } from './model.js';
import type { FeatureRequest } from './types.js';

/** Names of the escalation rules whose every condition the request meets. */
export function findEscalations(request: FeatureRequest, rules: readonly EscalationRule[]): string[] {
  return rules.filter((rule) => Object.entries(rule.when).every(([field, c]) => meetsCondition(request, field, c))).map((r) => r.name);
}

/** Numbers must lie within {min, max}; text holds when any of the request's values is listed. */
export function meetsCondition(request: FeatureRequest, field: string, condition: Condition): boolean {
  if (Array.isArray(condition)) {
    const allowed = new Set(condition.map(foldText));
    return (request.texts[field] ?? []).some((text) => allowed.has(foldText(text)));
  }
  const value = numericField(request, field);
  if (value === undefined) return false;
  return (condition.min === undefined || value >= condition.min) && (condition.max === undefined || value <= condition.max);
}
