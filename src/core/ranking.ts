import { applyDecisions, checkDecisionValues, scoreDecidedRequest } from './decisions/apply.js';
import type { Decisions } from './decisions/schema.js';
import { describeUnmatched, joinWinLoss, type WinLossJoin } from './analysis/winloss.js';
import type { ReadSummary, RequestsRead } from './read-summary.js';
import { rollUpAccounts, rollUpDeals, type AccountHierarchy, type RolledUpAccount } from './requests/hierarchy.js';
import { findFrameworkIssues } from './scoring/frameworks.js';
import { scoredFields } from './scoring/model-inputs.js';
import { rankRequests } from './scoring/rank.js';
import { isStale } from './requests/aging.js';
import { resolveRanges } from './requests/ranges.js';
import type { UncertaintyStudy } from './analysis/uncertainty.js';
import { isWinLossField } from './text/fields.js';
import type { DealRow, FeatureRequest, Issue, RankedRequest, ScoringModel } from './types.js';

/** Everything a ranking reporter may show: the ranked requests, the findings, and how the export was read. */
export interface RankingReport {
  ranked: RankedRequest[];
  issues: Issue[];
  summary: ReadSummary;
  model: ScoringModel;
  /** Where the config came from: a path or "default model". */
  configSource: string;
  /** The day number within_days conditions counted from. */
  asOf?: number;
  /** Closed deals joined to the requests, when --win-loss was given. */
  winLoss?: WinLossJoin;
  /** Accounts counted under their top parent, when --accounts was given. */
  rolledUp?: RolledUpAccount[];
  /** The Monte Carlo study over uncertain inputs, when --uncertainty was given. */
  uncertainty?: UncertaintyStudy;
}

/** A win/loss export as read: its closed-deal rows and the reader's findings. */
export interface DealsInput {
  source: string;
  rows: readonly DealRow[];
  issues: Issue[];
}

/** A decisions file as loaded, with the path its findings name. */
export interface DecisionsInput {
  path: string;
  decisions: Decisions;
}

/** What the pipeline's I/O step read, for the pure ranking step. */
export interface RankingInputs {
  model: ScoringModel;
  configSource: string;
  read: RequestsRead;
  /** The day number within_days conditions count from. */
  asOf: number;
  hierarchy?: AccountHierarchy;
  deals?: DealsInput;
  decisions?: DecisionsInput;
}

/** decide → score → rank → findings: what every ranking command shows, from what the pipeline read. */
export function rankInputs(inputs: RankingInputs): RankingReport {
  const { model, read, hierarchy, deals, decisions, asOf } = inputs;
  const rolled = hierarchy ? rollUpAccounts(read.requests, hierarchy, model.aggregate.deal_value) : undefined;
  const requests = rolled?.requests ?? read.requests;
  const winLoss = deals ? joinDeals(requests, deals, hierarchy) : undefined;
  const decided = applyDecisions(winLoss?.requests ?? requests, decisions?.decisions ?? {}, model.aggregate);
  const scored = resolveRanges(decided.requests, model).map((r) => {
    const request = scoreDecidedRequest(r, model, asOf);
    return isStale(r, model.aging, asOf) ? { ...request, isStale: true } : request;
  });
  return {
    ranked: rankRequests(scored, model.tiebreak),
    issues: [
      ...read.issues,
      ...(hierarchy?.issues ?? []),
      ...(winLoss ? winLoss.issues : findMissingWinLoss(model)),
      ...(decisions ? locateDecisionIssues(decisions.path, [...decided.issues, ...checkDecisionValues(decisions.decisions, model)]) : []),
      ...(model.kind === 'weighted' ? [] : findFrameworkIssues(scored, model)),
    ],
    summary: read.summary,
    model,
    configSource: inputs.configSource,
    asOf,
    ...(winLoss ? { winLoss } : {}),
    ...(rolled ? { rolledUp: rolled.rolledUp } : {}),
  };
}

/** Joins closed deals (their accounts rolled up, with a hierarchy) to the requests; citations that match none become findings. */
export function joinDeals(requests: readonly FeatureRequest[], deals: DealsInput, hierarchy?: AccountHierarchy): WinLossJoin {
  const join = joinWinLoss(requests, hierarchy ? rollUpDeals(deals.rows, hierarchy) : deals.rows, deals.source);
  return { ...join, issues: [...deals.issues, ...join.issues, ...describeUnmatched(join.unmatched, deals.source)] };
}

function locateDecisionIssues(path: string, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, file: path }));
}

function findMissingWinLoss(model: ScoringModel): Issue[] {
  const fields = [...scoredFields(model), ...model.escalation.flatMap((r) => Object.keys(r.when))].filter(isWinLossField);
  return [...new Set(fields)].map((field) => ({
    code: 'WIN_LOSS_NOT_GIVEN',
    severity: 'warning',
    path: field,
    args: { field },
  }));
}
