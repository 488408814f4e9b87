import { findCounterfactualsByRequest } from '../core/analysis/counterfactual.js';
import { findShipped } from '../core/analysis/digest.js';
import { foldText } from '../core/text/folding.js';
import { ExitCode, UsageError } from '../errors.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { renderPmReport } from '../reporters/markdown/pm.js';
import { renderSalesReport } from '../reporters/markdown/sales.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { buildRankingReport, type PipelineOptions } from '../pipeline/read-inputs.js';
import { checkUncertaintyFlags, withUncertainty, type UncertaintyFlags } from './uncertainty-options.js';

export type Audience = 'pm' | 'sales';

export interface ReportOptions extends PipelineOptions {
  audience: Audience;
  account?: string;
  /** sales: the previous export, to list what shipped since. */
  since?: string;
  top: number;
  /** YYYY-MM-DD shown in the report. */
  date: string;
  output?: string;
  /** --uncertainty: the PM report explains which uncertain inputs matter for the requests near the line. */
  isUncertain?: boolean;
  uncertainty?: UncertaintyFlags;
}

/** pm-rank report: a markdown justification report for PMs, or the same decisions phrased for sales. */
export async function runReport(file: string, options: ReportOptions, context: CommandContext): Promise<ExitCode> {
  if (options.account !== undefined && options.audience !== 'sales') {
    throw new UsageError('--account applies to --audience sales; add --audience sales');
  }
  if (options.since !== undefined && options.audience !== 'sales') {
    throw new UsageError('--since applies to --audience sales; add --audience sales');
  }
  checkUncertaintyFlags({ ...options.uncertainty, isUncertain: options.isUncertain === true });
  if (options.output) {
    assertNotAnInput(
      options.output,
      [file, options.since, options.config, options.decisions, options.winLoss, options.accounts],
      context.cwd,
    );
  }
  const previous = options.since === undefined ? undefined : await buildRankingReport(options.since, options, context);
  const ranking = await buildRankingReport(file, options, context);
  const report = options.isUncertain ? await withUncertainty(ranking, options.uncertainty ?? {}, options.top) : ranking;
  context.stderr.write(renderDiagnostics([...(previous?.issues ?? []), ...report.issues], { color: context.isColor }));
  const account = options.account;
  if (account !== undefined && !report.ranked.some((r) => r.accounts.some((a) => foldText(a.name) === foldText(account)))) {
    throw new UsageError(`--account "${account}": no request in ${report.summary.source} names this account (names match ignoring case)`);
  }
  const shipped = previous ? { shipped: findShipped(previous.ranked, report.ranked).map((s) => s.request) } : {};
  const text =
    options.audience === 'sales'
      ? renderSalesReport(report, { ...options, ...shipped })
      : renderPmReport({ ...report, counterfactuals: findCounterfactualsByRequest(report.ranked, report.model, options.top) }, options);
  await emitResult(text, options.output, context);
  return ExitCode.ok;
}
