import { commitmentOf, isShipped } from '../requests/commitment.js';
import { solveKnapsack, type KnapsackOption } from './knapsack.js';
import { foldText } from '../text/folding.js';
import type { Issue, PlanSizing, RankedRequest, ScoringModel } from '../types.js';

/** What the plan maximises: the requests' scores, or their deal value. */
export type PlanObjective = 'score' | 'deal_value';

/** What bounds a plan: the capacity, what to maximise, how requests are sized, what is already committed. */
export interface PlanConstraints {
  /** Capacity in whole size units (person-weeks). */
  capacity: number;
  objective: PlanObjective;
  sizing: PlanSizing;
  /** Ids already committed, besides those whose status says so (In Progress, Committed...). */
  committed?: readonly string[];
}

/** A request sized and valued for the plan. */
export interface PlanEntry {
  request: RankedRequest;
  /** Whole capacity units (sizes are rounded up). */
  size: number;
  value: number;
  /** What the size came from: an effort value ("M") or a number. */
  sizeLabel: string;
  /** Ids of the planned requests it cannot ship without. */
  requires: string[];
}

/** The best plan within capacity, beside what taking the ranking from the top would choose. */
export interface Plan {
  capacity: number;
  objective: PlanObjective;
  /** Already committed: it takes capacity first. */
  committed: PlanEntry[];
  /** The most value that fits beside the committed work, every requirement included, in ranking order. */
  chosen: PlanEntry[];
  /** The ranking taken from the top, each request with its requirements, skipping what no longer fits. */
  greedy: PlanEntry[];
  /** False when a group of interdependent requests was too large to solve exactly. */
  isProven: boolean;
  leftOut: LeftOut[];
  issues: Issue[];
}

/** A request the plan cannot take: the kind of reason, and the reason in words. */
export interface LeftOut {
  request: RankedRequest;
  kind: 'shipped' | 'not planned' | 'deferred' | 'cannot be scored' | 'no size' | 'requirement';
  reason: string;
}

/** Above this many ways to take one group of interdependent requests, the group is not solved exactly. */
const MAX_GROUP_OPTIONS = 4096;
/** Larger groups are not enumerated at all: each member's requirements alone would cost too much to walk. */
const MAX_GROUP_SIZE = 64;
/** Above this many cells (groups × capacity) the table would not fit in memory: greedy only, said so. */
const MAX_PLAN_CELLS = 200_000_000;

/** Plans under capacity: an exact knapsack over requests (and groups of requests that require each other). */
export function planRequests(ranked: readonly RankedRequest[], options: PlanConstraints): Plan {
  const sorted = sortRequests(ranked, options);
  const committedSize = sumOf(sorted.committed, 'size');
  const capacity = Math.max(0, Math.floor(options.capacity) - committedSize);
  const issues = [...sorted.issues];
  if (committedSize > options.capacity) {
    issues.push({ ...AT_PLAN, code: 'PLAN_COMMITTED_OVER_CAPACITY', args: { committed: committedSize, capacity: options.capacity } });
  }
  const greedy = takeFromTheTop(sorted.candidates, capacity);
  const solved = solveExactly(sorted.candidates, capacity);
  if (!solved.isProven) issues.push({ ...AT_PLAN, code: 'PLAN_NOT_PROVEN_OPTIMAL', args: { reason: solved.why } });
  // Unproven, the heuristic may lose to greedy: never offer a plan worse than the ranking's.
  const chosen = !solved.isProven && sumOf(greedy, 'value') > sumOf(solved.chosen, 'value') ? greedy : solved.chosen;
  return {
    capacity: options.capacity,
    objective: options.objective,
    committed: sorted.committed,
    chosen: inRankOrder(chosen),
    greedy: inRankOrder(greedy),
    isProven: solved.isProven,
    leftOut: sorted.leftOut,
    issues,
  };
}

/** The model's plan sizing; without a plan section, the effort field read as a number of units. */
export function planSizing(model: ScoringModel): PlanSizing {
  return model.plan ?? { field: 'effort', sizes: new Map() };
}

/** The total size or value of some entries. */
export function sumOf(entries: readonly PlanEntry[], key: 'size' | 'value'): number {
  return entries.reduce((sum, e) => sum + e[key], 0);
}

/** A request the plan may take, and its requirements among the other candidates. */
interface Candidate {
  entry: PlanEntry;
  requires: Candidate[];
  requiredBy: Candidate[];
}

interface SortedRequests {
  committed: PlanEntry[];
  candidates: Candidate[];
  leftOut: LeftOut[];
  issues: Issue[];
}

/** Where an id leads: a candidate, a requirement already met (shipped or committed), or a request left out and why. */
type Known = Candidate | { isMet: true } | { reason: string };

/** Splits the ranking into committed work, candidates and what cannot be planned (and why). */
function sortRequests(ranked: readonly RankedRequest[], options: PlanConstraints): SortedRequests {
  const committedIds = new Set((options.committed ?? []).map(foldText));
  const sorted: SortedRequests = { committed: [], candidates: [], leftOut: [], issues: [] };
  const unsized: Unsized[] = [];
  const rounded: string[] = [];
  const byId = new Map<string, Known>();
  const leaveOut = (request: RankedRequest, ids: string[], kind: LeftOut['kind'], reason: string = kind) => {
    sorted.leftOut.push({ request, kind, reason });
    // What shipped meets any requirement on it.
    ids.forEach((id) => byId.set(id, kind === 'shipped' ? { isMet: true } : { reason }));
  };
  const { field } = options.sizing;
  for (const request of ranked) {
    const ids = [request.id, ...(request.mergedIds ?? [])].map(foldText);
    const isCommitted = ids.some((id) => committedIds.has(id)) || commitmentOf(request) === 'Committed';
    const kind = kindLeftOut(request, isCommitted);
    if (kind !== undefined) {
      leaveOut(request, ids, kind);
      continue;
    }
    const size = sizeOf(request, options.sizing);
    if (!('size' in size)) {
      unsized.push({ request, isCommitted, ...size });
      if (isCommitted) ids.forEach((id) => byId.set(id, { isMet: true }));
      else leaveOut(request, ids, 'no size', size.value === undefined ? `no ${field}` : `${field} "${size.value}" has no size`);
      continue;
    }
    if (size.size !== size.exact) rounded.push(`${request.id} ${size.exact} → ${size.size}`);
    const value = options.objective === 'score' ? request.score : (request.dealValue ?? 0);
    const entry: PlanEntry = { request, size: size.size, value, sizeLabel: size.label, requires: request.decision?.requires ?? [] };
    if (isCommitted) {
      sorted.committed.push(entry);
      ids.forEach((id) => byId.set(id, { isMet: true }));
    } else {
      const candidate: Candidate = { entry, requires: [], requiredBy: [] };
      sorted.candidates.push(candidate);
      ids.forEach((id) => byId.set(id, candidate));
    }
  }
  sorted.issues.push(...sizeIssues(unsized, options.sizing, rounded));
  const unknown = (options.committed ?? []).filter((id) => !byId.has(foldText(id)));
  if (unknown.length > 0) {
    sorted.issues.push({ ...AT_PLAN, code: 'PLAN_COMMITTED_UNKNOWN', value: unknown.join(', '), args: { ids: unknown } });
  }
  linkRequirements(sorted, byId);
  return sorted;
}

/** Why a request is out of the plan whatever its size: shipped, not planned, deferred in triage, or unscorable. */
function kindLeftOut(request: RankedRequest, isCommitted: boolean): LeftOut['kind'] | undefined {
  if (isShipped(request.status)) return 'shipped';
  if (isCommitted) return undefined;
  if (commitmentOf(request) === 'Not planned') return 'not planned';
  if (request.decision?.decision === 'defer') return 'deferred';
  return request.unscorable === undefined ? undefined : 'cannot be scored';
}

type Size = { size: number; exact: number; label: string } | { value?: string };

/** The largest size among the request's values of the sizing field: a number, or an effort value in sizes. */
function sizeOf(request: RankedRequest, sizing: PlanSizing): Size {
  let found: Size = {};
  for (const text of request.texts[sizing.field] ?? []) {
    const exact = sizing.sizes.get(foldText(text)) ?? (NUMBER.test(text.trim()) ? Number(text.trim().replace(',', '.')) : undefined);
    if (exact === undefined) {
      if (!('size' in found)) found = { value: text };
    } else if (!('size' in found) || exact > found.exact) {
      found = { size: Math.ceil(exact), exact, label: text.trim() };
    }
  }
  return found;
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;

/** A request whose size is missing or not understood: left out, or, when committed, counted as taking nothing. */
interface Unsized {
  request: RankedRequest;
  isCommitted: boolean;
  /** The field's value, when there is one. */
  value?: string;
}

function sizeIssues(unsized: Unsized[], sizing: PlanSizing, rounded: string[]): Issue[] {
  const issues: Issue[] = [];
  const sizedAs = (list: Unsized[]) => list.map((u) => ({ id: u.request.id, ...(u.value === undefined ? {} : { value: u.value }) }));
  const committed = unsized.filter((u) => u.isCommitted);
  const missing = unsized.filter((u) => !u.isCommitted && u.value === undefined);
  const unknown = unsized.filter((u) => !u.isCommitted && u.value !== undefined);
  const { field } = sizing;
  if (missing.length > 0) issues.push({ ...AT_PLAN, code: 'PLAN_SIZE_MISSING', args: { field, requests: sizedAs(missing) } });
  if (unknown.length > 0) {
    const args = { field, requests: sizedAs(unknown), known: [...sizing.sizes.keys()] };
    issues.push({ ...AT_PLAN, code: 'PLAN_SIZE_UNKNOWN', args });
  }
  if (committed.length > 0) issues.push({ ...AT_PLAN, code: 'PLAN_COMMITTED_UNSIZED', args: { requests: sizedAs(committed) } });
  if (rounded.length > 0) issues.push({ ...AT_PLAN, code: 'PLAN_SIZE_ROUNDED', severity: 'notice', args: { ids: rounded } });
  return issues;
}

/** Where a plan finding is, and how severe, unless it says otherwise. */
const AT_PLAN = { severity: 'warning', path: 'plan' } as const;

/**
 * Resolves each candidate's requires: ids that shipped or are committed are met;
 * a candidate that needs an unplannable request (or one missing from the export)
 * is left out, and so, in turn, is whatever requires it.
 */
function linkRequirements(sorted: SortedRequests, byId: Map<string, Known>): void {
  const unmet = new Map<Candidate, string>();
  for (const candidate of sorted.candidates) {
    for (const id of candidate.entry.requires) {
      const target = byId.get(foldText(id));
      if (target === candidate || (target && 'isMet' in target)) continue;
      if (target && 'entry' in target) {
        candidate.requires.push(target);
        target.requiredBy.push(candidate);
      } else if (!unmet.has(candidate)) {
        unmet.set(candidate, `requires ${id}, ${target ? `which is left out (${target.reason})` : 'which is not in the export'}`);
      }
    }
  }
  if (unmet.size === 0) return;
  for (const [candidate] of [...unmet]) {
    for (const dependent of reachable(candidate, (c) => c.requiredBy)) {
      if (!unmet.has(dependent)) unmet.set(dependent, `requires ${candidate.entry.request.id}, which is left out`);
    }
  }
  sorted.candidates = sorted.candidates.filter((c) => !unmet.has(c));
  for (const c of sorted.candidates) {
    c.requires = c.requires.filter((r) => !unmet.has(r));
    c.requiredBy = c.requiredBy.filter((r) => !unmet.has(r));
  }
  for (const [candidate, reason] of unmet) sorted.leftOut.push({ request: candidate.entry.request, kind: 'requirement', reason });
  const ids = [...unmet.keys()].map((c) => c.entry.request.id);
  sorted.issues.push({ ...AT_PLAN, code: 'PLAN_REQUIREMENT_UNMET', args: { ids } });
}

/** The candidate and every candidate reachable from it by `next` (its requirements, or its dependents). */
function reachable(start: Candidate, next: (c: Candidate) => Candidate[]): Set<Candidate> {
  const seen = new Set([start]);
  const queue = [start];
  for (let c = queue.pop(); c; c = queue.pop()) {
    for (const n of next(c)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/** Greedy: down the ranking, each request with its untaken requirements when they all still fit. */
function takeFromTheTop(candidates: readonly Candidate[], capacity: number): PlanEntry[] {
  const taken = new Set<Candidate>();
  let left = capacity;
  for (const candidate of candidates) {
    if (taken.has(candidate)) continue;
    const bundle = [...reachable(candidate, (c) => c.requires)].filter((c) => !taken.has(c));
    const size = bundle.reduce((sum, c) => sum + c.entry.size, 0);
    if (size > left) continue;
    bundle.forEach((c) => taken.add(c));
    left -= size;
  }
  return [...taken].map((c) => c.entry);
}

type Solved = { isProven: true; chosen: PlanEntry[] } | { isProven: false; chosen: PlanEntry[]; why: string };

/** The exact plan: each group of interdependent requests is one knapsack group whose options are its closed subsets. */
function solveExactly(candidates: readonly Candidate[], capacity: number): Solved {
  const groups = connectedGroups(candidates).map(groupOptions);
  const width = Math.min(
    capacity,
    candidates.reduce((sum, c) => sum + c.entry.size, 0),
  );
  if (groups.length * (width + 1) > MAX_PLAN_CELLS) {
    return { isProven: false, chosen: [], why: `${groups.length} requests × capacity ${width} is too large to solve exactly` };
  }
  const picks = solveKnapsack(
    groups.map((g) => g.options),
    width,
  );
  const chosen = groups.flatMap((g, i) => (picks[i]! < 0 ? [] : g.members[picks[i]!]!.map((c) => c.entry)));
  const approximated = groups.filter((g) => !g.isExact);
  if (approximated.length === 0) return { isProven: true, chosen };
  const sizes = approximated.map((g) => g.members.flat().length);
  const why = `${approximated.length} group(s) of interdependent requests (largest ${Math.max(...sizes)}) have too many combinations to solve exactly; each request was considered only with its requirements, so a better plan may exist`;
  return { isProven: false, chosen, why };
}

/** Candidates linked by requires, in either direction. */
function connectedGroups(candidates: readonly Candidate[]): Candidate[][] {
  const seen = new Set<Candidate>();
  const groups: Candidate[][] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    const group = [...reachable(candidate, (c) => [...c.requires, ...c.requiredBy])];
    group.forEach((c) => seen.add(c));
    groups.push(group);
  }
  return groups;
}

interface Group {
  options: KnapsackOption[];
  /** The candidates each option takes. */
  members: Candidate[][];
  isExact: boolean;
}

/**
 * The ways to take part of a group: every subset that holds each member's
 * requirements. Past MAX_GROUP_SIZE members or MAX_GROUP_OPTIONS subsets,
 * each member with its requirements only.
 */
function groupOptions(group: Candidate[]): Group {
  if (group.length === 1) return toGroup([group], true);
  const closed = group.length <= MAX_GROUP_SIZE ? closedSubsets(group) : undefined;
  return closed
    ? toGroup(closed, true)
    : toGroup(
        group.map((c) => [...reachable(c, (r) => r.requires)]),
        false,
      );
}

function toGroup(members: Candidate[][], isExact: boolean): Group {
  const options = members.map((m) => ({ size: m.reduce((s, c) => s + c.entry.size, 0), value: m.reduce((s, c) => s + c.entry.value, 0) }));
  return { options, members, isExact };
}

/**
 * Every non-empty subset of the group closed under requires, or undefined past
 * MAX_GROUP_OPTIONS. Taking a member takes its requirements; leaving one out
 * leaves out what requires it: each branch ends in a distinct closed subset.
 */
function closedSubsets(group: readonly Candidate[]): Candidate[][] | undefined {
  const found: Candidate[][] = [];
  const state = new Map<Candidate, boolean>();
  const visit = (i: number): boolean => {
    if (found.length > MAX_GROUP_OPTIONS) return false;
    if (i === group.length) {
      const taken = group.filter((c) => state.get(c));
      if (taken.length > 0) found.push(taken);
      return true;
    }
    const candidate = group[i]!;
    if (state.has(candidate)) return visit(i + 1);
    for (const [take, next] of [
      [true, (c: Candidate) => c.requires],
      [false, (c: Candidate) => c.requiredBy],
    ] as const) {
      const forced = [...reachable(candidate, next)];
      if (forced.some((c) => state.get(c) === !take)) continue;
      const fresh = forced.filter((c) => !state.has(c));
      fresh.forEach((c) => state.set(c, take));
      const isWithinLimit = visit(i + 1);
      fresh.forEach((c) => state.delete(c));
      if (!isWithinLimit) return false;
    }
    return true;
  };
  return visit(0) ? found : undefined;
}

function inRankOrder(entries: readonly PlanEntry[]): PlanEntry[] {
  return [...entries].sort((a, b) => a.request.rank - b.request.rank);
}
