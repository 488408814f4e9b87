import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { RankedRequest } from '../../core/types.js';
import { cutToWidth, displayWidth, fitColumns, type ColumnSpec } from './fit-columns.js';
import {
  countAskers,
  decisionLabel,
  describeCurrency,
  formatMoney,
  describeStudy,
  formatRankInterval,
  formatRequestScore,
  formatShare,
  horizonLabel,
  plural,
  oneLine,
  requestName,
  segmentsOf,
  topDrivers,
} from '../words/format.js';
import type { RankingReport } from '../../core/ranking.js';
import type { ReporterOptions } from '../types.js';

/** Without --top the table stops here; json and csv list everything. */
export const DEFAULT_TABLE_ROWS = 20;
const UNATTRIBUTED_LEGEND = 'Accts: accounts asking + rows that name no account (unattributed: counted apart, never as customers)';

interface Column extends Omit<ColumnSpec, 'natural'> {
  header: string;
  align: 'left' | 'right';
  /** The cell as plain text, on one line. */
  text: (request: RankedRequest, report: RankingReport) => string;
  /** The cell at its final width, coloured; a plain cut by default. */
  render?: (request: RankedRequest, width: number, chalk: ChalkInstance, report: RankingReport) => string;
}

// On a narrow terminal the drivers go first, then segments, account counts, escalations, money, horizon;
// rank, request and score always show. Spare width goes to the request title first.
const COLUMNS: Column[] = [
  { header: '#', align: 'right', text: rankText },
  { header: 'Request', align: 'left', min: 24, growOrder: 1, text: requestText, render: renderRequest },
  {
    header: 'Score',
    align: 'right',
    text: (r, report) => formatRequestScore(r, report.model),
    render: (r, width, chalk, report) => colorByHorizon(chalk, r, cutToWidth(formatRequestScore(r, report.model), width), report),
  },
  { header: 'Deal value', align: 'right', hideOrder: 5, text: (r, report) => formatMoney(r.dealValue, report.summary.currency) },
  { header: 'Accts', align: 'right', hideOrder: 3, text: (r) => countAskers(r, true) },
  { header: 'Segments', align: 'left', min: 12, hideOrder: 2, growOrder: 3, text: (r) => oneLine(segmentsOf(r).join(', ')) },
  { header: 'Horizon', align: 'left', hideOrder: 6, text: (r) => oneLine(horizonLabel(r)) },
  {
    header: 'Escalation',
    align: 'left',
    min: 10,
    hideOrder: 4,
    growOrder: 2,
    text: escalationText,
    render: (r, width, chalk) => (r.escalations.length > 0 ? chalk.red.bold(cutToWidth(escalationText(r), width)) : ''),
  },
  { header: 'Top drivers', align: 'left', min: 16, hideOrder: 1, growOrder: 4, text: (r) => oneLine(topDrivers(r)) },
];

/** The ranked table a PM reads in the terminal, fitted to `options.columns` when given. */
export function renderTable(report: RankingReport, options: ReporterOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const shown = report.ranked.slice(0, options.top ?? DEFAULT_TABLE_ROWS);
  const columns = COLUMNS.map((c) => ({ ...c, header: headerOf(c.header, report) }));
  const texts = columns.map((c) => shown.map((r) => c.text(r, report)));
  const widths = fitColumns(
    columns.map((c, i) => ({ ...c, natural: Math.max(displayWidth(c.header), ...texts[i]!.map(displayWidth)) })),
    options.columns,
  );
  const visible = columns.flatMap((column, i) => (widths[i] === undefined ? [] : [{ column, width: widths[i], texts: texts[i]! }]));
  const table = new Table({
    head: visible.map(({ column, width }) => chalk.bold(cutToWidth(column.header, width))),
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colWidths: visible.map(({ width }) => width + 2),
    colAligns: visible.map(({ column }) => column.align),
  });
  shown.forEach((request, row) => {
    table.push(visible.map(({ column, width, texts }) => column.render?.(request, width, chalk, report) ?? cutToWidth(texts[row]!, width)));
  });
  const hidden = columns.filter((_, i) => widths[i] === undefined).map((c) => c.header);
  const notes = [...footer(report, shown.length), ...fitNote(visible, hidden, options.columns)];
  const wrapped = options.columns === undefined ? notes : notes.flatMap((line) => wrapToWidth(line, options.columns!));
  return [table.toString(), ...wrapped.map((line) => chalk.dim(line))].join('\n') + '\n';
}

/** A framework's score is in its own unit, so the header names it, and the explanation replaces the drivers. */
function headerOf(header: string, report: RankingReport): string {
  const { kind } = report.model;
  if (kind === 'weighted') return header;
  if (header === 'Score') return kind.toUpperCase();
  return header === 'Top drivers' ? 'Explanation' : header;
}

/** "to fit 80 columns: hid Segments, Top drivers; cut long cells (--wide shows all)", or nothing when all fits. */
function fitNote(visible: { width: number; texts: string[] }[], hidden: string[], columns: number | undefined): string[] {
  const isCut = visible.some(({ width, texts }) => texts.some((t) => displayWidth(t) > width));
  if (hidden.length === 0 && !isCut) return [];
  const what = [...(hidden.length > 0 ? [`hid ${hidden.join(', ')}`] : []), ...(isCut ? ['cut long cells'] : [])];
  return [`to fit ${columns} columns: ${what.join('; ')} (--wide shows all)`];
}

/** The rank, and under --uncertainty its interval and chance of the top N: "3 (2-6) · 84% top 10". */
function rankText(request: RankedRequest, report: RankingReport): string {
  const study = report.uncertainty;
  const sampled = study?.requests[request.rank - 1];
  if (!study || !sampled) return String(request.rank);
  return `${request.rank} (${formatRankInterval(sampled.interval)}) · ${formatShare(sampled.topShare)} top ${study.top}`;
}

function escalationText(request: RankedRequest): string {
  return request.escalations.length > 0 ? oneLine(`⚑ ${request.escalations.join(', ')}`) : '';
}

/** "FR-101 SSO via Okta [declined]" on one line. */
function requestText(request: RankedRequest): string {
  const decision = decisionLabel(request);
  return `${titleText(request)}${decision ? ` [${decision}]` : ''}`;
}

function titleText(request: RankedRequest): string {
  return oneLine(requestName(request));
}

/** The request cut to the width but keeping its decision marker; the id dimmed. */
function renderRequest(request: RankedRequest, width: number, chalk: ChalkInstance): string {
  const decision = decisionLabel(request);
  const marker = decision ? ` [${decision}]` : '';
  const styledMarker = request.decision?.decision === 'decline' ? chalk.red(marker) : chalk.cyan(marker);
  const label = cutToWidth(titleText(request), Math.max(1, width - marker.length));
  const styled = label.startsWith(`${request.id} `) ? `${chalk.dim(request.id)}${label.slice(request.id.length)}` : chalk.dim(label);
  return request.title === request.id ? label + styledMarker : styled + styledMarker;
}

function colorByHorizon(chalk: ChalkInstance, request: RankedRequest, text: string, report: RankingReport): string {
  const index = report.model.horizons.findIndex((h) => h.name === request.horizon);
  if (index === 0) return chalk.green.bold(text);
  if (index === 1) return chalk.yellow(text);
  return chalk.dim(text);
}

function footer(report: RankingReport, shown: number): string[] {
  const { summary, ranked } = report;
  const hidden = ranked.length - shown;
  const lines = [
    `${plural(ranked.length, 'request')} from ${plural(summary.rows, 'row')} of ${summary.source} · model: ${report.configSource}`,
  ];
  const currency = describeCurrency(summary);
  if (currency) lines.push(`deal values in ${currency}`);
  if (hidden > 0) lines.push(`${plural(hidden, 'more request')} not shown: use --top ${ranked.length} or --format csv`);
  if (ranked.slice(0, shown).some((r) => r.unattributed)) lines.push(UNATTRIBUTED_LEGEND);
  if (report.uncertainty) lines.push(describeStudy(report.uncertainty));
  const stale = ranked.slice(0, shown).filter((r) => r.isStale);
  if (stale.length > 0)
    lines.push(`stale, no mention for ${report.model.aging?.staleAfterDays} days: ${stale.map((r) => r.id).join(', ')}`);
  return lines;
}

/** Breaks a line at spaces so that no piece is wider than the terminal (a single long word is cut). */
function wrapToWidth(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (displayWidth(candidate) <= width || current === '') current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  return [...lines, current].map((l) => cutToWidth(l, width));
}
