import type { ConditionCheck, EscalationReview } from '../core/scoring/escalate.js';
import { formatDay } from '../core/text/dates.js';
import { isNumericCondition } from '../core/text/fields.js';
import type { Condition } from '../core/config/schema.js';
import type { RankedRequest } from '../core/types.js';
import { describeDaysFromAsOf, formatMoney, formatScore, plural, requestName } from './words/format.js';
import { escapeMarkdown as md } from './markdown/text.js';

/** Fields whose numbers are money in the base currency. */
const MONEY_FIELDS = new Set(['deal_value', 'lost_value', 'won_value']);

interface Words {
  currency?: string;
  /** Day number within_days conditions count from. */
  asOf?: number;
}

/** The escalation path for sales, in markdown: each rule in words, who meets it, who nearly does and what is missing. */
export function renderEscalations(reviews: readonly EscalationReview<RankedRequest>[], words: Words): string {
  if (reviews.length === 0)
    return 'No escalation rules in the config: add them under `escalation:` to flag requests for the expedite lane.\n';
  const asOf = words.asOf === undefined ? '' : ` (as of ${formatDay(words.asOf)})`;
  const sections = reviews.map((review) => renderRule(review, words));
  return [`# Escalation path${asOf}`, ...sections].join('\n\n') + '\n';
}

function renderRule(review: EscalationReview<RankedRequest>, words: Words): string {
  const { rule } = review;
  const when = Object.entries(rule.when).map(([field, condition]) => describeCondition(field, condition, words));
  const who = [rule.owner && `Owner: ${md(rule.owner)}`, rule.review_within && `review within ${md(rule.review_within)}`]
    .filter(Boolean)
    .join(' · ');
  const lines = [`## ${md(rule.name)}`, '', `When: ${when.join(' and ')}`];
  if (who) lines.push(`${who.charAt(0).toUpperCase()}${who.slice(1)}`);
  lines.push('', `Meets it (${review.met.length}):`);
  lines.push(
    ...(review.met.length > 0
      ? review.met.map((e) =>
          entryLine(
            e.request,
            e.checks.map((c) => describeValue(c, words)),
          ),
        )
      : ['- none']),
  );
  if (Object.keys(rule.when).length >= 2) {
    lines.push('', `Misses it by one condition (${review.nearMisses.length}):`);
    lines.push(
      ...(review.nearMisses.length > 0
        ? review.nearMisses.map((e) =>
            entryLine(
              e.request,
              e.checks.filter((c) => !c.holds).map((c) => describeShortfall(c, words)),
            ),
          )
        : ['- none']),
    );
  }
  return lines.join('\n');
}

function entryLine(request: RankedRequest, details: string[]): string {
  const label = md(requestName(request));
  return `- #${request.rank} ${label} (score ${formatScore(request.score)}${request.horizon ? `, ${request.horizon}` : ''}): ${details.join(', ')}`;
}

/** "deal value at least $250K", "segment is Enterprise or Mid-Market", "close date within 60 days of 2026-11-28". */
export function describeCondition(field: string, condition: Condition, words: Words): string {
  const name = fieldWords(field);
  if (Array.isArray(condition)) return `${name} is ${condition.map(md).join(' or ')}`;
  if (!isNumericCondition(condition)) {
    return `${name} within ${plural(condition.within_days, 'day')} of ${words.asOf === undefined ? 'today' : formatDay(words.asOf)}`;
  }
  const show = (n: number) => formatNumber(field, n, words);
  if (condition.min !== undefined && condition.max !== undefined)
    return `${name} between ${show(condition.min)} and ${show(condition.max)}`;
  return condition.min !== undefined ? `${name} at least ${show(condition.min)}` : `${name} at most ${show(condition.max!)}`;
}

/** The value that met a condition: "deal value $342.5K", "segment Enterprise". */
function describeValue(check: ConditionCheck, words: Words): string {
  const name = fieldWords(check.field);
  if (typeof check.actual === 'number') return `${name} ${formatNumber(check.field, check.actual, words)}`;
  if (Array.isArray(check.condition)) {
    const allowed = new Set(check.condition.map((v) => v.toLowerCase()));
    return `${name} ${(check.actual ?? [])
      .filter((v) => allowed.has(v.toLowerCase()))
      .map(md)
      .join(', ')}`;
  }
  return `${name} ${check.nearest!.date} (${describeDaysFromAsOf(check.nearest!.daysFromAsOf)})`;
}

/** What a failing condition lacks: "deal value $180K of the $250K needed". */
export function describeShortfall(check: ConditionCheck, words: Words): string {
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
  const show = (n: number) => formatNumber(check.field, n, words);
  if (typeof actual !== 'number') return `no ${name} (${describeCondition(check.field, condition, words).slice(name.length + 1)} needed)`;
  if (condition.min !== undefined && actual < condition.min) return `${name} ${show(actual)} of the ${show(condition.min)} needed`;
  return `${name} ${show(actual)}, above the ${show(condition.max!)} allowed`;
}

function fieldWords(field: string): string {
  return field.replace(/_/g, ' ');
}

function formatNumber(field: string, value: number, words: Words): string {
  return MONEY_FIELDS.has(field) ? formatMoney(value, words.currency) : String(Math.round(value * 100) / 100);
}
