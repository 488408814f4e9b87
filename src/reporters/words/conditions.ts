import type { Condition } from '../../core/config/schema.js';
import type { ConditionCheck } from '../../core/scoring/escalate.js';
import { formatDay } from '../../core/text/dates.js';
import { isMoneyField, isNumericCondition } from '../../core/text/fields.js';
import type { ScoringModel } from '../../core/types.js';
import { escapeMarkdown as md } from '../markdown/text.js';
import { describeDaysFromAsOf, formatExactMoney, plural } from './format.js';

/** What conditions are worded with: the base currency, the day within_days counts from, the model that says which fields are money. */
export interface ConditionWords {
  currency?: string;
  /** Day number within_days conditions count from. */
  asOf?: number;
  model?: ScoringModel;
}

/** "deal value at least $250,000", "segment is Enterprise or Mid-Market", "close date within 60 days of 2026-11-28". */
export function describeCondition(field: string, condition: Condition, words: ConditionWords): string {
  const name = fieldWords(field);
  if (Array.isArray(condition)) return `${name} is ${condition.map(md).join(' or ')}`;
  if (!isNumericCondition(condition)) {
    return `${name} within ${plural(condition.within_days, 'day')} of ${words.asOf === undefined ? 'today' : formatDay(words.asOf)}`;
  }
  const show = (n: number) => formatThreshold(field, n, words);
  if (condition.min !== undefined && condition.max !== undefined)
    return `${name} between ${show(condition.min)} and ${show(condition.max)}`;
  return condition.min !== undefined ? `${name} at least ${show(condition.min)}` : `${name} at most ${show(condition.max!)}`;
}

/** The value that met a condition: "deal value $342,500", "segment Enterprise", "close date 2026-12-01 (3 days away)". */
export function describeValue(check: ConditionCheck, words: ConditionWords): string {
  const name = fieldWords(check.field);
  if (typeof check.actual === 'number') return `${name} ${formatThreshold(check.field, check.actual, words)}`;
  if (Array.isArray(check.condition)) {
    const allowed = new Set(check.condition.map((v) => v.toLowerCase()));
    return `${name} ${(check.actual ?? [])
      .filter((v) => allowed.has(v.toLowerCase()))
      .map(md)
      .join(', ')}`;
  }
  return `${name} ${check.nearest!.date} (${describeDaysFromAsOf(check.nearest!.daysFromAsOf)})`;
}

/** What a failing condition lacks: "deal value $180,000 of the $250,000 needed, $70,000 short". */
export function describeShortfall(check: ConditionCheck, words: ConditionWords): string {
  const name = fieldWords(check.field);
  const { condition, actual } = check;
  if (Array.isArray(condition)) {
    const have = Array.isArray(actual) && actual.length > 0 ? `${name} ${actual.map(md).join(', ')}` : `no ${name}`;
    return `${have}, needs ${condition.map(md).join(' or ')}`;
  }
  if (!isNumericCondition(condition)) {
    if (!check.nearest) return `no ${name} to compare (needs one within ${plural(condition.within_days, 'day')})`;
    const when = describeDaysFromAsOf(check.nearest.daysFromAsOf);
    return `${name} ${check.nearest.date} ${check.nearest.daysFromAsOf < 0 ? 'was' : 'is'} ${when}, needs within ${condition.within_days}`;
  }
  const show = (n: number) => formatThreshold(check.field, n, words);
  if (typeof actual !== 'number') return `no ${name} (${describeCondition(check.field, condition, words).slice(name.length + 1)} needed)`;
  if (condition.min !== undefined && actual < condition.min)
    return `${name} ${show(actual)} of the ${show(condition.min)} needed, ${show(condition.min - actual)} short`;
  return `${name} ${show(actual)}, ${show(actual - condition.max!)} above the ${show(condition.max!)} allowed`;
}

/** A field in words: deal_value -> "deal value". */
export function fieldWords(field: string): string {
  return field.replace(/_/g, ' ');
}

/** Exact figures, where a threshold is at stake: $249,999.50 must not read as $250K. */
function formatThreshold(field: string, value: number, words: ConditionWords): string {
  return formatExactMoney(value, isMoneyField(field, words.model) ? words.currency : undefined);
}
