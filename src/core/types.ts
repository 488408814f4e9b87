import type { Config, EscalationRule } from './config/schema.js';
import type { Decision } from './decisions/schema.js';

/** A value a PM is unsure of: any number between two, or any of the labels from one to another of a criterion's map. */
export type ValueRange = { kind: 'numbers'; low: number; high: number; text: string } | { kind: 'labels'; labels: string[]; text: string };

/** A criterion's transform of a raw value to [0,1]. */
export type Transform =
  | { kind: 'log'; max: number }
  | { kind: 'linear'; min: number; max: number }
  | {
      kind: 'map';
      map: ReadonlyMap<string, number>;
      default: number;
      /** Folded key -> the key as the config spells it, for reports ("effort M instead of XL"). */
      labels?: ReadonlyMap<string, string>;
    };

/** One weighted criterion of the model. */
export interface Criterion {
  name: string;
  description?: string;
  /** Plain words for the criterion, for sales. */
  label?: string;
  /** Sales phrases for a high and a low score; {value} stands for the request's value. */
  sales?: { strong?: string; weak?: string };
  weight: number;
  field: string;
  /** The config declares the field money (money: true), as deal_value, lost_value and won_value are. */
  isMoney?: boolean;
  transform: Transform;
  /** Normalized value used when the request has no value for the field. */
  missing: number;
  /** field: accounts also counts the rows that name no account. */
  countUnattributed?: boolean;
  /** How sure its values are, in (0, 1]: under --uncertainty a normalised value varies by up to 1 - confidence. */
  confidence?: number;
}

/** What every kind of model shares: how the export is read, placed in horizons and escalated. */
interface ModelBase {
  columns: Readonly<Record<string, string>>;
  currency: Config['currency'];
  aggregate: Config['aggregate'];
  /** Breaks score ties before deal value: a criterion (higher first) or framework input (divisors smaller first). */
  tiebreak?: { name: string; isAscending: boolean };
  horizons: Config['horizons'];
  escalation: EscalationRule[];
  /** How plan sizes requests; absent when the config has no plan section. */
  plan?: PlanSizing;
  /** Demand that ages: the date field of each mention, its half-life and when a request goes stale (days). */
  aging?: Aging;
}

/** How the age of mentions counts: set by the config's decay and stale_after. */
export interface Aging {
  field: string;
  halfLifeDays?: number;
  staleAfterDays?: number;
}

/** Weighted criteria: each request scores 0-100, the sum of its criteria's points. */
export interface WeightedModel extends ModelBase {
  kind: 'weighted';
  criteria: Criterion[];
}

/** RICE (Intercom): reach x impact x confidence / effort, in RICE's own unit. */
export interface RiceModel extends ModelBase {
  kind: 'rice';
}

/** WSJF (SAFe): cost of delay / job size, in WSJF's own unit. */
export interface WsjfModel extends ModelBase {
  kind: 'wsjf';
}

/** ICE (Sean Ellis): impact, confidence and ease, each 1-10, averaged or multiplied. */
export interface IceModel extends ModelBase {
  kind: 'ice';
  combine: 'average' | 'product';
}

/** A framework scores a request from its own inputs, in the framework's own unit. */
export type FrameworkModel = RiceModel | WsjfModel | IceModel;

/** The validated scoring model, ready to score with: one case per kind, so each analysis says what it does for each. */
export type ScoringModel = WeightedModel | FrameworkModel;

/** weighted, rice, wsjf or ice: what a model scores with and the unit of its scores. */
export type ModelKind = ScoringModel['kind'];

/** For a switch over model kinds: a kind left out fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected model kind: ${JSON.stringify(value)}`);
}

/** The field that sizes a request, and the size of each of its text values (folded). */
export interface PlanSizing {
  field: string;
  sizes: ReadonlyMap<string, number>;
}

/** One CSV row: one request asked by one account (or by no one the row names). */
export interface Mention {
  /** Line number as a spreadsheet shows it (the header is line 1). */
  line: number;
  /** The request ids the row names (several when aggregate.split applies). */
  ids: string[];
  title?: string;
  account?: string;
  /** Parsed numeric fields (deal_value already in the base currency). */
  numbers: Record<string, number>;
  /** Non-empty text cells by field (several for repeated headers). */
  texts: Record<string, string[]>;
  /** The row's date (model.aging.field) as a day number, when the model ages demand. */
  day?: number;
}

/** An account asking for a request, counted once with its largest deal. */
export interface AccountMention {
  name: string;
  dealValue?: number;
  /** The segment of the account's first row that named one. */
  segment?: string;
  /** With decay: the weight of its newest mention (1 when new, 1/2 one half-life old); its deal value is weighted already. */
  weight?: number;
}

/** The rows of a request that name no account: someone asked, but no customer can be counted for them. */
export interface UnattributedMentions {
  /** Rows, each counted once: nothing tells two of them apart. */
  mentions: number;
  /** Their deal values combined as the accounts' are (sum or max); absent when none had one. */
  dealValue?: number;
}

/** A request: every mention with the same id (or title) combined. */
export interface FeatureRequest {
  id: string;
  title: string;
  lines: number[];
  /** The distinct accounts asking: the customers. */
  accounts: AccountMention[];
  /** Set when rows name no account; they are never counted as accounts. */
  unattributed?: UnattributedMentions;
  /** Aggregated deal value over the accounts and unattributed mentions (sum or max), if any row had one. */
  dealValue?: number;
  /** Numeric fields: deal_value aggregated, others the last non-empty value. */
  numbers: Record<string, number>;
  /** Text fields: distinct values in order of first appearance. */
  texts: Record<string, string[]>;
  /** Last non-empty status cell. */
  status?: string;
  /** Ids of the requests merged into this one in triage (decisions.yaml merge_into). */
  mergedIds?: string[];
  /** The day of its newest dated mention (model.aging.field), when the model ages demand. */
  lastMentionDay?: number;
  /** Fields whose value is a range (export or decisions.yaml): the request scores its middle, --uncertainty samples it. */
  ranges?: Record<string, ValueRange>;
  /** With decay: accounts and unattributed rows, each weighted by the age of its newest mention (deal values are decayed already). */
  decayedCount?: { accounts: number; unattributed: number };
}

/** How one criterion scored one request. */
export interface CriterionScore {
  /** The value behind the score: a number, the text that scored best, or undefined. */
  raw?: number | string;
  normalized: number;
  points: number;
  isMissing: boolean;
}

export type { Decision } from './decisions/schema.js';
export type { DecisionKind } from './decisions/kinds.js';

/** A request with its score, horizon and escalations. */
export interface ScoredRequest extends FeatureRequest {
  score: number;
  criteria: Record<string, CriterionScore>;
  horizon?: string;
  escalations: string[];
  /** Framework score term by term ("450 reach x 3 impact x 100% / 2 person-months = 675"). */
  explanation?: string;
  /** Why a framework could not score the request ("effort missing"); such requests rank last. */
  unscorable?: string;
  /** The PM's triage decision, when a decisions file was applied. */
  decision?: Decision;
  /** No mention for longer than the config's stale_after, as of --as-of. */
  isStale?: boolean;
}

/** A scored request with its place in the ranking (1-based). */
export interface RankedRequest extends ScoredRequest {
  rank: number;
}

export type { Issue, Severity } from './issues.js';

/** Outcome of a closed deal in a win/loss export. */
export type DealOutcome = 'won' | 'lost';

/** One row of a win/loss export: a closed (or open) deal and the requests it cites. */
export interface DealRow {
  line: number;
  /** Opportunity or deal name. */
  name?: string;
  account?: string;
  segment?: string;
  /** The stage or outcome cell as written ("Closed Lost"). */
  stage?: string;
  amount?: number;
  reason?: string;
  /** Cited request cells as written; split and matched by the core. */
  cited: string[];
}
