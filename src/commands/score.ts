import { rankRequests } from '../core/rank.js';
import { applyDecisions, checkDecisionValues, scoreDecidedRequest, type Decisions } from '../core/decisions.js';
import { ExitCode } from '../errors.js';
import { loadConfig, type LoadedConfig } from '../input/load-config.js';
import { loadDecisions } from '../input/load-decisions.js';
import { openSource } from '../input/open-source.js';
import { readRequests, type ReadOptions } from '../input/read-requests.js';
import { assertNotAnInput, writeAtomic } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { REPORTERS, type ReporterName } from '../reporters/index.js';
import type { RankingReport } from '../reporters/types.js';
import type { CommandContext } from './context.js';

export interface ScoreOptions extends ReadOptions {
  config?: string;
  decisions?: string;
  format: ReporterName;
  top?: number;
  output?: string;
  isStrict: boolean;
}

/** pm-rank score: export -> ranked table (or json/csv) on stdout, warnings on stderr. */
export async function runScore(file: string, options: ScoreOptions, context: CommandContext): Promise<ExitCode> {
  if (options.output) assertNotAnInput(options.output, [file, options.config, options.decisions], context.cwd);
  const report = await buildRankingReport(file, options, context);
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

/** Reads the config, the export and any decisions, then scores and ranks: the pipeline every ranking command shares. */
export async function buildRankingReport(
  file: string,
  options: ReadOptions & { config?: string; decisions?: string },
  context: CommandContext,
): Promise<RankingReport> {
  const loaded = await loadConfig(options.config, context.cwd);
  const decisions = options.decisions && { path: options.decisions, ...(await loadDecisions(options.decisions, context.cwd)) };
  return rankExport(loaded, file, options, context, decisions || undefined);
}

/** The pipeline after loading (diff loads two configs, triage its decisions): read the export, apply decisions, score, rank. */
export async function rankExport(
  loaded: LoadedConfig,
  file: string,
  options: ReadOptions,
  context: CommandContext,
  decisions?: { path: string; decisions: Decisions },
): Promise<RankingReport> {
  const source = await openSource(file, context.cwd, context.stdin);
  const read = await readRequests(source, loaded.model, options);
  const decided = applyDecisions(read.requests, decisions?.decisions ?? {}, loaded.model.aggregate);
  const path = decisions?.path ?? '';
  const decisionIssues = [...decided.issues, ...checkDecisionValues(decisions?.decisions ?? {}, loaded.model)].map((i) => ({
    ...i,
    file: path,
    message: `${path}: ${i.message}`,
  }));
  return {
    ranked: rankRequests(decided.requests.map((r) => scoreDecidedRequest(r, loaded.model))),
    issues: [...read.issues, ...decisionIssues],
    summary: read.summary,
    model: loaded.model,
    modelSource: loaded.source,
  };
}
