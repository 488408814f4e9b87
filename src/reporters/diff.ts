import { rankMove, type RankChange, type RankingDiff, type Standing } from '../core/analysis/diff.js';
import { escapeControls, formatScore, toSafeJson, requestName } from './words/format.js';
import { escapeMarkdown } from './markdown/text.js';

/** A ranking diff with where its sides came from. */
export interface DiffReport {
  diff: RankingDiff;
  base: string;
  head: string;
  data: string;
  requests: number;
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
  const tables = toSections(report.diff).map(({ title, headers, rows }) =>
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
      `**${headline(report.diff)}**`,
      ...(tables.length === 0 ? ['', NO_CHANGE] : tables.flatMap((t) => ['', t])),
    ].join('\n') + '\n'
  );
}

/** For a terminal: the same sections as aligned text. */
export function renderDiffTable(report: DiffReport): string {
  const blocks = toSections(report.diff).map(({ title, headers, rows: cells }) => {
    const rows = cells.map((row) => row.map(escapeControls));
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
    return [`${title}:`, line(headers), ...rows.map(line)].join('\n');
  });
  return (
    [
      `${report.base} -> ${report.head} on ${report.data} (${report.requests} requests)`,
      headline(report.diff),
      ...(blocks.length === 0 ? [NO_CHANGE] : blocks),
    ].join('\n\n') + '\n'
  );
}

function headline(diff: RankingDiff): string {
  const parts = [
    `top ${diff.top}: ${diff.entered.length} entered, ${diff.left.length} left`,
    `${diff.horizonMoves.length} moved horizon`,
    `${diff.escalationChanges.length} escalation ${diff.escalationChanges.length === 1 ? 'change' : 'changes'}`,
  ];
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toSections(diff: RankingDiff): Section[] {
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

function scores(change: RankChange): string {
  return `${side(change.before, (s) => formatScore(s.score))} → ${side(change.after, (s) => formatScore(s.score))}`;
}

function side(standing: Standing | undefined, show: (s: Standing) => string): string {
  return standing ? show(standing) : '—';
}
