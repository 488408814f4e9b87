import { Chalk } from 'chalk';
import type { Issue } from '../core/types.js';
import { formatConfigIssue } from '../input/parse-config.js';
import { escapeControls, toSafeJson } from './words/format.js';

/** What `pm-rank check` found in one config (and, with --data, one export). */
export interface CheckReport {
  file: string;
  issues: Issue[];
  /** Warnings count as failures (--strict). */
  isStrict: boolean;
}

export type CheckFormat = 'text' | 'json' | 'github';

export const CHECK_REPORTERS: Record<CheckFormat, (report: CheckReport, options: { color: boolean }) => string> = {
  text: renderCheckText,
  json: renderCheckJson,
  github: renderCheckGithub,
};

/** One line per problem, `file:line:col path: message [CODE]`, then a one-line total. */
export function renderCheckText(report: CheckReport, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const label = { error: chalk.red('error'), warning: chalk.yellow('warning'), notice: chalk.dim('note') };
  const lines = report.issues.map(
    (issue) => `${escapeControls(formatConfigIssue(issue))} ${chalk.dim(`[${issue.code}]`)} ${label[issue.severity]}`,
  );
  return [...lines, summarize(report)].join('\n') + '\n';
}

function summarize(report: CheckReport): string {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.filter((i) => i.severity === 'warning').length;
  if (errors + warnings === 0) return `${report.file}: valid, no problems`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${report.file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${report.isStrict && warnings > 0 ? ' (--strict: warnings fail)' : ''}`;
}

export function renderCheckJson(report: CheckReport): string {
  return toSafeJson({ file: report.file, isValid: !hasFailures(report), issues: report.issues });
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff. */
export function renderCheckGithub(report: CheckReport): string {
  const lines = report.issues.map((issue) => {
    const kind = issue.severity === 'error' || (report.isStrict && issue.severity === 'warning') ? 'error' : issue.severity;
    const properties = [
      `file=${escapeProperty(issue.file ?? report.file)}`,
      ...(issue.line === undefined ? [] : [`line=${issue.line}`]),
      ...(issue.col === undefined ? [] : [`col=${issue.col}`]),
      `title=${escapeProperty(`pm-rank ${issue.code}`)}`,
    ];
    return `::${kind} ${properties.join(',')}::${escapeData(issue.path ? `${issue.path}: ${issue.message}` : issue.message)}`;
  });
  return [...lines, summarize(report)].join('\n') + '\n';
}

/** Errors fail a check; warnings only when strict. */
export function hasFailures(report: CheckReport): boolean {
  return report.issues.some((i) => i.severity === 'error' || (report.isStrict && i.severity === 'warning'));
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
