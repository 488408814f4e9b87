import { Chalk } from 'chalk';
import type { ReadSummary } from '../core/read-summary.js';
import type { ColumnChoice } from '../core/read-summary.js';
import { escapeControls } from './words/format.js';

/** How `pm-rank columns` shows a mapping. */
export type ColumnsFormat = 'text' | 'json';

/** Field by field: the header chosen, why, two sample values and the runner-up; then the headers nothing reads, and how to change a choice. */
export function renderColumns(summary: ReadSummary, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(...summary.choices.map((c) => c.field.length), 5);
  const lines = [
    `${summary.source}: ${summary.rows} rows, ${summary.header.length} columns (${summary.encoding}, ${describeDelimiter(summary.delimiter)})`,
    '',
  ];
  for (const choice of summary.choices) {
    const mark = choice.isClose ? chalk.yellow(' (close call)') : '';
    lines.push(`${chalk.bold(choice.field.padEnd(width))}  ${quote(choice.header)}${describeColumns(choice)}${mark}`);
    const indent = ' '.repeat(width + 2);
    lines.push(`${indent}${chalk.dim('why:')} ${escapeControls(choice.reasons.join('; '))}`);
    if (choice.samples.length > 0) lines.push(`${indent}${chalk.dim('e.g.')} ${choice.samples.map(quote).join(', ')}`);
    if (choice.runnerUp) lines.push(`${indent}${chalk.dim('runner-up:')} ${quote(choice.runnerUp.header)} (${describeScores(choice)})`);
  }
  const unread = unreadHeaders(summary);
  if (unread.length > 0) lines.push('', `${chalk.dim('not read:')} ${unread.map(quote).join(', ')}`);
  lines.push(
    '',
    'To change a choice, name the header in scoring.yaml, e.g.',
    `  columns:`,
    `    ${summary.choices[0]?.field ?? 'title'}: "${escapeControls(summary.choices[0]?.header ?? 'Feature Request')}"`,
  );
  return `${lines.join('\n')}\n`;
}

/** The mapping as data: per field, the header, its column numbers (1-based, as a spreadsheet counts), the evidence and the runner-up. */
export function columnsAsJson(choices: readonly ColumnChoice[]) {
  return Object.fromEntries(
    choices.map((c) => [
      c.field,
      {
        header: c.header,
        columns: c.indices.map((i) => i + 1),
        configured: c.isConfigured,
        score: round(c.score),
        reasons: c.reasons,
        samples: c.samples,
        close_call: c.isClose,
        ...(c.split ? { split: c.split } : {}),
        runner_up: c.runnerUp ? { header: c.runnerUp.header, column: c.runnerUp.index + 1, score: round(c.runnerUp.score) } : null,
      },
    ]),
  );
}

function unreadHeaders(summary: ReadSummary): string[] {
  const read = new Set(summary.choices.flatMap((c) => c.indices));
  return summary.header.flatMap((h, i) => (read.has(i) || h.trim() === '' ? [] : [h]));
}

function describeColumns(choice: ColumnChoice): string {
  const numbers = choice.indices.map((i) => i + 1);
  return numbers.length === 1 ? ` (column ${numbers[0]})` : ` (columns ${numbers.join(', ')})`;
}

function describeScores(choice: ColumnChoice): string {
  return `scored ${round(choice.runnerUp!.score)} against ${round(choice.score)}`;
}

function describeDelimiter(delimiter: string): string {
  return { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[delimiter] ?? `"${delimiter}"`;
}

/** A header or value as the user wrote it, escaped and cut to a readable length. */
function quote(text: string): string {
  const trimmed = escapeControls(text.trim());
  return `"${trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed}"`;
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
