import { Chalk } from 'chalk';
import type { Issue } from '../core/issues.js';
import { escapeLine } from './words/format.js';
import { formatIssue } from './words/issues.js';

/** Warnings and notices for stderr, one line each: "warning: requests.csv:14 column ...". */
export function renderDiagnostics(issues: readonly Issue[], options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const label = { error: chalk.red.bold('error'), warning: chalk.yellow('warning'), notice: chalk.dim('note') };
  return issues.map((issue) => `${label[issue.severity]}: ${escapeLine(formatIssue(issue))}\n`).join('');
}
