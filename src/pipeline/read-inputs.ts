import { applyDecisions, checkDecisionValues, scoreDecidedRequest, type Decisions } from '../core/decisions/apply.js';
import { isWinLossField } from '../core/text/fields.js';
import { findFrameworkIssues } from '../core/scoring/frameworks.js';
import { rollUpAccounts, rollUpDeals, type AccountHierarchy } from '../core/requests/hierarchy.js';
import { rankRequests } from '../core/scoring/rank.js';
import { isStale } from '../core/requests/aging.js';
import { resolveRanges } from '../core/requests/ranges.js';
import type { FeatureRequest, Issue, ScoringModel } from '../core/types.js';
import { describeUnmatched, joinWinLoss, type WinLossJoin } from '../core/analysis/winloss.js';
import { loadConfig, type LoadedConfig } from '../input/load-config.js';
import { openSource } from '../input/source.js';
import { readAccountHierarchy } from '../input/read-accounts.js';
import { readDeals } from '../input/read-deals.js';
import { readRequests, type ReadOptions } from '../input/requests/read-requests.js';
import type { RankingReport } from '../reporters/types.js';
import type { CommandContext } from '../commands/context.js';

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

/** Reads the config, the export and any decisions, then scores and ranks: the pipeline every ranking command shares. */
export async function buildRankingReport(file: string, options: PipelineOptions, context: CommandContext): Promise<RankingReport> {
  const loaded = await loadConfig(options.config, context.cwd);
  return rankExport(loaded, file, options, context, await loadDecisionsOption(options.decisions, context.cwd));
}

/** The --decisions file, if given; its YAML parser and schema load only then. */
export async function loadDecisionsOption(
  path: string | undefined,
  cwd: string,
): Promise<{ path: string; decisions: Decisions } | undefined> {
  if (path === undefined) return undefined;
  const { loadDecisions } = await import('../input/load-decisions.js');
  return { path, ...(await loadDecisions(path, cwd)) };
}

/** The pipeline after loading (diff loads two configs, triage its decisions): read, join win/loss, apply decisions, score, rank. */
export async function rankExport(
  loaded: LoadedConfig,
  file: string,
  options: PipelineOptions,
  context: CommandContext,
  decisions?: { path: string; decisions: Decisions },
): Promise<RankingReport> {
  const source = await openSource(file, context.cwd, context.stdin);
  const asOf = options.asOf ?? todayDay();
  const read = await readRequests(source, loaded.model, { ...options, asOf });
  const hierarchy = await readAccountsOption(options.accounts, loaded.model, context);
  const rolled = hierarchy ? rollUpAccounts(read.requests, hierarchy, loaded.model.aggregate.deal_value) : undefined;
  const requests = rolled?.requests ?? read.requests;
  const winLoss = options.winLoss
    ? await readWinLoss(options.winLoss, requests, read.summary.currency, loaded.model, options, context, hierarchy)
    : undefined;
  const decided = applyDecisions(winLoss?.requests ?? requests, decisions?.decisions ?? {}, loaded.model.aggregate);
  const scored = resolveRanges(decided.requests, loaded.model).map((r) => {
    const request = scoreDecidedRequest(r, loaded.model, asOf);
    return isStale(r, loaded.model.aging, asOf) ? { ...request, isStale: true } : request;
  });
  const { framework } = loaded.model;
  return {
    ranked: rankRequests(scored, loaded.model.tiebreak),
    issues: [
      ...read.issues,
      ...(hierarchy?.issues ?? []),
      ...(winLoss ? winLoss.issues : missingWinLoss(loaded.model)),
      ...(decisions ? describeDecisionIssues(decisions, decided.issues, loaded.model) : []),
      ...(framework ? findFrameworkIssues(scored, framework) : []),
    ],
    summary: read.summary,
    model: loaded.model,
    modelSource: loaded.source,
    asOf,
    ...(winLoss ? { winLoss } : {}),
    ...(rolled ? { rolledUp: rolled.rolledUp } : {}),
  };
}

function describeDecisionIssues(decisions: { path: string; decisions: Decisions }, applied: Issue[], model: ScoringModel): Issue[] {
  return [...applied, ...checkDecisionValues(decisions.decisions, model)].map((i) => ({
    ...i,
    file: decisions.path,
    message: `${decisions.path}: ${i.message}`,
  }));
}

/** The --accounts file's hierarchy, if given. It is a CSV of its own: delimiter and encoding are detected, not the export's flags. */
export async function readAccountsOption(
  path: string | undefined,
  model: ScoringModel,
  context: CommandContext,
): Promise<AccountHierarchy | undefined> {
  return path === undefined ? undefined : readAccountHierarchy(await openSource(path, context.cwd, context.stdin), model);
}

/** Reads a win/loss export and joins its closed deals (their accounts rolled up, with a hierarchy) to the requests read. */
export async function readWinLoss(
  path: string,
  requests: readonly FeatureRequest[],
  currency: string | undefined,
  model: ScoringModel,
  options: ReadOptions,
  context: CommandContext,
  hierarchy?: AccountHierarchy,
): Promise<WinLossJoin> {
  const source = await openSource(path, context.cwd, context.stdin);
  // --sheet names a sheet of the request export, not of this one.
  const deals = await readDeals(source, model, { ...options, sheet: undefined }, currency);
  const join = joinWinLoss(requests, hierarchy ? rollUpDeals(deals.rows, hierarchy) : deals.rows, source.name);
  return { ...join, issues: [...deals.issues, ...join.issues, ...describeUnmatched(join.unmatched, source.name)] };
}

function missingWinLoss(model: ScoringModel): Issue[] {
  const fields = [...model.criteria.map((c) => c.field), ...model.escalation.flatMap((r) => Object.keys(r.when))].filter(isWinLossField);
  return [...new Set(fields)].map((field) => ({
    code: 'WIN_LOSS_NOT_GIVEN',
    severity: 'warning',
    path: field,
    message: `the config uses ${field}, which comes from a win/loss export: pass --win-loss deals.csv (until then it is missing for every request)`,
  }));
}

/** Today (UTC) as a day number, for commands run without --as-of. */
export function todayDay(): number {
  return Math.floor(Date.now() / 86_400_000);
}
