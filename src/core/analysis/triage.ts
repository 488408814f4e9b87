import { decideRequest, mergeRequests, scoreDecidedRequest } from '../decisions/apply.js';
import { resolveRanges } from '../requests/ranges.js';
import { foldText } from '../text/folding.js';
import { compareRequests } from '../scoring/rank.js';
import { toFeatureRequest } from '../scoring/score.js';
import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';
import { RICE_IMPACT_SCALE } from '../scoring/frameworks.js';
import { criteriaOf } from '../scoring/model-inputs.js';
import { normalizeCriterion, pointsFor, totalWeightOf } from '../scoring/weighted.js';
import { assertNever, type Criterion, type Decision, type ScoredRequest, type ScoringModel } from '../types.js';

/** Fields sales fills in; triage asks the PM about every other criterion (alignment, effort, ...). */
const EXPORT_FIELDS = new Set(['deal_value', 'segment', 'accounts', 'status']);

/** The criteria a PM assesses in triage; none for a framework, whose inputs assessedInputs lists. */
export function assessedCriteria(model: ScoringModel): Criterion[] {
  return criteriaOf(model).filter((c) => !EXPORT_FIELDS.has(c.field));
}

/** A framework input triage asks the PM to estimate. */
export interface InputQuestion {
  field: string;
  description: string;
  /** The framework's own scale, when it has one (RICE impact and confidence, ICE's 1-10); else any number. */
  choices?: readonly { name: string; value: number | string }[];
}

const ICE_SCALE = Array.from({ length: 10 }, (_, i) => ({ name: String(i + 1), value: i + 1 }));

/** Every input of a framework, in its formula's order, since the PM estimates them all; none for weighted criteria. */
export function assessedInputs(model: ScoringModel): InputQuestion[] {
  switch (model.kind) {
    case 'weighted':
      return [];
    case 'rice':
      return [
        { field: 'reach', description: 'people or events per period' },
        {
          field: 'impact',
          description: "Intercom's scale",
          choices: Object.entries(RICE_IMPACT_SCALE).map(([word, value]) => ({ name: `${word} (${value})`, value })),
        },
        {
          field: 'confidence',
          description: 'how sure the estimates are',
          choices: [1, 0.8, 0.5].map((value) => ({ name: `${value * 100}%`, value })),
        },
        { field: 'effort', description: 'person-months' },
      ];
    case 'wsjf':
      return [
        { field: 'business_value', description: 'user-business value, relative (1, 2, 3, 5, 8, 13, 20)' },
        { field: 'time_criticality', description: 'relative (1, 2, 3, 5, 8, 13, 20)' },
        { field: 'risk_reduction', description: 'risk reduction or opportunity enablement, relative (1, 2, 3, 5, 8, 13, 20)' },
        { field: 'job_size', description: 'relative (1, 2, 3, 5, 8, 13, 20)' },
      ];
    case 'ice':
      return FRAMEWORK_TERMS.ice.map(({ field }) => ({ field, description: '1-10', choices: ICE_SCALE }));
    default:
      return assertNever(model);
  }
}

/**
 * The score a request would reach if every unassessed criterion turned out best: what triage could unlock.
 * Undefined for a framework: its inputs (reach, job size) have no best value to assume.
 */
export function potentialScore(request: ScoredRequest, model: ScoringModel): number | undefined {
  if (model.kind !== 'weighted') return undefined;
  const totalWeight = totalWeightOf(model);
  return model.criteria.reduce((potential, c) => {
    const criterion = request.criteria[c.name];
    return criterion?.isMissing ? potential + pointsFor(c.weight, 1 - criterion.normalized, totalWeight) : potential;
  }, request.score);
}

/** What the queue sorts by: a weighted request's potential; a framework request's score, as the ranking orders it. */
function queuePriority(request: ScoredRequest, model: ScoringModel): number {
  return potentialScore(request, model) ?? (request.unscorable === undefined ? request.score : -Infinity);
}

export function isTriaged(request: ScoredRequest): boolean {
  return request.decision?.decision !== undefined || request.decision?.mergeInto !== undefined;
}

/** Whether the PM said one of the two is not the other (distinct_from): triage never offers to merge them again. */
export function isKnownDistinct(a: ScoredRequest, b: ScoredRequest): boolean {
  const denies = (x: ScoredRequest, y: ScoredRequest) => (x.decision?.distinctFrom ?? []).some((id) => foldText(id) === foldText(y.id));
  return denies(a, b) || denies(b, a);
}

/**
 * Where a question starts: the current value, else the choice that scores nearest
 * the criterion's `missing` (given when the config sets one), else the middle one.
 * Never the lowest by default, since a quick Enter would record the worst value.
 */
export function startingChoice<T extends number | string>(
  choices: readonly T[],
  current: number | string | undefined,
  criterion?: Criterion,
): T | undefined {
  const same = current === undefined ? undefined : choices.find((c) => foldText(String(c)) === foldText(String(current)));
  if (same !== undefined || choices.length === 0) return same;
  if (!criterion) return choices[Math.floor((choices.length - 1) / 2)];
  const distance = (choice: T) => Math.abs((normalizeChoice(criterion, choice) ?? 0) - criterion.missing);
  return choices.reduce((best, choice) => (distance(choice) < distance(best) ? choice : best));
}

function normalizeChoice(criterion: Criterion, choice: number | string): number | undefined {
  const probe = {
    id: '',
    title: '',
    lines: [],
    accounts: [],
    numbers: { [criterion.field]: Number(choice) },
    texts: { [criterion.field]: [String(choice)] },
  };
  return normalizeCriterion(criterion, probe).normalized;
}

/** `untriaged`, `all`, or a list of request ids. */
export type TriageSelection = 'untriaged' | 'all' | readonly string[];

/**
 * The requests to walk: any half-answered first, then those whose uncertain input most decides
 * the top N (`decisiveness` by request id, from score --uncertainty's study), then highest
 * potential; `missing` lists asked-for ids the export lacks.
 */
export function triageQueue(
  requests: readonly ScoredRequest[],
  model: ScoringModel,
  selection: TriageSelection,
  decisiveness: ReadonlyMap<string, number> = new Map(),
): { queue: ScoredRequest[]; missing: string[] } {
  const byKey = new Map(requests.map((r) => [foldText(r.id), r]));
  const missing = typeof selection === 'string' ? [] : selection.filter((id) => !byKey.has(foldText(id)));
  const chosen =
    selection === 'all'
      ? requests
      : selection === 'untriaged'
        ? requests.filter((r) => !isTriaged(r))
        : requests.filter((r) => selection.some((id) => foldText(id) === foldText(r.id)));
  const potential = new Map(chosen.map((r) => [r, queuePriority(r, model)]));
  // A request with some answers is where the PM stopped last time: resume there.
  const isStarted = (r: ScoredRequest) => (r.decision ? 1 : 0);
  const decides = (r: ScoredRequest) => decisiveness.get(r.id) ?? 0;
  const queue = [...chosen].sort(
    (a, b) => isStarted(b) - isStarted(a) || decides(b) - decides(a) || potential.get(b)! - potential.get(a)! || compareRequests(a, b),
  );
  return { queue, missing };
}

/**
 * Records one request's new decision and re-scores only what it changes (the
 * request, or the merge target), so triage can show the new rank at once.
 */
export function redecide(
  requests: readonly ScoredRequest[],
  id: string,
  decision: Decision,
  model: ScoringModel,
): { requests: ScoredRequest[]; changed: ScoredRequest; place: number } {
  const find = (wanted: string) => requests.find((r) => foldText(r.id) === foldText(wanted));
  const request = find(id)!;
  const target = decision.mergeInto === undefined ? undefined : find(decision.mergeInto);
  let changed: ScoredRequest;
  let rest: ScoredRequest[];
  if (target) {
    const merged = mergeRequests(toFeatureRequest(target), toFeatureRequest(request), model.aggregate);
    changed = scoreDecidedRequest(resolveRanges([target.decision ? decideRequest(merged, target.decision) : merged], model)[0]!, model);
    rest = requests.filter((r) => r !== request && r !== target);
  } else {
    changed = scoreDecidedRequest(resolveRanges([decideRequest(toFeatureRequest(request), decision)], model)[0]!, model);
    rest = requests.filter((r) => r !== request);
  }
  return { requests: [...rest, changed], changed, place: findPlace(changed, rest) };
}

/** The request's rank among the others (1-based), without sorting them. */
export function findPlace(request: ScoredRequest, others: readonly ScoredRequest[]): number {
  return 1 + others.filter((r) => r !== request && compareRequests(r, request) < 0).length;
}
