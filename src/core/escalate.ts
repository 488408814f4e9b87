import { numericField } from './fields.js';
import { foldText, type Condition, type EscalationRule } from './model.js';
import type { FeatureRequest } from './types.js';

/** One condition of a rule, checked against one request, with the value that decided it. */
export interface ConditionCheck {
  field: string;
  condition: Condition;
  /** The request's number, or its text values for a list condition. */
  actual: number | string[] | undefined;
  holds: boolean;
}

/** How a request fares against one escalation rule. */
export interface EscalationCheck {
  rule: EscalationRule;
  checks: ConditionCheck[];
  isMet: boolean;
  /** Exactly one condition of a rule with two or more fails: the request nearly qualified. */
  isNearMiss: boolean;
}

/** Names of the escalation rules whose every condition the request meets. */
export function findEscalations(request: FeatureRequest, rules: readonly EscalationRule[]): string[] {
  return rules.filter((rule) => checkEscalation(request, rule).isMet).map((r) => r.name);
}

/** Checks every condition of a rule, so reports can say what met it or what is missing. */
export function checkEscalation(request: FeatureRequest, rule: EscalationRule): EscalationCheck {
  const checks = Object.entries(rule.when).map(([field, condition]) => checkCondition(request, field, condition));
  const failing = checks.filter((c) => !c.holds).length;
  return { rule, checks, isMet: failing === 0, isNearMiss: failing === 1 && checks.length >= 2 };
}

/** Numbers must lie within {min, max}; text holds when any of the request's values is listed. */
export function checkCondition(request: FeatureRequest, field: string, condition: Condition): ConditionCheck {
  if (Array.isArray(condition)) {
    const allowed = new Set(condition.map(foldText));
    const actual = request.texts[field] ?? [];
    return { field, condition, actual, holds: actual.some((text) => allowed.has(foldText(text))) };
  }
  const actual = numericField(request, field);
  const holds =
    actual !== undefined &&
    (condition.min === undefined || actual >= condition.min) &&
    (condition.max === undefined || actual <= condition.max);
  return { field, condition, actual, holds };
}
