import { combineDealValues, sumWeights } from './group.js';
import { countAccount } from '../decisions/apply.js';
import { foldText } from '../text/folding.js';
import type { AccountMention, DealRow, FeatureRequest, Issue } from '../types.js';

/** One row of an accounts file (--accounts): an account, the account it belongs to, its segment. */
export interface AccountRow {
  line: number;
  account: string;
  parent?: string;
  segment?: string;
}

/** Where each listed account counts: its top parent (or itself), with the segment the file gives it. */
export interface AccountHierarchy {
  /** Folded account name -> the account it counts as. */
  tops: ReadonlyMap<string, { name: string; segment?: string }>;
  issues: Issue[];
}

/** An account of the export counted under its top parent. */
export interface RolledUpAccount {
  account: string;
  parent: string;
}

/**
 * Resolves each account to its top parent. A parent the file does not list, or
 * a cycle of parents, is a finding: the account then counts as itself (an unknown
 * parent) or as the highest account below the cycle.
 */
export function buildHierarchy(rows: readonly AccountRow[], source: string): AccountHierarchy {
  const issues: Issue[] = [];
  const at = (row: AccountRow) => ({ severity: 'warning' as const, file: source, line: row.line, value: row.account });
  const byKey = new Map<string, AccountRow>();
  for (const row of rows) {
    const first = byKey.get(foldText(row.account));
    if (first) issues.push({ code: 'ACCOUNT_LISTED_TWICE', ...at(row), args: { account: row.account, firstLine: first.line } });
    else byKey.set(foldText(row.account), row);
  }
  const parentOf = new Map<string, string>();
  for (const [key, row] of byKey) {
    if (row.parent === undefined || foldText(row.parent) === key) continue;
    if (byKey.has(foldText(row.parent))) parentOf.set(key, foldText(row.parent));
    else issues.push({ code: 'ACCOUNT_PARENT_UNKNOWN', ...at(row), args: { account: row.account, parent: row.parent } });
  }
  const tops = new Map<string, { name: string; segment?: string }>();
  const reported = new Set<string>();
  for (const key of byKey.keys()) {
    const path = [key];
    for (let next = parentOf.get(key); next !== undefined; next = parentOf.get(next)) {
      if (path.includes(next)) {
        const cycle = path.slice(path.indexOf(next));
        if (!cycle.some((k) => reported.has(k))) {
          cycle.forEach((k) => reported.add(k));
          const names = [...cycle, next].map((k) => byKey.get(k)!.account);
          issues.push({ code: 'ACCOUNT_PARENT_CYCLE', ...at(byKey.get(next)!), args: { cycle: names } });
        }
        path.splice(path.indexOf(next));
        break;
      }
      path.push(next);
    }
    const top = byKey.get(path.at(-1) ?? key)!;
    tops.set(key, { name: top.account, ...(top.segment ? { segment: top.segment } : {}) });
  }
  return { tops, issues };
}

/**
 * Counts each account as its top parent: subsidiaries that asked for one request
 * become one account with the largest of their deals, and the deal value is
 * combined again. Returns the accounts rolled up, each once.
 */
export function rollUpAccounts(
  requests: readonly FeatureRequest[],
  hierarchy: AccountHierarchy,
  combine: 'sum' | 'max',
): { requests: FeatureRequest[]; rolledUp: RolledUpAccount[] } {
  const rolledUp = new Map<string, RolledUpAccount>();
  const rolled = requests.map((request) => {
    if (!request.accounts.some((a) => hierarchy.tops.has(foldText(a.name)))) return request;
    const accounts: AccountMention[] = [];
    const byKey = new Map<string, AccountMention>();
    for (const account of request.accounts) {
      const top = hierarchy.tops.get(foldText(account.name));
      if (top && foldText(top.name) !== foldText(account.name)) {
        rolledUp.set(foldText(account.name), { account: account.name, parent: top.name });
      }
      countAccount(accounts, byKey, top ? { ...account, name: top.name, ...(top.segment ? { segment: top.segment } : {}) } : account);
    }
    // A subsidiary's segment goes with it: the request's segments are now its accounts'.
    const texts = { ...request.texts, segment: distinctSegments(accounts) };
    const decayed = request.decayedCount && { decayedCount: { ...request.decayedCount, accounts: sumWeights(accounts) } };
    const dealValue = combineDealValues({ accounts, ...(request.unattributed ? { unattributed: request.unattributed } : {}) }, combine);
    if (dealValue === undefined) return { ...request, accounts, texts, ...decayed };
    return { ...request, accounts, texts, dealValue, numbers: { ...request.numbers, deal_value: dealValue }, ...decayed };
  });
  return { requests: rolled, rolledUp: [...rolledUp.values()] };
}

/** Closed deals under their account's top parent (and its segment, when the file gives one): a deal stays one deal. */
export function rollUpDeals(rows: readonly DealRow[], hierarchy: AccountHierarchy): DealRow[] {
  return rows.map((row) => {
    const top = row.account === undefined ? undefined : hierarchy.tops.get(foldText(row.account));
    return top ? { ...row, account: top.name, ...(top.segment ? { segment: top.segment } : {}) } : row;
  });
}

function distinctSegments(accounts: readonly AccountMention[]): string[] {
  const bySegment = new Map(accounts.flatMap((a) => (a.segment ? [[foldText(a.segment), a.segment] as const] : [])));
  return [...bySegment.values()];
}
