import { rankRequests } from '../core/rank.js';
import { scoreRequests } from '../core/score.js';
import { ExitCode } from '../errors.js';
import { loadConfig } from '../input/load-config.js';
import { openSource } from '../input/open-source.js';
import { readRequests, type ReadOptions } from '../input/read-requests.js';
import { assertNotAnInput, writeAtomic } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { REPORTERS, type ReporterName } from '../reporters/index.js';
import type { RankingReport } from '../reporters/types.js';
import type { CommandContext } from './context.js';
import { createProgressLine } from './progress-line.js';

export interface ScoreOptions extends ReadOptions {
  config?: string;
  format: ReporterName;
  top?: number;
  output?: string;
  isStrict: boolean;
  /** No progress line, even on a terminal. */
  isQuiet?: boolean;
}

/** pm-rank score: export -> ranked table (or json/csv) on stdout, warnings on stderr. */
export async function runScore(file: string, options: ScoreOptions, context: CommandContext): Promise<ExitCode> {
  if (options.output) assertNotAnInput(options.output, [file, options.config], context.cwd);
  const progress = context.isProgress && !options.isQuiet ? createProgressLine(context.stderr) : undefined;
  const report = await buildRankingReport(file, { ...options, ...(progress ? { onProgress: progress.update } : {}) }, context).finally(() =>
    progress?.clear(),
  );
  context.stderr.write(renderDiagnostics(report.issues, { color: context.isColor }));
  const render = await REPORTERS[options.format]();
  const isFile = options.output !== undefined;
  const text = render(report, {
    color: context.isColor && !isFile,
    ...(context.columns === undefined ? {} : { columns: context.columns }),
    ...(options.top === undefined ? {} : { top: options.top }),
  });
  if (options.output) await writeAtomic(options.output, text);
  else context.stdout.write(text);
  const hasWarnings = report.issues.some((i) => i.severity === 'warning');
  return options.isStrict && hasWarnings ? ExitCode.findings : ExitCode.ok;
}

/** Reads the config and the export, then scores and ranks: the pipeline every ranking command shares. */
export async function buildRankingReport(
  file: string,
  options: ReadOptions & { config?: string },
  context: CommandContext,
): Promise<RankingReport> {
  const loaded = await loadConfig(options.config, context.cwd);
  const source = await openSource(file, context.cwd, context.stdin);
  const read = await readRequests(source, loaded.model, options);
  return {
    ranked: rankRequests(scoreRequests(read.requests, loaded.model)),
    issues: read.issues,
    summary: read.summary,
    model: loaded.model,
    modelSource: loaded.source,
  };
}
