import { parseDate } from '../text/dates.js';
import { isNumericCondition, numericField } from '../text/fields.js';
import type { Condition, EscalationRule } from '../config/schema.js';
import { foldText } from '../text/folding.js';
import type { FeatureRequest } from '../types.js';

/** One condition of a rule, checked against one request, with the value that decided it. */
export interface ConditionCheck {
  field: string;
  condition: Condition;
  /** The request's number, or its text values for a list or within_days condition. */
  actual: number | string[] | undefined;
  holds: boolean;
  /** within_days: the request's date nearest the as-of date, how many days away it is, and whether before (negative) or after. */
  nearest?: { date: string; daysAway: number; daysFromAsOf: number };
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
export function findEscalations(request: FeatureRequest, rules: readonly EscalationRule[], asOf?: number): string[] {
  return rules.filter((rule) => checkEscalation(request, rule, asOf).isMet).map((r) => r.name);
}

/**
 * Checks every condition of a rule, so reports can say what met it or what is
 * missing. `asOf` is the day number within_days conditions count from; without
 * it they do not hold.
 */
export function checkEscalation(request: FeatureRequest, rule: EscalationRule, asOf?: number): EscalationCheck {
  const checks = Object.entries(rule.when).map(([field, condition]) => checkCondition(request, field, condition, asOf));
  const failing = checks.filter((c) => !c.holds).length;
  return { rule, checks, isMet: failing === 0, isNearMiss: failing === 1 && checks.length >= 2 };
}

/** Numbers must lie within {min, max}; text holds when any of the request's values is listed; dates within the days. */
export function checkCondition(request: FeatureRequest, field: string, condition: Condition, asOf?: number): ConditionCheck {
  if (isNumericCondition(condition)) {
    const actual = numericField(request, field);
    const holds =
      actual !== undefined &&
      (condition.min === undefined || actual >= condition.min) &&
      (condition.max === undefined || actual <= condition.max);
    return { field, condition, actual, holds };
  }
  const actual = request.texts[field] ?? [];
  if (Array.isArray(condition)) {
    const allowed = new Set(condition.map(foldText));
    return { field, condition, actual, holds: actual.some((text) => allowed.has(foldText(text))) };
  }
  let nearest: ConditionCheck['nearest'];
  for (const date of actual) {
    const day = parseDate(date);
    if (day === undefined || asOf === undefined) continue;
    const daysAway = Math.abs(day - asOf);
    if (!nearest || daysAway < nearest.daysAway) nearest = { date, daysAway, daysFromAsOf: day - asOf };
  }
  if (!nearest) return { field, condition, actual, holds: false };
  return { field, condition, actual, holds: nearest.daysAway <= condition.within_days, nearest };
}

/** A request against a rule it meets or nearly meets. */
export interface EscalationEntry<R extends FeatureRequest> {
  request: R;
  checks: ConditionCheck[];
}

/** One rule in plain view: who meets it, who misses it by one condition. */
export interface EscalationReview<R extends FeatureRequest> {
  rule: EscalationRule;
  met: EscalationEntry<R>[];
  nearMisses: EscalationEntry<R>[];
}

/** Every rule with the requests (in the given order) that meet it and that miss it by one condition. */
export function reviewEscalations<R extends FeatureRequest>(
  requests: readonly R[],
  rules: readonly EscalationRule[],
  asOf?: number,
): EscalationReview<R>[] {
  return rules.map((rule) => {
    const checked = requests.map((request) => ({ request, ...checkEscalation(request, rule, asOf) }));
    return {
      rule,
      met: checked.filter((c) => c.isMet).map(({ request, checks }) => ({ request, checks })),
      nearMisses: checked.filter((c) => c.isNearMiss).map(({ request, checks }) => ({ request, checks })),
    };
  });
}
