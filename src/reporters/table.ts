import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { RankedRequest } from '../core/types.js';
import { countAskers, decisionLabel, formatMoney, formatRequestScore, plural, segmentsOf, topDrivers, truncate } from './format.js';
import type { RankingReport, ReporterOptions } from './types.js';

/** Without --top the table stops here; json and csv list everything. */
export const DEFAULT_TABLE_ROWS = 20;
const HEADERS = ['#', 'Request', 'Score', 'Deal value', 'Accts', 'Segments', 'Horizon', 'Escalation', 'Top drivers'];
const UNATTRIBUTED_LEGEND = 'Accts: accounts asking + rows that name no account (unattributed: counted apart, never as customers)';
/** A framework's score is in its own unit, so the header names it, and the explanation replaces the drivers. */
const FRAMEWORK_HEADERS = HEADERS.map((h) => (h === 'Top drivers' ? 'Explanation' : h));

/** The ranked table a PM reads in the terminal. */
export function renderTable(report: RankingReport, options: ReporterOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const shown = report.ranked.slice(0, options.top ?? DEFAULT_TABLE_ROWS);
  const titleWidth = options.columns === undefined ? 40 : Math.max(24, Math.min(60, options.columns - 100));
  const table = new Table({
    head: headers(report).map((h) => chalk.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['right', 'left', 'right', 'right', 'right', 'left', 'left', 'left', 'left'],
  });
  for (const request of shown) table.push(tableRow(request, report, chalk, titleWidth));
  return [table.toString(), ...footer(report, shown.length, chalk)].join('\n') + '\n';
}

function headers(report: RankingReport): string[] {
  const { framework } = report.model;
  if (!framework) return HEADERS;
  return FRAMEWORK_HEADERS.map((h) => (h === 'Score' ? framework.name.toUpperCase() : h));
}

function tableRow(request: RankedRequest, report: RankingReport, chalk: ChalkInstance, titleWidth: number): string[] {
  return [
    String(request.rank),
    requestLabel(request, chalk, titleWidth),
    colorByHorizon(chalk, request, formatRequestScore(request, report.model), report),
    formatMoney(request.dealValue, report.summary.currency),
    countAskers(request, true),
    truncate(segmentsOf(request).join(', '), 24),
    request.horizon ?? '—',
    request.escalations.length > 0 ? chalk.red.bold(`⚑ ${truncate(request.escalations.join(', '), 22)}`) : '',
    truncate(topDrivers(request), report.model.framework ? 72 : 36),
  ];
}

/** "FR-101 SSO via Okta", the id dimmed, cut to the width. */
function requestLabel(request: RankedRequest, chalk: ChalkInstance, width: number): string {
  const decision = decisionLabel(request);
  const marker = decision ? ` [${decision}]` : '';
  const styledMarker = request.decision?.decision === 'decline' ? chalk.red(marker) : chalk.cyan(marker);
  const room = width - marker.length;
  if (request.title === request.id) return truncate(request.title, room) + styledMarker;
  const label = truncate(`${request.id} ${request.title}`, room);
  const styled = label.startsWith(`${request.id} `) ? `${chalk.dim(request.id)}${label.slice(request.id.length)}` : chalk.dim(label);
  return styled + styledMarker;
}

function colorByHorizon(chalk: ChalkInstance, request: RankedRequest, text: string, report: RankingReport): string {
  const index = report.model.horizons.findIndex((h) => h.name === request.horizon);
  if (index === 0) return chalk.green.bold(text);
  if (index === 1) return chalk.yellow(text);
  return chalk.dim(text);
}

function footer(report: RankingReport, shown: number, chalk: ChalkInstance): string[] {
  const { summary, ranked } = report;
  const hidden = ranked.length - shown;
  const lines = [
    chalk.dim(
      `${plural(ranked.length, 'request')} from ${plural(summary.rows, 'row')} of ${summary.source} · model: ${report.modelSource}`,
    ),
  ];
  if (hidden > 0) lines.push(chalk.dim(`${plural(hidden, 'more request')} not shown: use --top ${ranked.length} or --format csv`));
  if (ranked.slice(0, shown).some((r) => r.unattributed)) lines.push(chalk.dim(UNATTRIBUTED_LEGEND));
  return lines;
}
