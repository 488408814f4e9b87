import { rankInputs, type DealsInput, type DecisionsInput, type RankingInputs, type RankingReport } from '../core/ranking.js';
import type { AccountHierarchy } from '../core/requests/hierarchy.js';
import type { ScoringModel } from '../core/types.js';
import type { CommandContext } from '../context.js';
import { loadConfig, type LoadedConfig } from '../input/load-config.js';
import { openSource } from '../input/source.js';
import { readAccountHierarchy } from '../input/read-accounts.js';
import { readDeals } from '../input/read-deals.js';
import { readRequests, type ReadOptions } from '../input/requests/read-requests.js';

/** What the shared pipeline reads besides the export. */
export interface PipelineOptions extends ReadOptions {
  config?: string;
  /** A triage decisions file whose assessments and decisions apply to the requests. */
  decisions?: string;
  /** A win/loss export whose closed deals add lost_value, won_value, ... to each request. */
  winLoss?: string;
  /** Day number (see parseDate) that within_days conditions count from; today when absent. */
  asOf?: number;
  /** An accounts file (account, parent, segment): subsidiaries count once, under their top parent. */
  accounts?: string;
}

/** What the pipeline reads from besides paths: the working folder, and stdin for "-". */
export type PipelineContext = Pick<CommandContext, 'cwd' | 'stdin'>;

/** Reads the config, the export, decisions, accounts and deals, then ranks them: the pipeline every ranking command shares. */
export async function buildRankingReport(file: string, options: PipelineOptions, context: PipelineContext): Promise<RankingReport> {
  const loaded = await loadConfig(options.config, context.cwd);
  return rankExport(loaded, file, options, context, await loadDecisionsOption(options.decisions, context.cwd));
}

/** The pipeline after loading (diff loads two configs, triage its decisions): read everything, then rank. */
export async function rankExport(
  loaded: LoadedConfig,
  file: string,
  options: PipelineOptions,
  context: PipelineContext,
  decisions?: DecisionsInput,
): Promise<RankingReport> {
  return rankInputs(await readInputs(loaded, file, options, context, decisions));
}

/** The I/O step: the export, then the accounts file and the win/loss export (read in the export's currency). */
async function readInputs(
  loaded: LoadedConfig,
  file: string,
  options: PipelineOptions,
  context: PipelineContext,
  decisions?: DecisionsInput,
): Promise<RankingInputs> {
  const { model } = loaded;
  const asOf = options.asOf ?? todayDay();
  const read = await readRequests(await openSource(file, context.cwd, context.stdin), model, { ...options, asOf });
  const hierarchy = await readAccountsOption(options.accounts, model, context);
  const deals = options.winLoss ? await readDealsFile(options.winLoss, read.summary.currency, model, options, context) : undefined;
  return {
    model,
    configSource: loaded.source,
    read,
    asOf,
    ...(hierarchy ? { hierarchy } : {}),
    ...(deals ? { deals } : {}),
    ...(decisions ? { decisions } : {}),
  };
}

/** The --decisions file, if given; its YAML parser and schema load only then. */
export async function loadDecisionsOption(path: string | undefined, cwd: string): Promise<DecisionsInput | undefined> {
  if (path === undefined) return undefined;
  const { loadDecisions } = await import('../input/load-decisions.js');
  return { path, ...(await loadDecisions(path, cwd)) };
}

/** The --accounts file's hierarchy, if given. It is a CSV of its own: delimiter and encoding are detected, not the export's flags. */
export async function readAccountsOption(
  path: string | undefined,
  model: ScoringModel,
  context: PipelineContext,
): Promise<AccountHierarchy | undefined> {
  return path === undefined ? undefined : readAccountHierarchy(await openSource(path, context.cwd, context.stdin), model);
}

/** A win/loss export's closed-deal rows, amounts in `currency` so they add up with the requests'. */
export async function readDealsFile(
  path: string,
  currency: string | undefined,
  model: ScoringModel,
  options: ReadOptions,
  context: PipelineContext,
): Promise<DealsInput> {
  const source = await openSource(path, context.cwd, context.stdin);
  // --sheet names a sheet of the request export, not of this one.
  const deals = await readDeals(source, model, { ...options, sheet: undefined }, currency);
  return { source: source.name, rows: deals.rows, issues: deals.issues };
}

/** Today (UTC) as a day number, for commands run without --as-of. */
export function todayDay(): number {
  return Math.floor(Date.now() / 86_400_000);
}
