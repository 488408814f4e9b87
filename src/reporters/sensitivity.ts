import { FRAGILE_SHARE, type RequestSensitivity, type SensitivityOptions, type WeightChange } from '../core/analysis/sensitivity.js';
import { escapeControls, formatScore, toSafeJson, requestName } from './words/format.js';

export interface SensitivityReport {
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
  const rows = report.results.map((r) => [
    `${r.isFragile ? '!' : ' '}${r.rank}`,
    escapeControls(requestName(r)),
    formatScore(r.score),
    `${Math.round(r.topShare * 100)}%`,
    r.change
      ? `${r.isTop ? 'out' : 'in'} if ${describeChange(r.change)}`
      : r.isTop
        ? 'stays in under any single weight'
        : 'no single weight brings it in',
  ]);
  const headers = [' #', 'Request', 'Score', `In top ${top}`, 'Smallest single-weight change'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return (
    [
      `Weight sensitivity of the top ${top}: each weight varied by ±${Math.round(spread * 100)}%, ${samples} samples, seed ${seed}`,
      '',
      line(headers),
      ...rows.map((r, i) => (i === top ? `${'-'.repeat(widths.reduce((s, w) => s + w + 2, -2))}\n${line(r)}` : line(r))),
      '',
      `! fragile: in the top ${top} in under ${FRAGILE_SHARE * 100}% of samples (below the line: in over ${Math.round((1 - FRAGILE_SHARE) * 100)}%)`,
    ].join('\n') + '\n'
  );
}

function describeChange(change: WeightChange): string {
  const percent = ((change.to - change.from) / change.from) * 100;
  return `${change.criterion} ${change.from} -> ${change.to} (${percent > 0 ? '+' : ''}${percent.toFixed(0)}%)`;
}
