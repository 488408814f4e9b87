import { commitmentOf, COMMITMENTS, type Commitment } from '../../core/requests/commitment.js';
import { explainContributions, type Contribution } from '../../core/analysis/explain.js';
import { isMoneyField, isWinLossField } from '../../core/text/fields.js';
import { foldText } from '../../core/text/folding.js';
import type { RankedRequest } from '../../core/types.js';
import type { MarkdownOptions } from './pm.js';
import { escapeMarkdown, renderMarkdownTable, requestLabel } from './text.js';
import { createScrubber, salesPhrase } from '../words/sales.js';
import { plural } from '../words/format.js';
import type { RankingReport } from '../../core/ranking.js';

export interface SalesOptions extends MarkdownOptions {
  /** Only this customer's requests; no other customer is named. */
  account?: string;
  /** Requests that shipped since the previous export (report --since), to announce first. */
  shipped?: readonly RankedRequest[];
}

const MEANINGS: Record<Commitment, string> = {
  Committed: 'we are building it.',
  Planned: 'on the roadmap; plans can still change.',
  Exploring: 'under evaluation. There is no date and no commitment.',
  'Not planned': 'we do not plan to build it at this time.',
};

/** Fields that carry money or internal figures and never reach a customer-facing report. */
function isInternalField(field: string): boolean {
  return isMoneyField(field) || isWinLossField(field);
}

/**
 * The same decisions for sales to relay: commitment levels from the status
 * column, reasons, no deal values, no scores, no other customer's name.
 */
export function renderSalesReport(report: RankingReport, options: SalesOptions): string {
  const account = options.account === undefined ? undefined : foldText(options.account);
  const requests = report.ranked.filter((r) => account === undefined || r.accounts.some((a) => foldText(a.name) === account));
  const others = report.ranked.flatMap((r) => r.accounts.map((a) => a.name)).filter((name) => foldText(name) !== account);
  const scrub = createScrubber(others);
  const text = (value: string) => escapeMarkdown(scrub(value));
  const levels = COMMITMENTS.map((level) => ({ level, items: requests.filter((r) => commitmentOf(r) === level) }));
  const sections = [
    '# Feature request update',
    [
      `- **Date:** ${escapeMarkdown(options.date)}`,
      ...(account === undefined ? [] : [`- **Customer:** ${escapeMarkdown(spellingOf(report, account) ?? options.account ?? '')}`]),
      `- **Requests:** ${requests.length}: ${levels.map((l) => `${l.level} ${l.items.length}`).join(' · ')}`,
    ].join('\n'),
    ...(options.shipped
      ? [
          shippedSection(
            options.shipped.filter((r) => requests.includes(r)),
            text,
          ),
        ]
      : []),
    `Customer names${account === undefined ? '' : ' other than this customer'} and amounts are left out, so it can be forwarded as it is. What each commitment means:`,
    COMMITMENTS.map((level) => `- **${level}:** ${MEANINGS[level]}`).join('\n'),
    renderMarkdownTable(
      ['Request', 'Commitment', 'Timing'],
      levels.flatMap((l) => l.items.map((r) => [requestLabel(r, text), l.level, timingOf(r, l.level, text)])),
    ),
    ...levels
      .filter((l) => l.items.length > 0)
      .flatMap((l) => [`## ${l.level}`, ...l.items.map((r) => renderItem(r, l.level, report, text, account))]),
  ];
  return `${sections.join('\n\n')}\n`;
}

function shippedSection(shipped: readonly RankedRequest[], text: (value: string) => string): string {
  const items = shipped.map((r) => `- ${requestLabel(r, text)}: ${text(r.status ?? '')}`);
  return [`## Shipped since the last update (${shipped.length})`, items.length > 0 ? items.join('\n') : '- nothing yet'].join('\n\n');
}

/** The account's name as the export spells it. */
function spellingOf(report: RankingReport, account: string): string | undefined {
  return report.ranked.flatMap((r) => r.accounts).find((a) => foldText(a.name) === account)?.name;
}

/** Only Committed and Planned items carry a horizon; Exploring never reads as a date. */
function timingOf(request: RankedRequest, level: Commitment, text: (value: string) => string): string {
  const horizon = request.decision?.horizon ?? request.horizon;
  return (level === 'Committed' || level === 'Planned') && horizon ? text(horizon) : 'No date';
}

function renderItem(
  request: RankedRequest,
  level: Commitment,
  report: RankingReport,
  text: (value: string) => string,
  account?: string,
): string {
  const askers = askersOf(request, account);
  const timing = timingOf(request, level, text);
  const bullets = [
    `- **Commitment:** ${level}${timing === 'No date' ? ', no date' : `, target ${timing}`}`,
    `- **Asked by:** ${askers}`,
    ...describeFit(request, report, text),
    ...(request.decision?.reason ? [`- **Reason:** ${text(request.decision.reason)}`] : []),
  ];
  return [`### ${requestLabel(request, text)}`, bullets.join('\n')].join('\n\n');
}

/**
 * "3 customers", "this customer, 2 other customers and in 6 other conversations":
 * rows that name no customer are conversations, never customers.
 */
function askersOf(request: RankedRequest, account: string | undefined): string {
  const others = request.accounts.filter((a) => foldText(a.name) !== account).length;
  const customers =
    account === undefined ? [plural(others, 'customer')] : ['this customer', ...(others > 0 ? [plural(others, 'other customer')] : [])];
  const conversations = request.unattributed?.mentions;
  if (conversations === undefined) return listInWords(customers);
  if (request.accounts.length === 0) return `no named customer; mentioned in ${plural(conversations, 'conversation')}`;
  return listInWords([...customers, `in ${plural(conversations, 'other conversation')}`]);
}

/** "a", "a and b", "a, b and c". */
function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/**
 * Strengths and weaknesses in plain words: no model keys, no scales, no points, no money.
 * Only weighted criteria have them: a framework's inputs (reach, effort, job size) are internal estimates.
 */
function describeFit(request: RankedRequest, report: RankingReport, text: (value: string) => string): string[] {
  const { model } = report;
  if (model.kind !== 'weighted') return [];
  const shown = explainContributions(request, model).filter((c) => !isInternalField(c.field) && !c.score.isMissing);
  const criterionOf = (c: Contribution) => model.criteria.find((x) => x.name === c.criterion)!;
  const strong = shown.filter((c) => c.score.normalized >= 0.75).map((c) => salesPhrase(criterionOf(c), c, 'strong', text));
  const weak = shown.filter((c) => c.score.normalized < 0.5).map((c) => salesPhrase(criterionOf(c), c, 'weak', text));
  return [
    ...(strong.length > 0 ? [`- **Why it ranks well:** ${strong.join('; ')}`] : []),
    ...(weak.length > 0 ? [`- **What holds it back:** ${weak.join('; ')}`] : []),
  ];
}
