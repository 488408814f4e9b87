import { isShipped } from '../requests/commitment.js';
import { foldText } from '../text/folding.js';
import { daysUntilStale, GOING_STALE_WITHIN_DAYS, isStale } from '../requests/aging.js';
import type { AccountMention, Aging, RankedRequest } from '../types.js';

/** Accounts that asked for a request since the previous export. */
export interface NewAccounts {
  request: RankedRequest;
  accounts: AccountMention[];
  /** The deal value those accounts bring. */
  addedValue: number;
}

/** A request whose rank or horizon changed. */
export interface Mover {
  request: RankedRequest;
  previousRank: number;
  previousHorizon?: string;
}

/** Several new accounts of one segment asking for one request. */
export interface SegmentPattern {
  segment: string;
  request: RankedRequest;
  accounts: string[];
}

/** A request that shipped since the previous export, and the accounts to tell. */
export interface ShippedRequest {
  request: RankedRequest;
  /** Its status in the previous export; absent when the request is new there. */
  previousStatus?: string;
  /** Every account that asked, with its owner where the export names one. */
  accounts: { name: string; owner?: string }[];
}

/** What changed between two exports, for the weekly sales-to-product sync. */
export interface Digest {
  /** Requests whose status became shipped, released or done. */
  shipped: ShippedRequest[];
  newRequests: RankedRequest[];
  newAccounts: NewAccounts[];
  movers: Mover[];
  /** Requests meeting an escalation rule they did not meet before, with those rules. */
  newlyEscalated: { request: RankedRequest; rules: string[] }[];
  patterns: SegmentPattern[];
  /** Requests in the previous export that are gone from the current one. */
  dropped: RankedRequest[];
  /** With stale_after: requests that go stale within GOING_STALE_WITHIN_DAYS, soonest first (0: today). */
  goingStale: { request: RankedRequest; daysLeft: number }[];
  /** With stale_after: requests stale in the previous export that a new mention woke, after `quietDays` without one. */
  reawakened: { request: RankedRequest; quietDays: number }[];
}

/** The config's aging and the day it counts from, for the stale lists. */
export interface DigestAging {
  aging?: Aging;
  asOf: number;
}

/**
 * Compares two rankings by request id (case-insensitive). Movers are sorted by
 * how far they moved; `moverCount` caps them. A pattern needs two or more new
 * accounts of one segment on one request. `owners` maps folded account names to
 * their owners, for the shipped list.
 */
export function digestChanges(
  previous: readonly RankedRequest[],
  current: readonly RankedRequest[],
  moverCount = 5,
  owners: ReadonlyMap<string, string> = new Map(),
  aging?: DigestAging,
): Digest {
  const before = new Map(previous.map((r) => [foldText(r.id), r]));
  const now = new Set(current.map((r) => foldText(r.id)));
  const pairs = current.map((request) => ({ request, old: before.get(foldText(request.id)) }));
  const newAccounts = pairs.flatMap(({ request, old }) => (old ? addedAccounts(request, old) : []));
  return {
    shipped: findShipped(previous, current, owners),
    newRequests: pairs.filter((p) => !p.old).map((p) => p.request),
    newAccounts,
    movers: movers(pairs, moverCount),
    newlyEscalated: pairs.flatMap(({ request, old }) => {
      const rules = request.escalations.filter((rule) => !old?.escalations.includes(rule));
      return rules.length > 0 ? [{ request, rules }] : [];
    }),
    patterns: segmentPatterns([
      ...pairs.filter((p) => !p.old).map((p) => ({ request: p.request, accounts: p.request.accounts })),
      ...newAccounts,
    ]),
    dropped: previous.filter((r) => !now.has(foldText(r.id))),
    ...staleChanges(pairs, aging),
  };
}

function staleChanges(pairs: { request: RankedRequest; old: RankedRequest | undefined }[], dated: DigestAging | undefined) {
  if (dated?.aging?.staleAfterDays === undefined) return { goingStale: [], reawakened: [] };
  const { aging, asOf } = dated;
  const goingStale = pairs
    .flatMap(({ request }) => {
      const daysLeft = daysUntilStale(request, aging, asOf);
      return daysLeft !== undefined && daysLeft >= 0 && daysLeft <= GOING_STALE_WITHIN_DAYS ? [{ request, daysLeft }] : [];
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.request.rank - b.request.rank);
  const reawakened = pairs.flatMap(({ request, old }) =>
    old && isStale(old, aging, asOf) && !isStale(request, aging, asOf)
      ? [{ request, quietDays: request.lastMentionDay! - old.lastMentionDay! }]
      : [],
  );
  return { goingStale, reawakened };
}

/**
 * Requests whose status says shipped (shipped, released, done) now but did not
 * in the previous export, matched by id; a request new in this export counts.
 */
export function findShipped(
  previous: readonly RankedRequest[],
  current: readonly RankedRequest[],
  owners: ReadonlyMap<string, string> = new Map(),
): ShippedRequest[] {
  const before = new Map(previous.map((r) => [foldText(r.id), r]));
  return current.flatMap((request) => {
    const old = before.get(foldText(request.id));
    if (!isShipped(request.status) || isShipped(old?.status)) return [];
    const accounts = request.accounts.map(({ name }) => {
      const owner = owners.get(foldText(name));
      return owner === undefined ? { name } : { name, owner };
    });
    return [{ request, accounts, ...(old?.status === undefined ? {} : { previousStatus: old.status }) }];
  });
}

function addedAccounts(request: RankedRequest, old: RankedRequest): NewAccounts[] {
  const known = new Set(old.accounts.map((a) => foldText(a.name)));
  const accounts = request.accounts.filter((a) => !known.has(foldText(a.name)));
  if (accounts.length === 0) return [];
  return [{ request, accounts, addedValue: accounts.reduce((sum, a) => sum + (a.dealValue ?? 0), 0) }];
}

function movers(pairs: { request: RankedRequest; old: RankedRequest | undefined }[], count: number): Mover[] {
  return pairs
    .flatMap(({ request, old }) => {
      if (!old || (old.rank === request.rank && old.horizon === request.horizon)) return [];
      return [{ request, previousRank: old.rank, ...(old.horizon === undefined ? {} : { previousHorizon: old.horizon }) }];
    })
    .sort(
      (a, b) => Math.abs(b.previousRank - b.request.rank) - Math.abs(a.previousRank - a.request.rank) || a.request.rank - b.request.rank,
    )
    .slice(0, count);
}

function segmentPatterns(asks: { request: RankedRequest; accounts: AccountMention[] }[]): SegmentPattern[] {
  const groups = new Map<string, SegmentPattern>();
  for (const { request, accounts } of asks) {
    for (const account of accounts) {
      if (!account.segment) continue;
      const key = `${foldText(account.segment)}\u0000${foldText(request.id)}`;
      const group = groups.get(key) ?? { segment: account.segment, request, accounts: [] };
      groups.set(key, group);
      group.accounts.push(account.name);
    }
  }
  return [...groups.values()]
    .filter((g) => g.accounts.length >= 2)
    .sort((a, b) => b.accounts.length - a.accounts.length || a.request.rank - b.request.rank);
}
