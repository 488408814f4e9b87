import { foldText } from './model.js';
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
  const fold = memoizeFold();
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
        addMention(draft, mention, fold);
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
  if (mention.ids.length === 1) return [{ key: `id:${foldText(mention.ids[0]!)}`, id: mention.ids[0]!.trim() }];
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

/** A text as first seen (shared, so a million rows naming one account hold its name once) and its folded form. */
interface FoldedText {
  text: string;
  folded: string;
}

type Fold = (text: string) => FoldedText;

/** foldText with a cache: exports repeat the same account names and categories on every row. */
function memoizeFold(): Fold {
  const cache = new Map<string, FoldedText>();
  return (text) => {
    let entry = cache.get(text);
    if (entry === undefined) cache.set(text, (entry = { text, folded: foldText(text) }));
    return entry;
  };
}

function addMention(draft: Draft, mention: Mention, fold: Fold): void {
  draft.lines.push(mention.line);
  if (draft.isUntitled && mention.title) [draft.title, draft.isUntitled] = [mention.title, false];
  addAccount(draft, mention, fold);
  for (const [field, value] of Object.entries(mention.numbers)) {
    if (field !== 'deal_value') draft.numbers[field] = value;
  }
  for (const [field, values] of Object.entries(mention.texts)) {
    for (const value of values) addText(draft, field, fold(value));
  }
  const status = mention.texts.status?.at(-1);
  if (status) draft.status = status;
}

function addAccount(draft: Draft, mention: Mention, fold: Fold): void {
  const account = mention.account?.trim();
  // A row without an account is an account of its own: it is still someone asking.
  const { text: name, folded: key } = account
    ? fold(account)
    : { text: `(no account, line ${mention.line})`, folded: `\u0000${mention.line}` };
  const dealValue = mention.numbers.deal_value;
  const existing = draft.accountsByKey.get(key);
  if (!existing) {
    draft.accountsByKey.set(key, dealValue === undefined ? { name } : { name, dealValue });
  } else if (dealValue !== undefined && (existing.dealValue === undefined || dealValue > existing.dealValue)) {
    existing.dealValue = dealValue;
  }
}

function addText(draft: Draft, field: string, { text: value, folded }: FoldedText): void {
  let seen = draft.foldedTexts.get(field);
  if (!seen) draft.foldedTexts.set(field, (seen = new Set()));
  if (seen.has(folded)) return;
  seen.add(folded);
  (draft.texts[field] ??= []).push(value.trim());
}

function finish(draft: Draft, combine: 'sum' | 'max'): FeatureRequest {
  const { isUntitled: _untitled, accountsByKey, foldedTexts: _texts, ...request } = draft;
  request.accounts = [...accountsByKey.values()];
  const values = request.accounts.flatMap((a) => (a.dealValue === undefined ? [] : [a.dealValue]));
  if (values.length > 0) {
    request.dealValue = values.reduce(combine === 'sum' ? (a, b) => a + b : (a, b) => Math.max(a, b));
    request.numbers.deal_value = request.dealValue;
  }
  return request;
}
