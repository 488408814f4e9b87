import { explainContributions } from '../../core/analysis/explain.js';
import type { RankedRequest, WeightedModel } from '../../core/types.js';
import { escapeMarkdown as md, renderMarkdownTable, requestLabel } from './text.js';
import { plural } from '../words/format.js';
import { isHigh, layoutQuadrant, splitAtMedian, type AxisSplit } from './quadrant-layout.js';
import type { RankingReport } from '../../core/ranking.js';

/** More points than this would crowd a 500 px chart; the rest stay in the report's sections. */
const MAX_POINTS = 20;

const QUADRANTS = [
  { name: 'Quick wins', isHighValue: true, isHighEffort: false },
  { name: 'Big bets', isHighValue: true, isHighEffort: true },
  { name: 'Fill-ins', isHighValue: false, isHighEffort: false },
  { name: 'Reconsider', isHighValue: false, isHighEffort: true },
] as const;

interface Plotted {
  request: RankedRequest;
  value: number;
  effort: number;
  /** The effort as the export gives it ("M"), when it has one. */
  effortText?: string;
}

/** Value = the points of every criterion but effort, as a share of their maximum; effort = 1 - effort's score. */
export function plotValueEffort(request: RankedRequest, model: WeightedModel): Omit<Plotted, 'request'> | undefined {
  const contributions = explainContributions(request, model);
  const effort = contributions.find((c) => c.field === 'effort');
  if (!effort) return undefined;
  const rest = contributions.filter((c) => c !== effort);
  const max = rest.reduce((sum, c) => sum + c.maxPoints, 0);
  const value = max > 0 ? rest.reduce((sum, c) => sum + c.score.points, 0) / max : 0;
  const raw = effort.score.isMissing ? undefined : effort.score.raw;
  return {
    value: clampUnit(value),
    effort: clampUnit(1 - effort.score.normalized),
    ...(raw === undefined ? {} : { effortText: String(raw) }),
  };
}

function clampUnit(x: number): number {
  return Math.round(Math.min(Math.max(x, 0), 1) * 100) / 100;
}

/**
 * The value-vs-effort section: a Mermaid quadrantChart whose points are the ranks, split at the
 * medians of the requests shown, a legend that names each point, and the quadrants as plain text.
 */
export function renderQuadrant(report: RankingReport, top: number): string {
  const heading = '## Value vs effort';
  const { model } = report;
  if (model.kind !== 'weighted') {
    const name = model.kind.toUpperCase();
    return `${heading}\n\nNo value-vs-effort chart: ${name}'s score already weighs what a request is worth against what it costs, so each request's ${name} formula below shows both.`;
  }
  if (!model.criteria.some((c) => c.field === 'effort')) {
    return `${heading}\n\nThe model has no criterion reading the effort field, so there is no value-vs-effort chart.`;
  }
  const points = report.ranked.slice(0, Math.min(top, MAX_POINTS)).flatMap((request) => {
    const plotted = plotValueEffort(request, model);
    return plotted ? [{ request, ...plotted }] : [];
  });
  if (points.length === 0) return `${heading}\n\nNo requests to plot.`;
  const splits = { x: splitAtMedian(points.map((p) => p.effort)), y: splitAtMedian(points.map((p) => p.value)) };
  return [
    heading,
    describeChart(points.length, splits, Math.min(top, report.ranked.length) > MAX_POINTS),
    renderChart(points, splits),
    renderLegend(points),
    'By quadrant:',
    renderQuadrantList(points, splits),
  ].join('\n\n');
}

function describeChart(count: number, splits: { x: AxisSplit; y: AxisSplit }, isCapped: boolean): string {
  const line = (axis: string, split: AxisSplit) =>
    `${axis} above ${formatThreshold(split.threshold)} counts as high${split.isMedian ? '' : ` (every request shown has the same ${axis}, so the line is at the middle)`}`;
  return [
    `Each point is a request, numbered by rank${isCapped ? ` (the top ${count})` : ''}.`,
    'Value is the share of the non-effort points a request earns; effort is 1 minus its effort score.',
    `The lines split the ${plural(count, 'request')} shown at their medians: ${line('value', splits.y)}; ${line('effort', splits.x)}.`,
    'Within a quadrant, points keep their order but are spread out and nudged apart so none overlap; the table gives the exact figures.',
  ].join(' ');
}

function renderChart(points: readonly Plotted[], splits: { x: AxisSplit; y: AxisSplit }): string {
  const placed = layoutQuadrant(
    points.map((p) => ({ x: p.effort, y: p.value, label: String(p.request.rank) })),
    splits,
  );
  return [
    '```mermaid',
    'quadrantChart',
    `  title Value vs effort, top ${points.length}`,
    '  x-axis Low effort --> High effort',
    '  y-axis Low value --> High value',
    '  quadrant-1 Big bets',
    '  quadrant-2 Quick wins',
    '  quadrant-3 Fill-ins',
    '  quadrant-4 Reconsider',
    ...points.map((p, i) => `  "${p.request.rank}": [${formatCoordinate(placed[i]!.x)}, ${formatCoordinate(placed[i]!.y)}]`),
    '```',
  ].join('\n');
}

/** Mermaid's lexer reads a coordinate as 1 or 0(.digits): "1.000" is a syntax error. */
function formatCoordinate(x: number): string {
  return x >= 1 ? '1' : x <= 0 ? '0' : x.toFixed(3);
}

function renderLegend(points: readonly Plotted[]): string {
  return renderMarkdownTable(
    ['#', 'Request', 'Value', 'Effort'],
    points.map((p) => [
      String(p.request.rank),
      requestLabel(p.request),
      p.value.toFixed(2),
      `${p.effort.toFixed(2)}${p.effortText === undefined ? '' : ` (${md(p.effortText)})`}`,
    ]),
    ['r', 'l', 'r', 'l'],
  );
}

function renderQuadrantList(points: readonly Plotted[], splits: { x: AxisSplit; y: AxisSplit }): string {
  return QUADRANTS.map((q) => {
    const members = points.filter((p) => isHigh(p.value, splits.y) === q.isHighValue && isHigh(p.effort, splits.x) === q.isHighEffort);
    const list = members.map((p) => `${p.request.rank}. ${requestLabel(p.request)}`);
    return `- **${q.name}:** ${list.length > 0 ? list.join('; ') : 'none'}`;
  }).join('\n');
}

/** Up to three decimals, without trailing zeros: 0.805, 0.35. */
function formatThreshold(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
