import { foldText } from '../text/folding.js';
import { suggestTitles } from '../text/similarity.js';
import type { DealOutcome, DealRow, FeatureRequest, Issue } from '../types.js';

/** A closed deal: its rows in the export combined, so it counts once. */
export interface Deal {
  /** The first line the deal is on. */
  line: number;
  name: string;
  account?: string;
  segment?: string;
  outcome: DealOutcome;
  /** The largest amount of its rows, in the base currency. */
  amount?: number;
  reason?: string;
  /** Ids of the requests it cites, each once. */
  requestIds: string[];
}

/** A cited request that matches no request in the export. */
export interface UnmatchedCitation {
  citation: string;
  lines: number[];
  /** Closed deals citing it, each once, and their value. */
  lostDeals: number;
  lostValue: number;
  wonDeals: number;
  wonValue: number;
  /** Titles of requests it may have meant, most alike first. */
  suggestions: string[];
}

export interface WinLossJoin {
  /** The requests with lost_value, lost_deals, won_value, won_deals in numbers. */
  requests: FeatureRequest[];
  deals: Deal[];
  unmatched: UnmatchedCitation[];
  issues: Issue[];
}

/** The outcome a CRM stage name means: "Closed Won", "closedlost", "Lost"; undefined for open stages. */
export function outcomeOf(stage: string | undefined): DealOutcome | undefined {
  const letters = (stage ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (/^(closed)?(won|win)$/.test(letters)) return 'won';
  if (/^(closed)?(lost|loss)$/.test(letters)) return 'lost';
  return undefined;
}

/**
 * The requests a cited cell names: the whole cell when it is a request's id or
 * title (titles may hold commas), else its parts split at `;` (Salesforce
 * multi-select), or at `,` when there is no `;`.
 */
export function splitCitations(cell: string, isKnown: (citation: string) => boolean): string[] {
  const whole = cell.trim();
  if (!whole || isKnown(whole)) return whole ? [whole] : [];
  const parts = whole.split(whole.includes(';') ? ';' : ',');
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * Joins closed deals to requests by id, else by title (case- and space-
 * insensitive). Rows of one deal (same name and account) combine; a deal adds
 * to a request once however often it cites it. Open deals are left out.
 */
export function joinWinLoss(requests: readonly FeatureRequest[], rows: readonly DealRow[], source: string): WinLossJoin {
  const index = indexRequests(requests);
  const deals = new Map<string, Deal>();
  const unmatched = new Map<string, { citation: string; lines: number[]; deals: Set<Deal> }>();
  const issues: Issue[] = [];
  let openRows = 0;
  for (const row of rows) {
    const outcome = outcomeOf(row.stage);
    if (!outcome) {
      openRows += 1;
      continue;
    }
    const deal = dealFor(deals, row, outcome);
    for (const citation of row.cited.flatMap((cell) => splitCitations(cell, (c) => index.has(foldText(c))))) {
      const request = index.get(foldText(citation));
      if (request) {
        if (!deal.requestIds.includes(request.id)) deal.requestIds.push(request.id);
        continue;
      }
      const entry = unmatched.get(foldText(citation)) ?? { citation, lines: [], deals: new Set<Deal>() };
      unmatched.set(foldText(citation), entry);
      if (entry.lines.at(-1) !== row.line) entry.lines.push(row.line);
      entry.deals.add(deal);
    }
  }
  if (openRows > 0) issues.push(openDealsNotice(source, openRows));
  const closed = [...deals.values()];
  const titles = requests.map((r) => r.title);
  return {
    requests: withWinLoss(requests, closed),
    deals: closed,
    unmatched: [...unmatched.values()].map(({ citation, lines, deals: citing }) => ({
      citation,
      lines,
      ...tally([...citing]),
      suggestions: suggestTitles(citation, titles),
    })),
    issues,
  };
}

function indexRequests(requests: readonly FeatureRequest[]): Map<string, FeatureRequest> {
  const index = new Map<string, FeatureRequest>();
  for (const request of requests) index.set(foldText(request.title), request);
  // Ids win over titles: an id is what the CRM field was made for.
  for (const request of requests) index.set(foldText(request.id), request);
  return index;
}

function dealFor(deals: Map<string, Deal>, row: DealRow, outcome: DealOutcome): Deal {
  const name = row.name ?? `(unnamed deal, line ${row.line})`;
  const key = `${foldText(name)}\u0000${foldText(row.account ?? '')}`;
  const existing = deals.get(key);
  if (existing) {
    if (row.amount !== undefined && (existing.amount === undefined || row.amount > existing.amount)) existing.amount = row.amount;
    existing.reason ??= row.reason;
    return existing;
  }
  const deal: Deal = { line: row.line, name, outcome, requestIds: [] };
  if (row.account !== undefined) deal.account = row.account;
  if (row.segment !== undefined) deal.segment = row.segment;
  if (row.amount !== undefined) deal.amount = row.amount;
  if (row.reason !== undefined) deal.reason = row.reason;
  deals.set(key, deal);
  return deal;
}

/** Lost and won deals among `deals`, and their value (a deal without an amount counts, adding 0). */
export function tally(deals: readonly Deal[]): Pick<UnmatchedCitation, 'lostDeals' | 'lostValue' | 'wonDeals' | 'wonValue'> {
  const lost = deals.filter((d) => d.outcome === 'lost');
  const won = deals.filter((d) => d.outcome === 'won');
  const sum = (list: Deal[]) => list.reduce((total, d) => total + (d.amount ?? 0), 0);
  return { lostDeals: lost.length, lostValue: sum(lost), wonDeals: won.length, wonValue: sum(won) };
}

function withWinLoss(requests: readonly FeatureRequest[], deals: readonly Deal[]): FeatureRequest[] {
  const citing = new Map<string, Deal[]>();
  for (const deal of deals) for (const id of deal.requestIds) pushTo(citing, id, deal);
  return requests.map((request) => {
    const t = tally(citing.get(request.id) ?? []);
    const numbers = { lost_value: t.lostValue, lost_deals: t.lostDeals, won_value: t.wonValue, won_deals: t.wonDeals };
    return { ...request, numbers: { ...request.numbers, ...numbers } };
  });
}

function openDealsNotice(source: string, rows: number): Issue {
  return {
    code: 'DEAL_NOT_CLOSED',
    severity: 'notice',
    message: `${source}: skipped ${rows} row${rows === 1 ? '' : 's'} whose stage is neither won nor lost (open deals are not win/loss evidence)`,
  };
}

/** One warning per citation that matches no request, with what it may have meant. */
export function describeUnmatched(unmatched: readonly UnmatchedCitation[], source: string): Issue[] {
  return unmatched.map((u) => ({
    code: 'CITATION_UNMATCHED',
    severity: 'warning',
    line: u.lines[0]!,
    value: u.citation,
    message: `${source}:${u.lines[0]!} cites "${u.citation}", which matches no request id or title${
      u.suggestions.length > 0 ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(' or ')}?)` : ''
    }; not counted (${describeLines(u.lines)})`,
  }));
}

/** Lost deals sharing a loss reason, overall and per segment. */
export interface LossReason {
  reason: string;
  deals: number;
  value: number;
  segments: { segment: string; deals: number; value: number }[];
}

/** Loss reasons ranked by lost value (then deals, then name); each lost deal counted once. */
export function rankLossReasons(deals: readonly Deal[]): LossReason[] {
  const byReason = new Map<string, Deal[]>();
  for (const deal of deals.filter((d) => d.outcome === 'lost')) {
    const reason = deal.reason ?? '(no reason given)';
    const key = foldText(reason);
    pushTo(byReason, key, deal);
  }
  return [...byReason.values()]
    .map((list) => ({
      reason: list[0]!.reason ?? '(no reason given)',
      ...sumDeals(list),
      segments: groupBySegment(list),
    }))
    .sort(byValue((r) => r.reason));
}

function groupBySegment(deals: readonly Deal[]): LossReason['segments'] {
  const bySegment = new Map<string, Deal[]>();
  for (const deal of deals) {
    const segment = deal.segment ?? '(no segment)';
    pushTo(bySegment, segment, deal);
  }
  return [...bySegment].map(([segment, list]) => ({ segment, ...sumDeals(list) })).sort(byValue((s) => s.segment));
}

function sumDeals(deals: readonly Deal[]): { deals: number; value: number } {
  return { deals: deals.length, value: deals.reduce((total, d) => total + (d.amount ?? 0), 0) };
}

function byValue<T extends { value: number; deals: number }>(name: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => b.value - a.value || b.deals - a.deals || name(a).localeCompare(name(b));
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** "line 7", "lines 7, 9", "lines 7, 9, 12, 15, 20 and 3 more": citations may recur on thousands of rows. */
export function describeLines(lines: readonly number[], shown = 5): string {
  const listed = lines.slice(0, shown).join(', ');
  const more = lines.length > shown ? ` and ${lines.length - shown} more` : '';
  return `line${lines.length === 1 ? '' : 's'} ${listed}${more}`;
}
