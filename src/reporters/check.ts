import { Chalk } from 'chalk';
import { hasFailures as hasFailingIssues, isFailure, type Issue } from '../core/issues.js';
import { plural, toSafeJson } from './words/format.js';
import { describeIssue, formatCodedIssue, formatIssueAtPath } from './words/issues.js';

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
  const lines = report.issues.map((issue) => formatCodedIssue(issue, { code: chalk.dim, severity: (severity) => label[severity] }));
  return [...lines, summarize(report)].join('\n') + '\n';
}

function summarize(report: CheckReport): string {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.filter((i) => i.severity === 'warning').length;
  if (errors + warnings === 0) return `${report.file}: valid, no problems`;
  return `${report.file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${report.isStrict && warnings > 0 ? ' (--strict: warnings fail)' : ''}`;
}

export function renderCheckJson(report: CheckReport): string {
  const issues = report.issues.map((issue) => ({ ...issue, message: describeIssue(issue) }));
  return toSafeJson({ file: report.file, isValid: !hasFailures(report), issues });
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff. */
export function renderCheckGithub(report: CheckReport): string {
  const lines = report.issues.map((issue) => {
    const kind = isFailure(issue, report.isStrict) ? 'error' : issue.severity;
    const properties = [
      `file=${escapeProperty(issue.file ?? report.file)}`,
      ...(issue.line === undefined ? [] : [`line=${issue.line}`]),
      ...(issue.col === undefined ? [] : [`col=${issue.col}`]),
      `title=${escapeProperty(`pm-rank ${issue.code}`)}`,
    ];
    return `::${kind} ${properties.join(',')}::${escapeData(formatIssueAtPath(issue))}`;
  });
  return [...lines, summarize(report)].join('\n') + '\n';
}

/** Errors fail a check; warnings only when strict. */
export function hasFailures(report: CheckReport): boolean {
  return hasFailingIssues(report.issues, report.isStrict);
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
