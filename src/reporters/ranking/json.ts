import { columnsAsJson } from '../columns.js';
import { toDecisionEntry } from '../../core/decisions/entries.js';
import { CONVERTED_FROM_FIELD, WIN_LOSS_FIELDS } from '../../core/text/fields.js';
import type { RankedRequest } from '../../core/types.js';
import { formatDay } from '../../core/text/dates.js';
import type { RequestUncertainty, UncertaintyStudy } from '../../core/analysis/uncertainty.js';
import { segmentsOf, toSafeJson } from '../words/format.js';
import { formatIssue } from '../words/issues.js';
import type { RankingReport } from '../../core/ranking.js';
import type { ReporterOptions } from '../types.js';

/** The ranking for scripts: scores unrounded, line numbers as a spreadsheet shows them. */
export function renderJson(report: RankingReport, options: ReporterOptions): string {
  const { summary } = report;
  const output = {
    requests: report.ranked.slice(0, options.top).map((r, i) => ({
      ...toJson(r, summary.conversions),
      ...(report.winLoss ? winLossOf(r) : {}),
      ...(report.model.aging ? agingAsJson(r) : {}),
      ...(report.uncertainty ? { uncertainty: sampledAsJson(report.uncertainty.requests[i]!) } : {}),
    })),
    warnings: report.issues.map((issue) => ({
      row: issue.line,
      column: issue.column,
      field: issue.path,
      value: issue.value,
      code: issue.code,
      severity: issue.severity,
      message: formatIssue(issue),
    })),
    summary: {
      source: summary.source,
      rows: summary.rows,
      requests: report.ranked.length,
      skipped_rows: summary.skippedRows,
      footer_lines: summary.footerLines,
      encoding: summary.encoding,
      delimiter: summary.delimiter,
      currency: summary.currency,
      conversions: Object.fromEntries(
        Object.entries(summary.conversions ?? {}).map(([currency, c]) => [
          currency,
          { rate: c.rate ?? null, column: c.column ?? null, rows: c.rows },
        ]),
      ),
      columns: columnsAsJson(summary.choices),
      model: report.configSource,
    },
    ...(report.uncertainty ? { uncertainty: studyAsJson(report.uncertainty) } : {}),
    ...(report.rolledUp ? { accounts_rolled_up: report.rolledUp.map((r) => ({ account: r.account, into: r.parent })) } : {}),
  };
  return toSafeJson(output);
}

/** --win-loss adds what the closed deals citing a request say, whether or not the model scores it. */
function winLossOf(request: RankedRequest): Record<string, number> {
  return Object.fromEntries(WIN_LOSS_FIELDS.map((field) => [field, request.numbers[field] ?? 0]));
}

/** A request's share of samples in the top N and its 10th-90th percentile ranks (open: ranks that far off were not told apart). */
function sampledAsJson({ topShare, interval }: RequestUncertainty) {
  return {
    top_share: topShare,
    rank_low: interval.low,
    rank_high: interval.high,
    rank_low_open: interval.isLowOpen === true,
    rank_high_open: interval.isHighOpen === true,
  };
}

/** Everything needed to run the study again, and its inputs by decisiveness. */
function studyAsJson(study: UncertaintyStudy) {
  return {
    samples: study.samples,
    seed: study.seed,
    top: study.top,
    spread: study.spread ?? null,
    percentiles: [10, 90],
    confidences: study.confidences,
    inputs: study.inputs.map((i) => ({ id: i.id, field: i.field, range: i.text, rank: i.rank, decisiveness: i.decisiveness })),
  };
}

/** When the model ages demand: the newest mention's date and whether the request is stale. */
function agingAsJson(request: RankedRequest) {
  return { last_mention: request.lastMentionDay === undefined ? null : formatDay(request.lastMentionDay), stale: request.isStale === true };
}

function toJson(request: RankedRequest, conversions: RankingReport['summary']['conversions']) {
  return {
    rank: request.rank,
    id: request.id,
    title: request.title,
    score: request.unscorable === undefined ? request.score : null,
    explanation: request.explanation ?? null,
    unscorable: request.unscorable ?? null,
    deal_value: request.dealValue ?? null,
    // Which of its amounts were converted to the base currency, and how, so a surprising deal value can be checked.
    converted: (request.texts[CONVERTED_FROM_FIELD] ?? []).map((currency) => ({
      currency,
      rate: conversions?.[currency]?.rate ?? null,
      column: conversions?.[currency]?.column ?? null,
    })),
    // With decay each account's weight too: deal values are weighted already.
    accounts: request.accounts.map((a) => ({
      name: a.name,
      deal_value: a.dealValue ?? null,
      ...(a.weight === undefined ? {} : { weight: a.weight }),
    })),
    unattributed: { mentions: request.unattributed?.mentions ?? 0, deal_value: request.unattributed?.dealValue ?? null },
    segments: segmentsOf(request),
    criteria: Object.fromEntries(
      Object.entries(request.criteria).map(([name, c]) => [
        name,
        { raw: c.raw ?? null, normalized: c.normalized, points: c.points, missing: c.isMissing },
      ]),
    ),
    horizon: request.horizon ?? null,
    escalations: request.escalations,
    status: request.status ?? null,
    decision: request.decision ? toDecisionEntry(request.decision) : null,
    merged: request.mergedIds ?? [],
    lines: request.lines,
  };
}
