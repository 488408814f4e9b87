import { stringify } from 'csv-stringify/sync';
import { isMoneyField } from '../../core/text/fields.js';
import { criteriaOf, scoredFields } from '../../core/scoring/model-inputs.js';
import { segmentsOf } from '../words/format.js';
import type { RankingReport } from '../../core/ranking.js';
import type { ReporterOptions } from '../types.js';

/** The ranking flat, one request a row, safe to open in Excel and Google Sheets. */
export function renderCsv(report: RankingReport, options: ReporterOptions): string {
  const { model } = report;
  const isFramework = model.kind !== 'weighted';
  const criteria = criteriaOf(model);
  // Decision columns only when a decisions file was applied, so plain exports keep their layout.
  const hasDecisions = report.ranked.some((r) => r.decision !== undefined || r.mergedIds !== undefined);
  const terms = isFramework ? scoredFields(model) : [];
  const header = [
    'rank',
    'id',
    'title',
    'score',
    'horizon',
    'escalations',
    'deal_value',
    'account_count',
    'accounts',
    'unattributed',
    'segments',
    'status',
    ...(hasDecisions ? ['decision', 'decision_reason', 'merged'] : []),
    ...criteria.flatMap((c) => [`${c.name}_raw`, `${c.name}_points`]),
    ...terms,
    ...(isFramework ? ['explanation'] : []),
  ];
  const rows = report.ranked
    .slice(0, options.top)
    .map((r) => [
      r.rank,
      r.id,
      r.title,
      r.unscorable === undefined ? round(r.score, 4) : '',
      r.horizon ?? '',
      r.escalations.join('; '),
      r.dealValue === undefined ? '' : round(r.dealValue, 2),
      r.accounts.length,
      r.accounts.map((a) => a.name).join('; '),
      r.unattributed?.mentions ?? 0,
      segmentsOf(r).join('; '),
      r.status ?? '',
      ...(hasDecisions ? [r.decision?.decision ?? '', r.decision?.reason ?? '', (r.mergedIds ?? []).join('; ')] : []),
      ...criteria.flatMap((c) => [rawCell(c.field, r.criteria[c.name]?.raw), round(r.criteria[c.name]?.points ?? 0, 4)]),
      ...terms.map((name) => rawCell(name, r.criteria[name]?.raw)),
      ...(isFramework ? [r.explanation ?? ''] : []),
    ]);
  return stringify(
    [header, ...rows].map((row) => row.map(safeCell)),
    options.hasBom ? { bom: true } : {},
  );
}

/** A criterion's input: money to the cent, other numbers to 4 decimals, text as it is. */
function rawCell(field: string, raw: number | string | undefined): number | string {
  if (typeof raw !== 'number') return raw ?? '';
  return round(raw, isMoneyField(field) ? 2 : 4);
}

/** Rounded to some decimals; printed, it has no float noise (85292.54, not 85292.54000000001). */
function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * Spreadsheets run a text cell that starts with = + - @ (or tab/CR) as a
 * formula; a leading apostrophe makes it text. Numbers stay numbers.
 */
export function safeCell(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
