import type { Decision, Decisions } from './schema.js';
import { combineDealValues, mergeUnattributed, sumWeights } from '../requests/group.js';
import { foldText } from '../text/folding.js';
import { scoreRequest } from '../scoring/score.js';
import { criteriaOf } from '../scoring/model-inputs.js';
import { parseLabelRange, parseNumberRange } from '../requests/ranges.js';
import type { AccountMention, FeatureRequest, Issue, ScoredRequest, ScoringModel } from '../types.js';

/** A request with the PM's decision attached. */
export interface DecidedRequest extends FeatureRequest {
  decision?: Decision;
}

/**
 * Applies decisions: assessed values override the export's, merged requests
 * join their target (each account once), declined ones stay with their mark.
 */
export function applyDecisions(
  requests: readonly FeatureRequest[],
  decisions: Decisions,
  aggregate: ScoringModel['aggregate'],
): { requests: DecidedRequest[]; issues: Issue[] } {
  const byKey = new Map(requests.map((r) => [foldText(r.id), r]));
  const decisionOf = new Map(Object.entries(decisions).map(([id, d]) => [foldText(id), d]));
  const issues: Issue[] = Object.keys(decisions)
    .filter((id) => !byKey.has(foldText(id)))
    .map((id) => ({
      code: 'DECISION_UNKNOWN_REQUEST',
      severity: 'warning',
      path: `decisions.${id}`,
      args: { id },
    }));
  const sourcesByTarget = new Map<string, FeatureRequest[]>();
  for (const request of requests) {
    const target = resolveMergeTarget(request.id, decisionOf, byKey);
    if (typeof target !== 'string') issues.push(...(target ? [target] : []));
    else sourcesByTarget.set(target, [...(sourcesByTarget.get(target) ?? []), request]);
  }
  const merged = new Set([...sourcesByTarget.values()].flat());
  const decided = requests
    .filter((r) => !merged.has(r))
    .map((request) => {
      const key = foldText(request.id);
      const combined = (sourcesByTarget.get(key) ?? []).reduce((acc, s) => mergeRequests(acc, s, aggregate), request);
      const decision = decisionOf.get(key);
      return decision ? decideRequest(combined, decision) : combined;
    });
  return { requests: decided, issues };
}

/** The folded id a request finally merges into (following chains), an issue when it cannot, or undefined. */
function resolveMergeTarget(id: string, decisionOf: Map<string, Decision>, byKey: Map<string, FeatureRequest>): string | Issue | undefined {
  const seen = new Set([foldText(id)]);
  let next = decisionOf.get(foldText(id))?.mergeInto;
  if (next === undefined) return undefined;
  for (;;) {
    const key = foldText(next);
    const path = `decisions.${id}.merge_into`;
    if (!byKey.has(key)) return { code: 'MERGE_TARGET_UNKNOWN', severity: 'warning', path, args: { id, target: next } };
    if (seen.has(key)) return { code: 'MERGE_CYCLE', severity: 'warning', path, args: { id } };
    seen.add(key);
    const further = decisionOf.get(key)?.mergeInto;
    if (further === undefined) return key;
    next = further;
  }
}

/** Attaches a decision; its assessed values replace the export's for those fields. */
export function decideRequest(request: FeatureRequest, decision: Decision): DecidedRequest {
  const numbers = { ...request.numbers };
  const texts = { ...request.texts };
  for (const [field, value] of Object.entries(decision.values ?? {})) {
    if (typeof value === 'number') numbers[field] = value;
    else delete numbers[field];
    texts[field] = [String(value)];
  }
  const dealValue = numbers.deal_value;
  return { ...request, numbers, texts, ...(dealValue === undefined ? {} : { dealValue }), decision };
}

/** One request made of two: accounts counted once (largest deal), unattributed mentions added, texts united, the target's values first. */
export function mergeRequests(target: FeatureRequest, source: FeatureRequest, aggregate: ScoringModel['aggregate']): FeatureRequest {
  const accounts = target.accounts.map((a) => ({ ...a }));
  const byKey = new Map(accounts.map((a) => [foldText(a.name), a]));
  for (const account of source.accounts) countAccount(accounts, byKey, account);
  const texts: Record<string, string[]> = { ...target.texts };
  for (const [field, values] of Object.entries(source.texts)) {
    const seen = new Set((texts[field] ?? []).map(foldText));
    texts[field] = [...(texts[field] ?? []), ...values.filter((v) => !seen.has(foldText(v)))];
  }
  const { deal_value: _deal, ...sourceNumbers } = source.numbers;
  const merged: FeatureRequest = {
    ...target,
    lines: [...target.lines, ...source.lines].sort((a, b) => a - b),
    accounts,
    numbers: { ...sourceNumbers, ...target.numbers },
    texts,
    mergedIds: [...(target.mergedIds ?? []), source.id, ...(source.mergedIds ?? [])],
  };
  const status = target.status ?? source.status;
  if (status !== undefined) merged.status = status;
  const unattributed = mergeUnattributed(target.unattributed, source.unattributed, aggregate.deal_value);
  if (unattributed !== undefined) merged.unattributed = unattributed;
  const dealValue = combineDealValues(merged, aggregate.deal_value);
  if (dealValue !== undefined) [merged.dealValue, merged.numbers.deal_value] = [dealValue, dealValue];
  const lastMentionDay = Math.max(target.lastMentionDay ?? -Infinity, source.lastMentionDay ?? -Infinity);
  if (Number.isFinite(lastMentionDay)) merged.lastMentionDay = lastMentionDay;
  if (target.decayedCount || source.decayedCount) {
    const unattributed = (target.decayedCount?.unattributed ?? 0) + (source.decayedCount?.unattributed ?? 0);
    merged.decayedCount = { accounts: sumWeights(accounts), unattributed };
  }
  return merged;
}

/** Adds an account once (by folded name), keeping its largest deal value and the first segment: grouping's rule for rows. */
export function countAccount(
  accounts: AccountMention[],
  byKey: Map<string, AccountMention>,
  { name, dealValue, segment, weight }: AccountMention,
): void {
  const key = foldText(name);
  const existing = byKey.get(key);
  if (!existing) {
    const account: AccountMention = dealValue === undefined ? { name } : { name, dealValue };
    if (segment) account.segment = segment;
    if (weight !== undefined) account.weight = weight;
    byKey.set(key, account);
    accounts.push(account);
    return;
  }
  if (segment) existing.segment ??= segment;
  if (weight !== undefined && weight > (existing.weight ?? 0)) existing.weight = weight;
  if (dealValue !== undefined && (existing.dealValue === undefined || dealValue > existing.dealValue)) {
    existing.dealValue = dealValue;
  }
}

/** Scores a request, keeping its decision for the reporters. */
export function scoreDecidedRequest(request: DecidedRequest, model: ScoringModel, asOf?: number): ScoredRequest {
  const scored = scoreRequest(request, model, asOf);
  return request.decision ? { ...scored, decision: request.decision } : scored;
}

/** Assessed values the model cannot score as meant: a text not in a criterion's map, or text where it reads a number. */
export function checkDecisionValues(decisions: Decisions, model: ScoringModel): Issue[] {
  return Object.entries(decisions).flatMap(([id, decision]) =>
    Object.entries(decision.values ?? {}).flatMap(([field, value]) =>
      criteriaOf(model).flatMap((criterion): Issue[] => {
        if (criterion.field !== field) return [];
        const t = criterion.transform;
        const path = `decisions.${id}.values.${field}`;
        if (t.kind === 'map' && !t.map.has(foldText(String(value))) && !parseLabelRange(String(value), t)) {
          return [
            {
              code: 'DECISION_VALUE_UNKNOWN',
              severity: 'warning',
              path,
              args: { value: String(value), known: [...t.map.keys()], scoredAs: t.default },
            },
          ];
        }
        if (t.kind !== 'map' && typeof value !== 'number' && !parseNumberRange(value)) {
          return [
            {
              code: 'DECISION_VALUE_NOT_A_NUMBER',
              severity: 'warning',
              path,
              args: { value: String(value) },
            },
          ];
        }
        return [];
      }),
    ),
  );
}
