import { hasFailures } from '../core/issues.js';
import { ExitCode, UsageError } from '../errors.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { REPORTERS, type ReporterName } from '../reporters/index.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { createProgressLine } from './progress-line.js';
import { checkUncertaintyFlags, withUncertainty, type UncertaintyFlags } from './uncertainty-options.js';
import { buildRankingReport, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface ScoreOptions extends PipelineOptions {
  format: ReporterName;
  top?: number;
  output?: string;
  isStrict: boolean;
  /** No progress line, even on a terminal. */
  isQuiet?: boolean;
  /** csv: start with a byte order mark. */
  hasBom?: boolean;
  /** --uncertainty: a Monte Carlo over uncertain inputs; P(top N) counts with --top (10 when absent). */
  isUncertain?: boolean;
  uncertainty?: UncertaintyFlags;
}

/** pm-rank score: export -> ranked table (or json/csv) on stdout, warnings on stderr. */
export async function runScore(file: string, options: ScoreOptions, context: CommandContext): Promise<ExitCode> {
  if (options.hasBom && options.format !== 'csv') throw new UsageError('--bom applies to --format csv; add --format csv');
  checkUncertaintyFlags({ ...options.uncertainty, isUncertain: options.isUncertain === true });
  if (options.output)
    assertNotAnInput(options.output, [file, options.config, options.decisions, options.winLoss, options.accounts], context.cwd);
  const progress = context.isProgress && !options.isQuiet ? createProgressLine(context.stderr) : undefined;
  const ranking = await buildRankingReport(file, { ...options, ...(progress ? { onProgress: progress.update } : {}) }, context).finally(
    () => progress?.clear(),
  );
  const report = options.isUncertain ? await withUncertainty(ranking, options.uncertainty ?? {}, options.top) : ranking;
  context.stderr.write(renderDiagnostics(report.issues, { color: context.isColor }));
  const render = await REPORTERS[options.format]();
  const isFile = options.output !== undefined;
  const text = render(report, {
    color: context.isColor && !isFile,
    // A file has no terminal width: it gets every column, as with --wide.
    ...(context.columns === undefined || isFile ? {} : { columns: context.columns }),
    ...(options.top === undefined ? {} : { top: options.top }),
    ...(options.hasBom ? { hasBom: true } : {}),
  });
  await emitResult(text, options.output, context);
  return hasFailures(report.issues, options.isStrict) ? ExitCode.findings : ExitCode.ok;
}
