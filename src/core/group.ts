import { foldText } from './text.js';
import type { AccountMention, FeatureRequest, Issue, Mention, ScoringModel } from './types.js';

interface Draft extends FeatureRequest {
  /** True until a row gives the id-keyed request a title of its own. */
  isUntitled: boolean;
  accountsByKey: Map<string, AccountMention>;
  foldedTexts: Map<string, Set<string>>;
}

/** Combines mentions into requests as they stream in; memory grows with requests and accounts, not rows. */
export interface RequestGrouper {
  /** Adds one row; returns an issue when the row names no request. */
  add(mention: Mention): Issue | undefined;
  requests(): FeatureRequest[];
}

export function createRequestGrouper(aggregate: ScoringModel['aggregate']): RequestGrouper {
  const drafts = new Map<string, Draft>();
  return {
    add(mention) {
      const keys = requestKeys(mention);
      if (keys.length === 0) {
        return {
          code: 'ROW_WITHOUT_REQUEST',
          severity: 'warning',
          line: mention.line,
          message: 'names no request (no id and no title); skipped',
        };
      }
      for (const { key, id } of keys) {
        let draft = drafts.get(key);
        if (!draft) drafts.set(key, (draft = newDraft(id)));
        addMention(draft, mention);
      }
      return undefined;
    },
    requests: () => [...drafts.values()].map((d) => finish(d, aggregate.deal_value)),
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

function requestKeys(mention: Mention): { key: string; id: string }[] {
  if (mention.ids.length > 0) {
    const byKey = new Map(mention.ids.map((id) => [`id:${foldText(id)}`, id.trim()]));
    return [...byKey].map(([key, id]) => ({ key, id }));
  }
  const title = mention.title?.trim();
  return title ? [{ key: `title:${foldText(title)}`, id: title }] : [];
}

function newDraft(id: string): Draft {
  return {
    id,
    title: id,
    isUntitled: true,
    lines: [],
    accounts: [],
    numbers: {},
    texts: {},
    accountsByKey: new Map(),
    foldedTexts: new Map(),
  };
}

function addMention(draft: Draft, mention: Mention): void {
  draft.lines.push(mention.line);
  if (draft.isUntitled && mention.title) [draft.title, draft.isUntitled] = [mention.title, false];
  addAccount(draft, mention);
  for (const [field, value] of Object.entries(mention.numbers)) {
    if (field !== 'deal_value') draft.numbers[field] = value;
  }
  for (const [field, values] of Object.entries(mention.texts)) {
    for (const value of values) addText(draft, field, value);
  }
  const status = mention.texts.status?.at(-1);
  if (status) draft.status = status;
}

function addAccount(draft: Draft, mention: Mention): void {
  // A row without an account is an account of its own: it is still someone asking.
  const name = mention.account?.trim() || `(no account, line ${mention.line})`;
  countAccount(draft.accounts, draft.accountsByKey, name, mention.numbers.deal_value, mention.texts.segment?.[0]);
}

/** Adds an account once (by folded name), keeping its largest deal value and the first segment seen. */
export function countAccount(
  accounts: AccountMention[],
  byKey: Map<string, AccountMention>,
  name: string,
  dealValue: number | undefined,
  segment?: string,
): void {
  const key = foldText(name);
  const existing = byKey.get(key);
  if (!existing) {
    const account: AccountMention = dealValue === undefined ? { name } : { name, dealValue };
    if (segment) account.segment = segment;
    byKey.set(key, account);
    accounts.push(account);
    return;
  }
  if (segment) existing.segment ??= segment;
  if (dealValue !== undefined && (existing.dealValue === undefined || dealValue > existing.dealValue)) {
    existing.dealValue = dealValue;
  }
}

function addText(draft: Draft, field: string, value: string): void {
  let seen = draft.foldedTexts.get(field);
  if (!seen) draft.foldedTexts.set(field, (seen = new Set()));
  const folded = foldText(value);
  if (seen.has(folded)) return;
  seen.add(folded);
  (draft.texts[field] ??= []).push(value.trim());
}

function finish(draft: Draft, combine: 'sum' | 'max'): FeatureRequest {
  const { isUntitled: _untitled, accountsByKey: _accounts, foldedTexts: _texts, ...request } = draft;
  const dealValue = combineDealValues(request.accounts, combine);
  if (dealValue !== undefined) [request.dealValue, request.numbers.deal_value] = [dealValue, dealValue];
  return request;
}

/** The accounts' deal values summed or maxed; undefined when none has one. */
export function combineDealValues(accounts: readonly AccountMention[], combine: 'sum' | 'max'): number | undefined {
  const values = accounts.flatMap((a) => (a.dealValue === undefined ? [] : [a.dealValue]));
  if (values.length === 0) return undefined;
  return values.reduce(combine === 'sum' ? (a, b) => a + b : (a, b) => Math.max(a, b));
}
