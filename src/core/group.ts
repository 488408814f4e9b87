import { AccountPairs } from './account-pairs.js';
import { createTextFolder, type FoldedText } from './text.js';
import type { AccountMention, FeatureRequest, Issue, Mention, ScoringModel } from './types.js';

/** A request being grouped; its accounts are pairs in the grouper's AccountPairs. */
interface Draft {
  index: number;
  id: string;
  title: string;
  /** True until a row gives the id-keyed request a title of its own. */
  isUntitled: boolean;
  lines: number[];
  /** The first and last of its pairs; -1 before any. */
  firstPair: number;
  lastPair: number;
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

export function createRequestGrouper(aggregate: ScoringModel['aggregate']): RequestGrouper {
  // Keyed by folded id or title: the folder hands out one string per distinct key, so lookups reuse its hash.
  const drafts = { id: new Map<string, Draft>(), title: new Map<string, Draft>() };
  const inOrder: Draft[] = [];
  const fold = createTextFolder();
  const accounts = createAccountCounter();
  return {
    add(mention) {
      const issue = requestlessRowIssue(mention);
      if (issue) return issue;
      for (const { kind, key, id } of requestKeys(mention, fold)) {
        let draft = drafts[kind].get(key);
        if (!draft) {
          drafts[kind].set(key, (draft = newDraft(inOrder.length, id)));
          inOrder.push(draft);
        }
        addMention(draft, mention, fold);
        accounts.add(draft, mention, fold);
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
        requests.push(finish(draft, accounts.pairs.accounts(draft.firstPair), aggregate.deal_value));
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
    message: 'names no request (no id and no title); skipped',
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
    firstPair: -1,
    lastPair: -1,
    numbers: {},
    texts: {},
  };
}

function addMention(draft: Draft, mention: Mention, fold: Folder): void {
  // A row naming several accounts or requests arrives as several mentions of one line.
  if (draft.lines.at(-1) !== mention.line) draft.lines.push(mention.line);
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
    add(draft: Draft, mention: Mention, fold: Folder): void {
      // A row without an account is an account of its own: it is still someone asking.
      const { text: name, folded } = fold(mention.account?.trim() || `(no account, line ${mention.line})`);
      let account = accountIds.get(folded);
      if (account === undefined) accountIds.set(folded, (account = accountIds.size));
      const segment = mention.texts.segment?.[0];
      const pair = pairs.count(draft.index, account, name, mention.numbers.deal_value ?? NaN, segment ? fold(segment).text : undefined);
      if (pair === undefined) return;
      if (draft.lastPair < 0) draft.firstPair = pair;
      else pairs.link(draft.lastPair, pair);
      draft.lastPair = pair;
    },
  };
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

function finish(draft: Draft, accounts: AccountMention[], combine: 'sum' | 'max'): FeatureRequest {
  const { id, title, lines, numbers, status } = draft;
  const texts: Record<string, string[]> = {};
  for (const field in draft.texts) texts[field] = draft.texts[field]!.distinct.map((d) => d.text.trim());
  const request: FeatureRequest = { id, title, lines, accounts, numbers, texts, ...(status === undefined ? {} : { status }) };
  const dealValue = combineDealValues(accounts, combine);
  if (dealValue !== undefined) [request.dealValue, request.numbers.deal_value] = [dealValue, dealValue];
  return request;
}

/** The accounts' deal values summed or maxed; undefined when none has one. */
export function combineDealValues(accounts: readonly AccountMention[], combine: 'sum' | 'max'): number | undefined {
  let combined: number | undefined;
  for (const { dealValue } of accounts) {
    if (dealValue === undefined) continue;
    combined = combined === undefined ? dealValue : combine === 'sum' ? combined + dealValue : Math.max(combined, dealValue);
  }
  return combined;
}
