import type { Change } from '../core/analysis/counterfactual.js';
import {
  FRAGILE_SHARE,
  type InputChange,
  type RequestSensitivity,
  type SensitivityOptions,
  type WeightChange,
} from '../core/analysis/sensitivity.js';
import { formatNumber } from '../core/scoring/frameworks.js';
import type { ModelKind } from '../core/types.js';
import { escapeControls, formatRequestScore, toSafeJson, requestName } from './words/format.js';

export interface SensitivityReport {
  /** The kind of model: weights are what a weighted model rests on, each request's inputs what a framework does. */
  kind: ModelKind;
  results: RequestSensitivity[];
  options: SensitivityOptions;
}

export type SensitivityFormat = 'table' | 'json';

export const SENSITIVITY_REPORTERS: Record<SensitivityFormat, (report: SensitivityReport) => string> = {
  table: renderSensitivityTable,
  json: toSafeJson,
};

/** One row per request at or near the top-N line; fragile positions marked with "!". */
export function renderSensitivityTable(report: SensitivityReport): string {
  const { top, spread, samples, seed } = report.options;
  const { kind } = report;
  const what = kind === 'weighted' ? 'weight' : 'input';
  const rows = report.results.map((r) => [
    `${r.isFragile ? '!' : ' '}${r.rank}`,
    escapeControls(requestName(r)),
    formatRequestScore(r, report),
    `${Math.round(r.topShare * 100)}%`,
    r.change
      ? `${r.isTop ? 'out' : 'in'} if ${describeChange(r.change, kind)}`
      : r.isTop
        ? `stays in under any single ${what} change`
        : `no single ${what} change brings it in`,
  ]);
  const headers = [' #', 'Request', kind === 'weighted' ? 'Score' : kind.toUpperCase(), `In top ${top}`, `Smallest single-${what} change`];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return (
    [
      kind === 'weighted'
        ? `Weight sensitivity of the top ${top}: each weight varied by ±${Math.round(spread * 100)}%, ${samples} samples, seed ${seed}`
        : `Input sensitivity of the top ${top} by ${kind.toUpperCase()}: each input of each request varied by ±${Math.round(spread * 100)}%, ${samples} samples, seed ${seed}`,
      '',
      line(headers),
      ...rows.map((r, i) => (i === top ? `${'-'.repeat(widths.reduce((s, w) => s + w + 2, -2))}\n${line(r)}` : line(r))),
      '',
      `! fragile: in the top ${top} in under ${FRAGILE_SHARE * 100}% of samples (below the line: in over ${Math.round((1 - FRAGILE_SHARE) * 100)}%)`,
    ].join('\n') + '\n'
  );
}

function describeChange(change: WeightChange | InputChange, kind: ModelKind): string {
  if (change.kind === 'input') return describeInputChange(change.change, kind);
  return `${change.criterion} ${change.from} -> ${change.to} (${describePercent(change.from, change.to)})`;
}

/** "effort 2 -> 4.2 (+110%)", "impact high -> massive", RICE's "confidence 50% -> 63% (+26%)". */
function describeInputChange(change: Change, kind: ModelKind): string {
  if (change.kind === 'text') return `${change.field} ${change.from ?? 'not set'} -> ${change.to}`;
  const show = (x: number) => (kind === 'rice' && change.field === 'confidence' ? `${formatNumber(x * 100)}%` : formatNumber(x));
  if (change.from === undefined || change.from === 0)
    return `${change.field} ${change.from === undefined ? 'not set' : '0'} -> ${show(change.to)}`;
  return `${change.field} ${show(change.from)} -> ${show(change.to)} (${describePercent(change.from, change.to)})`;
}

function describePercent(from: number, to: number): string {
  const percent = ((to - from) / from) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(0)}%`;
}
