import { reviewEscalations } from '../core/scoring/escalate.js';
import { ExitCode } from '../errors.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { renderEscalations } from '../reporters/escalations.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { buildRankingReport, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface EscalationsOptions extends PipelineOptions {
  output?: string;
}

/** pm-rank escalations: each rule in words, the requests that meet it, and those one condition short. */
export async function runEscalations(file: string, options: EscalationsOptions, context: CommandContext): Promise<ExitCode> {
  if (options.output) assertNotAnInput(options.output, [file, options.config, options.winLoss, options.accounts], context.cwd);
  const report = await buildRankingReport(file, options, context);
  context.stderr.write(renderDiagnostics(report.issues, { color: context.isColor }));
  const reviews = reviewEscalations(report.ranked, report.model.escalation, report.asOf);
  const words = {
    ...(report.summary.currency ? { currency: report.summary.currency } : {}),
    ...(report.asOf === undefined ? {} : { asOf: report.asOf }),
  };
  await emitResult(renderEscalations(reviews, words), options.output, context);
  return ExitCode.ok;
}
