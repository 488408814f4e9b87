import type { EscalationReview } from '../core/scoring/escalate.js';
import { formatDay } from '../core/text/dates.js';
import type { RankedRequest } from '../core/types.js';
import { describeCondition, describeShortfall, describeValue, type ConditionWords as Words } from './words/conditions.js';
import { formatScore, requestName } from './words/format.js';
import { escapeMarkdown as md } from './markdown/text.js';

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
