import type { RankedRequest } from '../core/types.js';
import { rankLossReasons, tally, type UnmatchedCitation, type WinLossJoin } from '../core/analysis/winloss.js';
import { describeLines, formatMoney, plural, requestName } from './words/format.js';
import { escapeMarkdown } from './markdown/text.js';

export interface WinLossReview {
  join: WinLossJoin;
  source: string;
  currency?: string;
  /** The ranking the citations are compared with, when --requests was given. */
  ranked?: RankedRequest[];
}

/** The joint win/loss review in markdown: loss reasons by value and segment, cited requests against their rank. */
export function renderWinLoss(review: WinLossReview): string {
  const money = (value: number) => formatMoney(value, review.currency);
  const t = tally(review.join.deals);
  const sections = [
    `# Win/loss review\n\n${plural(review.join.deals.length, 'closed deal')} in ${review.source}: ${t.wonDeals} won (${money(t.wonValue)}), ${t.lostDeals} lost (${money(t.lostValue)}).`,
    lossReasons(review, money),
    review.ranked
      ? citedRequests(review.ranked, money)
      : citations(review.join.unmatched, money, 'Requests cited in lost deals (pass --requests to compare with the ranking)'),
  ];
  if (review.ranked && review.join.unmatched.length > 0)
    sections.push(citations(review.join.unmatched, money, 'Citations that match no request'));
  return `${sections.join('\n\n')}\n`;
}

function lossReasons(review: WinLossReview, money: (v: number) => string): string {
  const reasons = rankLossReasons(review.join.deals);
  const rows = reasons.map(
    (r) =>
      `| ${cell(r.reason)} | ${r.deals} | ${money(r.value)} | ${r.segments.map((s) => `${escapeMarkdown(s.segment)} ${money(s.value)} (${s.deals})`).join(', ')} |`,
  );
  return ['## Loss reasons by lost value', '', '| Reason | Lost deals | Lost value | By segment |', '|---|---:|---:|---|', ...rows].join(
    '\n',
  );
}

function citedRequests(ranked: readonly RankedRequest[], money: (v: number) => string): string {
  const cited = ranked
    .filter((r) => (r.numbers.lost_deals ?? 0) > 0)
    .sort((a, b) => b.numbers.lost_value! - a.numbers.lost_value! || a.rank - b.rank);
  const rows = cited.map(
    (r) =>
      `| ${cell(requestName(r))} | ${money(r.numbers.lost_value!)} (${r.numbers.lost_deals}) | #${r.rank} of ${ranked.length} | ${r.horizon ?? '—'} | ${money(r.numbers.won_value ?? 0)} (${r.numbers.won_deals ?? 0}) |`,
  );
  return [
    '## Requests cited in lost deals vs. their rank',
    '',
    '| Request | Cited in lost deals | Rank | Horizon | Cited in won deals |',
    '|---|---:|---:|---|---:|',
    ...(rows.length > 0 ? rows : ['| none | | | | |']),
  ].join('\n');
}

function citations(unmatched: readonly UnmatchedCitation[], money: (v: number) => string, heading: string): string {
  const sorted = [...unmatched].sort((a, b) => b.lostValue - a.lostValue || a.citation.localeCompare(b.citation));
  const lines = sorted.map((u) => {
    const where = describeLines(u.lines);
    const hint = u.suggestions.length > 0 ? `; did you mean ${u.suggestions.map((s) => `"${escapeMarkdown(s)}"`).join(' or ')}?` : '';
    return `- "${escapeMarkdown(u.citation)}" (${where}): ${plural(u.lostDeals, 'lost deal')} (${money(u.lostValue)}), ${plural(u.wonDeals, 'won deal')} (${money(u.wonValue)})${hint}`;
  });
  return [`## ${heading}`, '', ...(lines.length > 0 ? lines : ['- none'])].join('\n');
}

/** A markdown table cell from input: escaped, so a cell cannot break the table or inject markup. */
function cell(text: string): string {
  return escapeMarkdown(text);
}
