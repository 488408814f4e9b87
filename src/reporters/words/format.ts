import { formatNumber } from '../../core/scoring/frameworks.js';
import type { DecisionKind, FeatureRequest, RankedRequest, ScoredRequest, ScoringModel } from '../../core/types.js';
import type { RankingReport } from '../../core/ranking.js';
import type { RankInterval, UncertaintyStudy } from '../../core/analysis/uncertainty.js';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/** Compact money for people: $1.2M, €450K, $950. */
export function formatMoney(value: number | undefined, currency: string | undefined): string {
  if (value === undefined) return '—';
  return withCurrency(compactNumber(Math.abs(value)), currency, value < 0);
}

/** Money to the cent where a threshold is at stake: $249,999.50, not $250K. */
export function formatExactMoney(value: number, currency: string | undefined): string {
  const abs = Math.abs(value);
  const number = abs.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: Number.isInteger(abs) ? 0 : 2 });
  return withCurrency(number, currency, value < 0);
}

function withCurrency(number: string, currency: string | undefined, isNegative: boolean): string {
  const symbol = currency ? SYMBOLS[currency] : '';
  const amount = symbol ? `${symbol}${number}` : currency ? `${number} ${currency}` : number;
  return isNegative ? `-${amount}` : amount;
}

/** The currency deal values are in and how others were converted: `USD (converted: EUR at 1.1, ZAR by "Amount (converted)")`. */
export function describeCurrency(summary: Pick<RankingReport['summary'], 'currency' | 'conversions'>): string | undefined {
  if (!summary.currency) return undefined;
  const conversions = Object.entries(summary.conversions ?? {}).map(([currency, { rate, column }]) => {
    const ways = [rate === undefined ? '' : `at ${rate}`, column === undefined ? '' : `by "${column}"`];
    return `${currency} ${ways.filter(Boolean).join(' and ')}`;
  });
  return conversions.length === 0 ? summary.currency : `${summary.currency} (converted: ${conversions.join(', ')})`;
}

const UNITS: [string, number][] = [
  ['', 1],
  ['K', 1e3],
  ['M', 1e6],
  ['B', 1e9],
];

function compactNumber(abs: number): string {
  let unit = Math.max(
    0,
    UNITS.findLastIndex(([, size]) => abs >= size),
  );
  // 999,999 rounds to 1000K: move up a unit so it reads 1M.
  if (Number(scaleTo(abs, unit)) >= 1000 && unit < UNITS.length - 1) unit += 1;
  return `${scaleTo(abs, unit)}${UNITS[unit]![0]}`;
}

function scaleTo(abs: number, unit: number): string {
  const scaled = abs / UNITS[unit]![1];
  return scaled.toFixed(unit > 0 && scaled < 100 ? 1 : 0).replace(/\.0$/, '');
}

/** A score in its model's unit: 0-100 to one decimal, or a framework's own number, up to two decimals. */
export function formatScore(score: number, model?: Pick<ScoringModel, 'kind'>): string {
  return model === undefined || model.kind === 'weighted' ? score.toFixed(1) : formatNumber(score);
}

/** A request's score, or a dash when its framework could not score it. */
export function formatRequestScore(request: Pick<RankedRequest, 'score' | 'unscorable'>, model: Pick<ScoringModel, 'kind'>): string {
  return request.unscorable === undefined ? formatScore(request.score, model) : '—';
}

/**
 * The criteria that earned the most points, strongest first: "deal_value 36.8, alignment 22.5";
 * for a framework, its term-by-term explanation.
 */
export function topDrivers(request: RankedRequest, count = 2): string {
  if (request.explanation !== undefined) return request.explanation;
  return Object.entries(request.criteria)
    .filter(([, c]) => c.points > 0)
    .sort((a, b) => b[1].points - a[1].points)
    .slice(0, count)
    .map(([name, c]) => `${name} ${c.points.toFixed(1)}`)
    .join(', ');
}

/** "FR-101 SSO via Okta", or just the title when the request has no id of its own; `text` escapes or scrubs each part. */
export function requestName(request: { id: string; title: string }, text: (value: string) => string = (value) => value): string {
  return request.title === request.id ? text(request.title) : `${text(request.id)} ${text(request.title)}`;
}

/** Segments of the accounts asking, as one cell. */
export function segmentsOf(request: FeatureRequest): string[] {
  return request.texts.segment ?? [];
}

/** A text from the input as one terminal-safe line: whitespace runs become a space, controls are shown escaped. */
export function oneLine(text: string): string {
  return escapeControls(text.replace(/\s+/g, ' ').trim());
}

/** "3 accounts + 6 unattributed", "1 account": the customers asking and, apart from them, the rows that name none. */
export function describeAskers(request: FeatureRequest): string {
  const accounts = plural(request.accounts.length, 'account');
  return request.unattributed ? `${accounts} + ${request.unattributed.mentions} unattributed` : accounts;
}

/** "3 + 6 unattributed" ("3 + 6" when `isTerse`, for a narrow column), "3": describeAskers for a count cell. */
export function countAskers(request: FeatureRequest, isTerse = false): string {
  const accounts = String(request.accounts.length);
  if (!request.unattributed) return accounts;
  return `${accounts} + ${request.unattributed.mentions}${isTerse ? '' : ' unattributed'}`;
}

export function truncate(text: string, width: number): string {
  const flat = oneLine(text);
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A rank interval: "2-6", or "4" when it is one rank; "≤120" and "900+" where ranks that far off were not told apart. */
export function formatRankInterval(interval: RankInterval): string {
  const low = `${interval.isLowOpen ? '≤' : ''}${interval.low}`;
  const high = `${interval.high}${interval.isHighOpen ? '+' : ''}`;
  return low === high ? low : `${low}-${high}`;
}

/** A share as a whole percent; "<1%" and ">99%" so that a rare event never shows as impossible or certain. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  if (share < 1 && share > 0.99) return '>99%';
  return `${Math.round(share * 100)}%`;
}

/** How the Monte Carlo ran, so anyone can run it again: "uncertainty: 10000 samples, seed 1, 3 ranged inputs; ...". */
export function describeStudy(study: UncertaintyStudy): string {
  const sources = [
    plural(study.inputs.length, 'ranged input'),
    ...study.confidences.map((c) => `${c.criterion} at confidence ${c.confidence}`),
    ...(study.spread === undefined ? [] : [`weights ±${Math.round(study.spread * 100)}%`]),
  ];
  return `uncertainty: ${study.samples} samples, seed ${study.seed}, over ${sources.join(', ')}; (low-high) is the 10th-90th percentile rank`;
}

/** A date's distance from the as-of date, past and future told apart: "in 20 days", "today", "2 days ago". */
export function describeDaysFromAsOf(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

const DECISION_LABELS: Record<DecisionKind, string> = {
  accept: 'accepted',
  defer: 'deferred',
  decline: 'declined',
  escalate: 'escalated',
  'needs-info': 'needs info',
};

/** "declined", "accepted", ...: the PM's triage decision, or '' when there is none. */
export function decisionLabel(request: ScoredRequest): string {
  const kind = request.decision?.decision;
  return kind ? DECISION_LABELS[kind] : '';
}

/** "Declined", "Needs info": a decision as a heading or at the start of a line. */
export function decisionHeading(kind: DecisionKind): string {
  const label = DECISION_LABELS[kind];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

/** The horizon the PM decided ("Later (decided)"), else the one the score reaches, else '—'. */
export function horizonLabel(request: ScoredRequest): string {
  const decided = request.decision?.horizon;
  return decided === undefined ? (request.horizon ?? '—') : `${decided} (decided)`;
}

// C0 and C1 controls but tab and newline, and the bidi overrides that reorder what a terminal shows.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Shows control characters from input as \u001b, so a cell cannot move the cursor, clear the screen or set a link. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** escapeControls for text that must stay on one line (a warning): line breaks and tabs show as \n, \r, \t. */
export function escapeLine(text: string): string {
  return escapeControls(text.replace(/[\t\n\r]/g, (char) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : '\\t')));
}

/**
 * Indented JSON with every control character escaped: JSON.stringify leaves DEL, the C1 range
 * (U+0080-U+009F, which terminals obey like ESC) and the bidi overrides raw; their \u escapes mean the same JSON.
 */
export function toSafeJson(value: unknown): string {
  return `${escapeControls(JSON.stringify(value, null, 2))}\n`;
}

/** "line 7", "lines 7, 9", "lines 7, 9, 12, 15, 20 and 3 more": citations may recur on thousands of rows. */
export function describeLines(lines: readonly number[], shown = 5): string {
  const listed = lines.slice(0, shown).join(', ');
  const more = lines.length > shown ? ` and ${lines.length - shown} more` : '';
  return `line${lines.length === 1 ? '' : 's'} ${listed}${more}`;
}
