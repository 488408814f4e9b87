import { rankMove, type RankChange, type RankingDiff, type Standing } from '../core/analysis/diff.js';
import type { ModelKind } from '../core/types.js';
import { escapeControls, formatRequestScore, toSafeJson, requestName } from './words/format.js';
import { escapeMarkdown } from './markdown/text.js';

/** A ranking diff with where its sides came from. */
export interface DiffReport {
  diff: RankingDiff;
  base: string;
  head: string;
  data: string;
  requests: number;
  /** The kind of each side's model: scores compare only within one kind. */
  kinds: { base: ModelKind; head: ModelKind };
}

export type DiffFormat = 'markdown' | 'table' | 'json';

export const DIFF_REPORTERS: Record<DiffFormat, (report: DiffReport) => string> = {
  markdown: renderDiffMarkdown,
  table: renderDiffTable,
  json: toSafeJson,
};

const NO_CHANGE = 'No request changed rank, horizon or escalation.';

interface Section {
  title: string;
  headers: string[];
  rows: string[][];
}

/** For a pull-request comment or a job summary. */
export function renderDiffMarkdown(report: DiffReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const tables = toSections(report).map(({ title, headers, rows }) =>
    [
      `### ${title}`,
      '',
      `| ${headers.join(' | ')} |`,
      `|${headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      // The request column comes from the export: escaped, so a title cannot break the table or inject markup.
      ...rows.map((r) => `| ${r.map((text, i) => (i === 0 ? escapeMarkdown(text) : cell(text))).join(' | ')} |`),
    ].join('\n'),
  );
  return (
    [
      '## pm-rank: what this config change does to the ranking',
      '',
      `\`${report.base}\` → \`${report.head}\`, scored on \`${report.data}\` (${report.requests} requests).`,
      '',
      `**${headline(report)}**`,
      ...(tables.length === 0 ? ['', NO_CHANGE] : tables.flatMap((t) => ['', t])),
    ].join('\n') + '\n'
  );
}

/** For a terminal: the same sections as aligned text. */
export function renderDiffTable(report: DiffReport): string {
  const blocks = toSections(report).map(({ title, headers, rows: cells }) => {
    const rows = cells.map((row) => row.map(escapeControls));
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
    return [`${title}:`, line(headers), ...rows.map(line)].join('\n');
  });
  return (
    [
      `${report.base} -> ${report.head} on ${report.data} (${report.requests} requests)`,
      headline(report),
      ...(blocks.length === 0 ? [NO_CHANGE] : blocks),
    ].join('\n\n') + '\n'
  );
}

function headline(report: DiffReport): string {
  const { diff, kinds } = report;
  const parts = [
    `top ${diff.top}: ${diff.entered.length} entered, ${diff.left.length} left`,
    `${diff.horizonMoves.length} moved horizon`,
    `${diff.escalationChanges.length} escalation ${diff.escalationChanges.length === 1 ? 'change' : 'changes'}`,
  ];
  const text = parts.join(' · ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${describeUnits(kinds)}`;
}

/** Scores of two kinds of model are in different units: say so, and show each side in its own. */
function describeUnits(kinds: DiffReport['kinds']): string {
  if (kinds.base === kinds.head) return kinds.base === 'weighted' ? '' : ` (scores in ${unitOf(kinds.base)})`;
  return ` (scores in ${unitOf(kinds.base)} before, ${unitOf(kinds.head)} after: compare ranks, not scores)`;
}

function unitOf(kind: ModelKind): string {
  return kind === 'weighted' ? 'points of 100' : `${kind.toUpperCase()}'s own unit`;
}

function toSections(report: DiffReport): Section[] {
  const { diff } = report;
  const scores = (change: RankChange) => describeScores(change, report.kinds);
  const sections: Section[] = [
    {
      title: `Entered the top ${diff.top}`,
      headers: ['Request', 'Rank', 'Score'],
      rows: diff.entered.map((c) => [requestName(c), ranks(c), scores(c)]),
    },
    {
      title: `Left the top ${diff.top}`,
      headers: ['Request', 'Rank', 'Score'],
      rows: diff.left.map((c) => [requestName(c), ranks(c), scores(c)]),
    },
    {
      title: 'Moved horizon',
      headers: ['Request', 'Horizon', 'Rank', 'Score'],
      rows: diff.horizonMoves.map((c) => [requestName(c), `${c.before?.horizon ?? '—'} → ${c.after?.horizon ?? '—'}`, ranks(c), scores(c)]),
    },
    {
      title: 'Escalation flags',
      headers: ['Request', 'Gained', 'Lost', 'Rank'],
      rows: diff.escalationChanges.map((c) => [requestName(c), c.gained.join(', ') || '—', c.lost.join(', ') || '—', ranks(c)]),
    },
    {
      title: 'Largest rank moves',
      headers: ['Request', 'Move', 'Rank', 'Score'],
      rows: diff.moves.map((c) => [requestName(c), `${rankMove(c) > 0 ? '▲' : '▼'}${Math.abs(rankMove(c))}`, ranks(c), scores(c)]),
    },
  ];
  return sections.filter((s) => s.rows.length > 0);
}

function ranks(change: RankChange): string {
  return `${side(change.before, (s) => String(s.rank))} → ${side(change.after, (s) => String(s.rank))}`;
}

function describeScores(change: RankChange, kinds: DiffReport['kinds']): string {
  const show = (kind: ModelKind) => (s: Standing) => formatRequestScore(s, { kind });
  return `${side(change.before, show(kinds.base))} → ${side(change.after, show(kinds.head))}`;
}

function side(standing: Standing | undefined, show: (s: Standing) => string): string {
  return standing ? show(standing) : '—';
}
