import { AccountPairs } from './account-pairs.js';
import { createTextFolder, type FoldedText } from '../text/folding.js';
import type { AccountMention, FeatureRequest, Issue, Mention, ScoringModel, UnattributedMentions } from '../types.js';

/** A request being grouped; its accounts are pairs in the grouper's AccountPairs. */
interface Draft {
  index: number;
  id: string;
  title: string;
  /** True until a row gives the id-keyed request a title of its own. */
  isUntitled: boolean;
  lines: number[];
  /** The largest of lines; -1 before any. */
  lastLine: number;
  /** The first and last of its pairs; -1 before any. */
  firstPair: number;
  lastPair: number;
  /** Rows that name no account, and their deals combined (undefined: none had one). */
  unattributed: number;
  unattributedDeal: number | undefined;
  /** With decay: the unattributed rows, each weighted by its age. */
  unattributedWeight: number;
  /** The newest mention's day; NaN before any dated one. */
  lastDay: number;
  numbers: Record<string, number>;
  /** Field -> its distinct texts, as first spelled. */
  texts: Record<string, FieldTexts>;
  status?: string;
}

/** Combines mentions into requests as they stream in; memory grows with requests and accounts, not rows. */
export interface RequestGrouper {
  /** Adds one row; returns an issue when the row names no request. */
  add(mention: Mention): Issue | undefined;
  /** Ends the grouping: each draft is let go as its request is built, so the two are never all in memory at once. */
  requests(): FeatureRequest[];
}

/** How old mentions weigh as they are grouped: half as much every half-life, counted back from asOf. */
export interface MentionDecay {
  halfLifeDays: number;
  asOf: number;
}

export function createRequestGrouper(aggregate: ScoringModel['aggregate'], decay?: MentionDecay): RequestGrouper {
  // Keyed by folded id or title: the folder hands out one string per distinct key, so lookups reuse its hash.
  const drafts = { id: new Map<string, Draft>(), title: new Map<string, Draft>() };
  const inOrder: Draft[] = [];
  const fold = createTextFolder();
  const accounts = createAccountCounter();
  return {
    add(mention) {
      const issue = requestlessRowIssue(mention);
      if (issue) return issue;
      const account = mention.account?.trim();
      const weight = decay ? decayWeight(mention.day, decay) : 1;
      const deal = mention.numbers.deal_value === undefined ? undefined : mention.numbers.deal_value * weight;
      for (const { kind, key, id } of requestKeys(mention, fold)) {
        let draft = drafts[kind].get(key);
        if (!draft) {
          drafts[kind].set(key, (draft = newDraft(inOrder.length, id)));
          inOrder.push(draft);
        }
        const isRepeat = !account && hasLine(draft, mention.line);
        addMention(draft, mention, fold);
        if (account) accounts.add(draft, account, mention, fold, deal, weight);
        else if (!isRepeat) addUnattributed(draft, deal, aggregate.deal_value, weight);
      }
      return undefined;
    },
    requests() {
      drafts.id.clear();
      drafts.title.clear();
      accounts.pairs.seal();
      const requests: FeatureRequest[] = [];
      inOrder.reverse();
      for (let draft = inOrder.pop(); draft; draft = inOrder.pop()) {
        requests.push(finish(draft, accounts.pairs, aggregate.deal_value, decay !== undefined));
      }
      return requests;
    },
  };
}

/** The warning for a row that names no request (no id and no title), which grouping skips. */
export function requestlessRowIssue(mention: Mention): Issue | undefined {
  if (mention.ids.length > 0 || mention.title?.trim()) return undefined;
  return {
    code: 'ROW_WITHOUT_REQUEST',
    severity: 'warning',
    line: mention.line,
    args: {},
  };
}

/** Groups mentions in one call; see createRequestGrouper. */
export function groupRequests(
  mentions: Iterable<Mention>,
  aggregate: ScoringModel['aggregate'],
): { requests: FeatureRequest[]; issues: Issue[] } {
  const grouper = createRequestGrouper(aggregate);
  const issues: Issue[] = [];
  for (const mention of mentions) {
    const issue = grouper.add(mention);
    if (issue) issues.push(issue);
  }
  return { requests: grouper.requests(), issues };
}

interface RequestKey {
  kind: 'id' | 'title';
  key: string;
  id: string;
}

type Folder = (text: string) => FoldedText;

function requestKeys(mention: Mention, fold: Folder): RequestKey[] {
  const { ids } = mention;
  if (ids.length === 1) return [{ kind: 'id', key: fold(ids[0]!).folded, id: ids[0]!.trim() }];
  if (ids.length > 1) {
    const byKey = new Map(ids.map((id) => [fold(id).folded, id.trim()]));
    return [...byKey].map(([key, id]) => ({ kind: 'id', key, id }));
  }
  const title = mention.title?.trim();
  return title ? [{ kind: 'title', key: fold(title).folded, id: title }] : [];
}

function newDraft(index: number, id: string): Draft {
  return {
    index,
    id,
    title: id,
    isUntitled: true,
    lines: [],
    lastLine: -1,
    firstPair: -1,
    lastPair: -1,
    unattributed: 0,
    unattributedDeal: undefined,
    unattributedWeight: 0,
    lastDay: NaN,
    numbers: {},
    texts: {},
  };
}

function addMention(draft: Draft, mention: Mention, fold: Folder): void {
  // A row naming several accounts or requests arrives as several mentions of one line.
  if (draft.lines.at(-1) !== mention.line) draft.lines.push(mention.line);
  draft.lastLine = Math.max(draft.lastLine, mention.line);
  if (mention.day !== undefined && !(mention.day <= draft.lastDay)) draft.lastDay = mention.day;
  if (draft.isUntitled && mention.title) [draft.title, draft.isUntitled] = [mention.title, false];
  for (const field in mention.numbers) {
    if (field !== 'deal_value') draft.numbers[field] = mention.numbers[field]!;
  }
  for (const field in mention.texts) {
    for (const value of mention.texts[field]!) addText(draft, field, value, fold);
  }
  const status = mention.texts.status?.at(-1);
  if (status) draft.status = status;
}

/** Counts each row's account once per request (by folded name), keeping its largest deal value and the first segment seen. */
function createAccountCounter() {
  const pairs = new AccountPairs();
  const accountIds = new Map<string, number>();
  return {
    pairs,
    add(draft: Draft, accountCell: string, mention: Mention, fold: Folder, deal: number | undefined, weight: number): void {
      const { text: name, folded } = fold(accountCell);
      let account = accountIds.get(folded);
      if (account === undefined) accountIds.set(folded, (account = accountIds.size));
      const segment = mention.texts.segment?.[0];
      const pair = pairs.count(draft.index, account, name, deal ?? NaN, segment ? fold(segment).text : undefined, weight);
      if (pair === undefined) return;
      if (draft.lastPair < 0) draft.firstPair = pair;
      else pairs.link(draft.lastPair, pair);
      draft.lastPair = pair;
    },
  };
}

/**
 * A row that names no account is someone asking, but no customer: it is
 * counted apart, and its deal adds to the request's once, since nothing tells
 * two such rows apart.
 */
function addUnattributed(draft: Draft, deal: number | undefined, combine: 'sum' | 'max', weight: number): void {
  draft.unattributed += 1;
  draft.unattributedWeight += weight;
  if (deal !== undefined) draft.unattributedDeal = combineDeal(draft.unattributedDeal, deal, combine);
}

/** Whether the request has seen this line: a row fed twice is still one row. Lines come in order, so the search is rare. */
function hasLine(draft: Draft, line: number): boolean {
  return line <= draft.lastLine && draft.lines.includes(line);
}

const MAX_TEXTS_SCANNED = 8;

/**
 * A field's distinct texts in one request. Most requests have a handful, so
 * they are scanned (no Set per field and request: a million rows make tens of
 * thousands of requests); a field with many, like dates, gets a Set.
 */
interface FieldTexts {
  distinct: FoldedText[];
  folded?: Set<string>;
}

function addText(draft: Draft, field: string, value: string, fold: Folder): void {
  const seen = (draft.texts[field] ??= { distinct: [] });
  // Most rows repeat a text exactly as first spelled: found without folding.
  if (!seen.folded && seen.distinct.some((d) => d.text === value)) return;
  const entry = fold(value);
  if (seen.folded ? seen.folded.has(entry.folded) : seen.distinct.some((d) => d.folded === entry.folded)) return;
  seen.distinct.push(entry);
  if (seen.folded) seen.folded.add(entry.folded);
  else if (seen.distinct.length > MAX_TEXTS_SCANNED) seen.folded = new Set(seen.distinct.map((d) => d.folded));
}

/**
 * A mention's weight as of `asOf`: 1 when new, half after one half-life, a quarter after two.
 * An undated mention, or one dated after asOf, counts in full.
 */
export function decayWeight(day: number | undefined, decay: MentionDecay): number {
  if (day === undefined || day >= decay.asOf) return 1;
  return Math.pow(0.5, (decay.asOf - day) / decay.halfLifeDays);
}

function finish(draft: Draft, pairs: AccountPairs, combine: 'sum' | 'max', isDecayed: boolean): FeatureRequest {
  const { id, title, lines, numbers, status } = draft;
  const texts: Record<string, string[]> = {};
  for (const field in draft.texts) texts[field] = draft.texts[field]!.distinct.map((d) => d.text.trim());
  const accounts = pairs.accounts(draft.firstPair, isDecayed);
  const unattributed = toUnattributed(draft.unattributed, draft.unattributedDeal);
  const request: FeatureRequest = {
    id,
    title,
    lines,
    accounts,
    ...(unattributed === undefined ? {} : { unattributed }),
    numbers,
    texts,
    ...(status === undefined ? {} : { status }),
  };
  const dealValue = combineDealValues(request, combine);
  if (dealValue !== undefined) [request.dealValue, request.numbers.deal_value] = [dealValue, dealValue];
  if (!Number.isNaN(draft.lastDay)) request.lastMentionDay = draft.lastDay;
  if (isDecayed) request.decayedCount = { accounts: sumWeights(accounts), unattributed: draft.unattributedWeight };
  return request;
}

/** With decay: the accounts counted by the weight of their newest mention. */
export function sumWeights(accounts: readonly AccountMention[]): number {
  return accounts.reduce((sum, account) => sum + (account.weight ?? 1), 0);
}

function toUnattributed(mentions: number, dealValue: number | undefined): UnattributedMentions | undefined {
  if (mentions === 0) return undefined;
  return dealValue === undefined ? { mentions } : { mentions, dealValue };
}

/** The unattributed mentions of two requests made one: counts added, deals combined as the accounts' are. */
export function mergeUnattributed(
  a: UnattributedMentions | undefined,
  b: UnattributedMentions | undefined,
  combine: 'sum' | 'max',
): UnattributedMentions | undefined {
  if (!a || !b) return a ?? b;
  const dealValue = b.dealValue === undefined ? a.dealValue : combineDeal(a.dealValue, b.dealValue, combine);
  return toUnattributed(a.mentions + b.mentions, dealValue);
}

/** The request's deal value: its accounts' deals and its unattributed mentions' combined; undefined when none has one. */
export function combineDealValues(request: Pick<FeatureRequest, 'accounts' | 'unattributed'>, combine: 'sum' | 'max'): number | undefined {
  let combined: number | undefined;
  for (const { dealValue } of request.accounts) {
    if (dealValue !== undefined) combined = combineDeal(combined, dealValue, combine);
  }
  const unattributed = request.unattributed?.dealValue;
  return unattributed === undefined ? combined : combineDeal(combined, unattributed, combine);
}

function combineDeal(combined: number | undefined, deal: number, combine: 'sum' | 'max'): number {
  return combined === undefined ? deal : combine === 'sum' ? combined + deal : Math.max(combined, deal);
}

/**
 * Requests whose deal values add up past the largest double (Infinity): their deal value
 * counts as missing, with a warning naming them, rather than rank first as "$InfinityB".
 */
export function dropOverflowingDeals(requests: FeatureRequest[]): Issue[] {
  const issues: Issue[] = [];
  for (const request of requests) {
    if (request.dealValue === undefined || Number.isFinite(request.dealValue)) continue;
    delete request.dealValue;
    delete request.numbers.deal_value;
    issues.push({
      code: 'DEAL_VALUE_OVERFLOW',
      severity: 'warning',
      path: request.id,
      args: { request: request.id },
    });
  }
  return issues;
}
