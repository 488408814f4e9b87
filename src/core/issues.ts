/** Errors stop a check and fail CI; warnings fail only under --strict; notices only inform. */
export type Severity = 'error' | 'warning' | 'notice';

/** Words still chosen where the finding is made; a code moves to structured arguments when its wording moves to reporters/words/issues.ts. */
export interface Prose {
  text: string;
}

/** A name (criterion, map key, horizon, rule) that repeats an earlier one. */
interface NameClash {
  name: string;
  first: string;
}

/**
 * Every issue code pm-rank reports, with the arguments its message is worded from (reporters/words/issues.ts).
 * The codes are public contract: scripts and CI match on them, so none is ever renamed.
 */
export interface IssueArgs {
  // The config file: reading and parsing.
  /** The config is over the size limit, so it is not parsed. */
  CONFIG_TOO_LARGE: { limitKb: number };
  /** The YAML nests deeper than a scoring model ever does, so it is not parsed. */
  YAML_TOO_DEEP: { limit: number };
  /** The YAML expands too many aliases (a "billion laughs" document). */
  YAML_ALIAS_LIMIT: { reason: string };
  /** The YAML parser's own error or warning. */
  YAML_SYNTAX: { reason: string };
  /** A key repeats an earlier key of the same mapping. */
  DUPLICATE_KEY: { key: string };
  /** A `__proto__` key, which a JavaScript object would drop. */
  PROTOTYPE_KEY: Record<string, never>;
  /** A key the schema does not know at this place. */
  UNKNOWN_KEY: { key: string; suggestion?: string; known: string[] };

  // The config file: the schema.
  /** A value of the wrong type ("expected a number, got "high""). */
  INVALID_TYPE: Expectation;
  /** A number or list outside its allowed range. */
  OUT_OF_RANGE: Expectation;
  /** A value that is none of the allowed ones. */
  INVALID_VALUE: Expectation;
  /** A text value of the wrong shape (a date, say). */
  INVALID_FORMAT: Expectation;
  /** The model kind needs criteria (weighted) and has none. */
  CRITERIA_MISSING: Record<string, never>;
  /** `criteria:` is an empty mapping. */
  NO_CRITERIA: Record<string, never>;
  /** An option that the criterion's transform, field or the model kind ignores ("min" applies to "scale: linear", not to "map"). */
  OPTION_NOT_APPLICABLE: { option: string; appliesTo: string; used: string };
  /** A criterion with both scale and map. */
  TRANSFORM_CONFLICT: Record<string, never>;
  /** A criterion with neither scale nor map. */
  TRANSFORM_MISSING: Record<string, never>;
  /** A scale without the bound it needs (max, or min for linear). */
  SCALE_BOUND_MISSING: { bound: 'min' | 'max'; scale: string };
  /** A log scale's max at or below 0. */
  SCALE_BOUND_INVALID: { max: number };
  /** A linear scale whose min is not below its max. */
  MIN_NOT_BELOW_MAX: { min: number; max: number };
  /** A tiebreak naming no criterion or framework term. */
  TIEBREAK_UNKNOWN: { tiebreak: string; known: string[] };
  /** A horizon other than the last without min_score. */
  HORIZON_THRESHOLD_MISSING: Record<string, never>;
  /** Horizons whose min_score does not fall from one to the next. */
  HORIZONS_NOT_DESCENDING: { minScore: number; previous: number };

  // The config file: rules a schema cannot express (core/config/rules.ts).
  /** Two criteria whose names differ only by case or spacing. */
  CRITERION_NAME_CLASH: NameClash;
  /** Two keys of one map that differ only by case or spacing. */
  MAP_KEY_CLASH: NameClash;
  /** Two horizons with the same name. */
  HORIZON_NAME_CLASH: { name: string; index: number };
  /** Two escalation rules with the same name. */
  ESCALATION_NAME_CLASH: { name: string; index: number };
  /** Two fields read from the same header. */
  COLUMN_HEADER_CLASH: { header: string; field: string };
  /** An escalation rule on a field nothing defines. */
  ESCALATION_FIELD_UNKNOWN: { field: string };
  /** An escalation condition whose min is above its max: it can never match. */
  MIN_ABOVE_MAX: { min: number; max: number };
  /** A horizon's min_score above 100, which no score reaches. */
  HORIZON_UNREACHABLE: { minScore: number };

  // The config against an export (check --data) and the export's header.
  /**
   * A column the config names that the export lacks (check --data: `header`, with a close `suggestion`),
   * or a field the model reads that no column of the export holds (`field`, with the headers `lookedFor`).
   */
  COLUMN_NOT_FOUND:
    | { source: string; header: string; suggestion?: string }
    | { source: string; field: string; lookedFor: string[]; configured?: string; consequence: Consequence };
  /** A field the config reads that the export has no recognisable column for; with `rule`, the escalation rule that never applies. */
  FIELD_NOT_DETECTED: { source: string; field: string; rule?: string };
  /** A map key no value of the export spells. */
  MAP_KEY_UNUSED: { key: string; field: string; source: string };
  /** A value of the export that the map does not cover, so it scores the default. */
  MAP_VALUE_UNCOVERED: { text: string; field: string; requests: number; source: string };
  /** The top N changes under small weight changes (check --data --top). */
  TOP_FRAGILE: { top: number; source: string; spread: number; isWeighted: boolean; fragile: { id: string; share: number }[] };
  /** Neither a request id nor a title column in the export's header. */
  REQUEST_COLUMN_NOT_FOUND: Prose;
  /** A column choice a runner-up came close to. */
  COLUMN_CHOICE_CLOSE: { source: string; choices: { field: string; header: string; runnerUp: string }[] };

  // The export's rows and cells.
  /** The file stopped being UTF-8 part way, and the rest was read in a fallback encoding. */
  ENCODING_SWITCHED: { offset: number; encoding: string };
  /** Rows end with different line breaks. */
  MIXED_LINE_ENDINGS: { ending: string; first: string };
  /** A row with more filled cells than the header has columns. */
  EXTRA_CELLS: { cells: number; columns: number };
  /** A cell of a numeric field that is not a number (or an amount). */
  INVALID_NUMBER: { isAmount: boolean };
  /** A cell of the decay date column that is no date: the row counts as undated. */
  INVALID_DATE: Record<string, never>;
  /** A date like 03/04/2026 in a column whose other dates do not tell day from month: read month first. */
  DATE_ORDER_UNDECIDED: Record<string, never>;
  /** A date that can only be read in the other order than the rest of its column. */
  DATE_ORDER_MIXED: { order: 'month-first' | 'day-first' };
  /** A currency code cell that names no ISO 4217 currency. */
  INVALID_CURRENCY: { amount: string };
  /** An amount whose separators read two ways ("1,250" as 1250 or 1.25). */
  AMBIGUOUS_AMOUNT: { read: number; other: number };
  /** Lines after the data that look like a report's footer. */
  FOOTER_SKIPPED: { lines: number };
  /** Deal values in a currency the config gives no rate for. */
  CURRENCY_WITHOUT_RATE: { currency: string; base: string; lines: number[]; count: number };
  /** A row naming several accounts; its deal value counts once. */
  SHARED_DEAL_VALUE: { accounts: number };
  /** A row with neither id nor title. */
  ROW_WITHOUT_REQUEST: Record<string, never>;
  /** A request whose deal values add up past the largest double. */
  DEAL_VALUE_OVERFLOW: { request: string };

  // Accounts, decisions, frameworks, plans, win/loss.
  /** An account listed twice in the --accounts file. */
  ACCOUNT_LISTED_TWICE: { account: string; firstLine: number };
  /** An account whose parent is not listed. */
  ACCOUNT_PARENT_UNKNOWN: { account: string; parent: string };
  /** Accounts whose parents form a cycle (the first account again at the end). */
  ACCOUNT_PARENT_CYCLE: { cycle: string[] };
  /** A decision about a request the export does not hold. */
  DECISION_UNKNOWN_REQUEST: { id: string };
  /** A merge_into naming a request the export does not hold. */
  MERGE_TARGET_UNKNOWN: { id: string; target: string };
  /** merge_into decisions that lead back to where they started. */
  MERGE_CYCLE: { id: string };
  /** An assessed value that the criterion's map does not know. */
  DECISION_VALUE_UNKNOWN: { value: string; known: string[]; scoredAs: number };
  /** An assessed value that should be a number and is not. */
  DECISION_VALUE_NOT_A_NUMBER: { value: string };
  /** A decline or defer without the reason the decisions file requires. */
  REASON_REQUIRED: { decision: string };
  /** A framework model cannot score a request (an input is missing). */
  CANNOT_BE_SCORED: Prose;
  /** A framework input outside the framework's scale. */
  INPUT_OFF_SCALE: Prose;
  /** Committed work larger than the plan's capacity. */
  PLAN_COMMITTED_OVER_CAPACITY: { committed: number; capacity: number };
  /** The plan's solver stopped before proving its plan the best. */
  PLAN_NOT_PROVEN_OPTIMAL: { reason: string };
  /** --committed names a request the export does not hold. */
  PLAN_COMMITTED_UNKNOWN: { ids: string[] };
  /** Requests without a size, left out of the plan. */
  PLAN_SIZE_MISSING: { field: string; requests: SizedAs[] };
  /** Sizes that are neither numbers nor plan.sizes keys (`known`). */
  PLAN_SIZE_UNKNOWN: { field: string; requests: SizedAs[]; known: string[] };
  /** Committed requests without a size. */
  PLAN_COMMITTED_UNSIZED: { requests: SizedAs[] };
  /** Fractional sizes rounded up to whole units. */
  PLAN_SIZE_ROUNDED: { ids: string[] };
  /** Requests left out because a request they require cannot be taken. */
  PLAN_REQUIREMENT_UNMET: { ids: string[] };
  /** The config uses a win/loss field and no --win-loss export was given. */
  WIN_LOSS_NOT_GIVEN: { field: string };
  /** Rows of a win/loss export that are neither won nor lost. */
  DEAL_NOT_CLOSED: { rows: number };
  /** A deal citing a request that matches no id or title, with the titles it may have meant. */
  CITATION_UNMATCHED: { citation: string; suggestions: string[]; lines: number[] };
}

/** What the schema expected and the value it found, as the file spells it; or the schema's own words when it has no expectation to state. */
export type Expectation = { expected: string; found?: string; isMissing?: boolean } | { schemaMessage: string; found?: string };

/** What a field's missing column means for the ranking. */
export type Consequence =
  | { kind: 'criterion'; criterion: string; missing: number }
  | { kind: 'accounts'; criterion: string }
  | { kind: 'framework'; framework: string }
  /** The decay date column: without it no mention ages. */
  | { kind: 'decay' };

/** A request and the size field's value, when it has one ("FR-7", or "FR-7" with "huge"). */
export interface SizedAs {
  id: string;
  value?: string;
}

export type IssueCode = keyof IssueArgs;

/** Where a finding is: the file, its line and column, the config path or CSV field, the CSV header and the cell's value. */
export interface IssueLocation {
  file?: string;
  /** CSV line as a spreadsheet shows it, or config line. */
  line?: number;
  /** Config column (1-based). */
  col?: number;
  /** Config path (criteria.effort.weight), CSV field, or request id. */
  path?: string;
  /** CSV header of the offending cell. */
  column?: string;
  value?: string;
}

/** A problem found in the user's data or config, described as data: its code, where it is, and the facts its message is worded from. */
export type Issue = {
  [C in IssueCode]: IssueLocation & {
    code: C;
    severity: Severity;
    args: IssueArgs[C];
    /** This finding stands for `count` more of its code (and column) not shown one by one, `total` in all; `args` are the first one's. */
    omitted?: { count: number; total: number };
  };
}[IssueCode];

/** The one strictness rule: errors fail a run, and warnings too under --strict. */
export function isFailure(issue: Pick<Issue, 'severity'>, isStrict: boolean): boolean {
  return issue.severity === 'error' || (isStrict && issue.severity === 'warning');
}

export function hasFailures(issues: readonly Pick<Issue, 'severity'>[], isStrict: boolean): boolean {
  return issues.some((issue) => isFailure(issue, isStrict));
}

/**
 * A schema refinement's finding, for zod's ctx.addIssue: the code and arguments ride in params, and the
 * loader turns them into a located finding (input/parse-config.ts); the code stands in for zod's message.
 */
export function refinementFinding<C extends IssueCode>(code: C, args: IssueArgs[C], path: (string | number)[]) {
  return { code: 'custom' as const, message: code, path, params: { code, args } };
}
