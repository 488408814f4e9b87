import type { Consequence, Expectation, Issue, IssueArgs, IssueCode, SizedAs } from '../../core/issues.js';
import { quote } from '../../core/text/quote.js';
import { describeLines, escapeControls, plural } from './format.js';

type Wording = { [C in IssueCode]: (args: IssueArgs[C], issue: Issue) => string };

const prose = (args: { text: string }) => args.text;
const nameClash = (what: string) => (a: IssueArgs['MAP_KEY_CLASH']) =>
  `${what} "${a.name}" is the same as "${a.first}" apart from case or spacing; keep one`;
const entryClash = (a: IssueArgs['HORIZON_NAME_CLASH']) => `name "${a.name}" is already used by entry ${a.index}; names must be unique`;

/** The one wording of every finding, from its code and arguments. */
const WORDING: Wording = {
  CONFIG_TOO_LARGE: (a) => `is over ${a.limitKb} KB; a scoring model is a page, not megabytes`,
  YAML_TOO_DEEP: (a) => `refused: nested more than ${a.limit} levels deep; a scoring model is a few levels deep`,
  YAML_ALIAS_LIMIT: (a) => `refused: ${a.reason}`,
  YAML_SYNTAX: (a) => a.reason,
  DUPLICATE_KEY: (a) => `duplicate key "${a.key}"`,
  PROTOTYPE_KEY: () => `key "__proto__" cannot be read: it names the object's prototype, so it would be dropped; rename it`,
  UNKNOWN_KEY: (a) =>
    a.suggestion
      ? `unknown key "${a.key}"; did you mean "${a.suggestion}"?`
      : `unknown key "${a.key}" (expected one of: ${a.known.join(', ')})`,
  INVALID_TYPE: describeExpectation,
  OUT_OF_RANGE: describeExpectation,
  INVALID_VALUE: describeExpectation,
  INVALID_FORMAT: describeExpectation,
  CRITERIA_MISSING: () => 'expected criteria for model: weighted',
  NO_CRITERIA: () => 'expected at least one criterion',
  OPTION_NOT_APPLICABLE: (a) => `${a.option} applies to ${a.appliesTo}, not to ${a.used}`,
  TRANSFORM_CONFLICT: () => 'expected either scale or map, not both',
  TRANSFORM_MISSING: () => 'expected a transform: scale: log|linear, or map',
  SCALE_BOUND_MISSING: (a) => `expected ${a.bound} for scale: ${a.scale}`,
  SCALE_BOUND_INVALID: (a) => `expected max > 0 for scale: log, got ${a.max}`,
  MIN_NOT_BELOW_MAX: (a) => `expected min < max, got min ${a.min} and max ${a.max}`,
  TIEBREAK_UNKNOWN: (a) => `expected one of ${a.known.join(', ')}, got "${a.tiebreak}"`,
  HORIZON_THRESHOLD_MISSING: () => 'expected min_score (only the last horizon may omit it)',
  HORIZONS_NOT_DESCENDING: (a) => `expected thresholds to descend, got ${a.minScore} after ${a.previous}`,
  CRITERION_NAME_CLASH: nameClash('criterion'),
  MAP_KEY_CLASH: nameClash('map key'),
  HORIZON_NAME_CLASH: entryClash,
  ESCALATION_NAME_CLASH: entryClash,
  COLUMN_HEADER_CLASH: (a) => `header "${a.header}" is already read as ${a.field}`,
  ESCALATION_FIELD_UNKNOWN: (a) => `no criterion, column or standard field defines "${a.field}"; add it under columns or fix the name`,
  MIN_ABOVE_MAX: (a) => `expected min <= max, got min ${a.min} and max ${a.max}: no request can match`,
  HORIZON_UNREACHABLE: (a) => `min_score ${a.minScore} is above 100, the highest score`,
  COLUMN_NOT_FOUND: (a) =>
    'header' in a
      ? `${a.source} has no column "${a.header}"${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`
      : `no column for ${a.field} (looked for ${a.configured ? `"${a.configured}" (columns.${a.field})` : a.lookedFor.map((s) => `"${s}"`).join(', ')}); ${describeConsequence(a.consequence)}`,
  FIELD_NOT_DETECTED: describeUndetected,
  MAP_KEY_UNUSED: (a) => `"${a.key}" never occurs in ${a.field} of ${a.source}`,
  MAP_VALUE_UNCOVERED: (a) => `"${a.text}" in ${a.field} (${plural(a.requests, 'request')}) is not in the map; it scores the default`,
  TOP_FRAGILE: (a) =>
    `the top ${a.top} of ${a.source} is fragile under ±${a.spread * 100}% ${a.isWeighted ? 'weight changes' : 'changes to each input'}: ${a.fragile
      .map((r) => `${r.id} (in ${Math.round(r.share * 100)}% of samples)`)
      .join(', ')}; see pm-rank sensitivity`,
  REQUEST_COLUMN_NOT_FOUND: prose,
  COLUMN_CHOICE_CLOSE: (a) =>
    `close call: ${a.choices.map((c) => `${c.field} from ${quote(c.header)} over ${quote(c.runnerUp)}`).join(', ')}; see pm-rank columns ${a.source}, and name the right one under columns: in the config if needed`,
  ENCODING_SWITCHED: (a) => `byte ${a.offset} is not UTF-8; read the file from there as ${a.encoding} (pass --encoding to choose)`,
  MIXED_LINE_ENDINGS: (a) => `this row ends with ${a.ending}, the first one with ${a.first}; every row is still read`,
  EXTRA_CELLS: (a, issue) =>
    `${a.cells} cells, the header has ${a.columns}; ${quote(issue.value ?? '', 40)} and any after it are ignored (a delimiter in an unquoted cell?)`,
  INVALID_NUMBER: (a, issue) => `${quote(issue.value ?? '')} is not ${a.isAmount ? 'an amount' : 'a number'}; counted as missing`,
  INVALID_DATE: (_, issue) => `${quote(issue.value ?? '')} is not a date; the row counts as undated`,
  DATE_ORDER_UNDECIDED: (_, issue) =>
    `${quote(issue.value ?? '')} could be day or month first, and no date in the column tells; read month first (US); write dates as YYYY-MM-DD to be sure`,
  DATE_ORDER_MIXED: (a, issue) =>
    `${quote(issue.value ?? '')} can only be read day or month first against the other dates of the column; dates like 03/04/2026 are read ${a.order === 'day-first' ? 'day first' : 'month first (US)'}; write dates as YYYY-MM-DD to be sure`,
  INVALID_CURRENCY: (a, issue) =>
    `${quote(issue.value ?? '')} is not an ISO 4217 currency code; the amount ${quote(a.amount)} counts as missing`,
  AMBIGUOUS_AMOUNT: (a, issue) =>
    `${quote(issue.value ?? '')} could be ${a.read} or ${a.other}; read as ${a.read} (write ${a.read} or ${a.other} without separators to be sure)`,
  FOOTER_SKIPPED: (a, issue) => `skipped ${plural(a.lines, 'report footer line')} after the data (${quote(issue.value ?? '')})`,
  CURRENCY_WITHOUT_RATE: (a) => {
    const more = a.count > a.lines.length ? ` and ${a.count - a.lines.length} more` : '';
    const rows =
      a.count === 1 ? `the line's deal value counts` : `the deal values of ${a.count} lines (${a.lines.join(', ')}${more}) count`;
    return `no rate from ${a.currency} to ${a.base}, so ${rows} as missing; add "${a.currency}: <${a.base} per ${a.currency}>" under currency: rates: in the config`;
  },
  SHARED_DEAL_VALUE: (a) => `names ${a.accounts} accounts; a row's deal value counts once, for its first account, so it is not multiplied`,
  ROW_WITHOUT_REQUEST: () => 'names no request (no id and no title); skipped',
  DEAL_VALUE_OVERFLOW: (a) =>
    `${a.request}: its deal values add up past the largest number a computer holds (about 1.8e308); counted as missing`,
  ACCOUNT_LISTED_TWICE: (a) => `"${a.account}" is listed again (first on line ${a.firstLine}); this row is ignored`,
  ACCOUNT_PARENT_UNKNOWN: (a) => `parent "${a.parent}" of "${a.account}" is not listed as an account; it counts on its own`,
  ACCOUNT_PARENT_CYCLE: (a) => `parents go round in a cycle (${a.cycle.join(' → ')}); those accounts count on their own`,
  DECISION_UNKNOWN_REQUEST: (a) => `decision for ${a.id}, which is not in the export; ignored`,
  MERGE_TARGET_UNKNOWN: (a) => `${a.id}: merge_into ${a.target}, which is not in the export; not merged`,
  MERGE_CYCLE: (a) => `${a.id}: merge_into leads back to ${a.id}; not merged`,
  DECISION_VALUE_UNKNOWN: (a, issue) => `${issue.path}: "${a.value}" is not one of ${a.known.join(', ')}; it scores ${a.scoredAs}`,
  DECISION_VALUE_NOT_A_NUMBER: (a, issue) => `${issue.path}: expected a number, got "${a.value}"; counted as missing`,
  REASON_REQUIRED: (a) => `expected a reason for ${a.decision} (sales relays it to the customer)`,
  CANNOT_BE_SCORED: prose,
  INPUT_OFF_SCALE: prose,
  PLAN_COMMITTED_OVER_CAPACITY: (a) => `plan: committed work (${a.committed}) exceeds the capacity of ${a.capacity}`,
  PLAN_NOT_PROVEN_OPTIMAL: (a) => `plan: ${a.reason}`,
  PLAN_COMMITTED_UNKNOWN: (a) => `plan: --committed ${listIds(a.ids)}: not in the export; ignored`,
  PLAN_SIZE_MISSING: (a) => `plan: no ${a.field} for ${listSized(a.requests)}: left out`,
  PLAN_SIZE_UNKNOWN: (a) =>
    `plan: ${listSized(a.requests)}: ${a.field} is neither a number nor one of plan.sizes (${a.known.join(', ') || 'none'}); left out`,
  PLAN_COMMITTED_UNSIZED: (a) => `plan: committed ${listSized(a.requests)} has no size: it takes no capacity here, so the plan may not fit`,
  PLAN_SIZE_ROUNDED: (a) => `plan: sizes rounded up to whole units: ${listIds(a.ids)}`,
  PLAN_REQUIREMENT_UNMET: (a) => `plan: ${listIds(a.ids)} left out: each requires a request the plan cannot take`,
  WIN_LOSS_NOT_GIVEN: (a) =>
    `the config uses ${a.field}, which comes from a win/loss export: pass --win-loss deals.csv (until then it is missing for every request)`,
  DEAL_NOT_CLOSED: (a) => `skipped ${plural(a.rows, 'row')} whose stage is neither won nor lost (open deals are not win/loss evidence)`,
  CITATION_UNMATCHED: (a) => {
    const meant = a.suggestions.length > 0 ? ` (did you mean ${a.suggestions.map((s) => `"${s}"`).join(' or ')}?)` : '';
    return `cites "${a.citation}", which matches no request id or title${meant}; not counted (${describeLines(a.lines)})`;
  },
};

/** Every issue code there is: the registry's keys, as the wording must cover each (for docs and tests). */
export const ISSUE_CODES = Object.keys(WORDING) as IssueCode[];

/** "FR-1, FR-2, FR-3, FR-4, FR-5 and 2 more". */
function listIds(ids: readonly string[], shown = 5): string {
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

/** Requests with the size value each has: 'FR-7 "huge"'. */
function listSized(requests: readonly SizedAs[]): string {
  return listIds(requests.map((r) => (r.value === undefined ? r.id : `${r.id} "${r.value}"`)));
}

function describeExpectation(a: Expectation): string {
  if ('schemaMessage' in a) return `${a.schemaMessage}${a.found === undefined ? '' : `, got ${a.found}`}`;
  if (a.isMissing) return `expected ${a.expected}, but it is missing`;
  return `expected ${a.expected}${a.found === undefined ? '' : `, got ${a.found}`}`;
}

function describeConsequence(c: Consequence): string {
  if (c.kind === 'framework') return `${c.framework.toUpperCase()} cannot score any request`;
  if (c.kind === 'decay') return 'decay does not apply: every mention counts in full, and no request can go stale';
  if (c.kind === 'accounts')
    return `criterion ${c.criterion} counts 0 accounts for every request (count_unattributed: true counts rows instead)`;
  return `criterion ${c.criterion} scores its missing value ${c.missing} for every request`;
}

/** Without an account column every request counts 0 accounts; any other field lacks its own column. */
function describeUndetected(a: IssueArgs['FIELD_NOT_DETECTED']): string {
  if (a.field === 'accounts') {
    const why = `${a.source} has no account column, so every request counts 0 accounts`;
    return a.rule === undefined
      ? `${why}; name it under columns.account, or set count_unattributed: true to count rows`
      : `${why} in rule "${a.rule}"; name it under columns.account`;
  }
  return a.rule === undefined
    ? `${a.source} has no column recognisable as ${a.field}; name it under columns.${a.field}`
    : `${a.source} has no column for ${a.field}, so rule "${a.rule}" never applies`;
}

/** What a finding says, without where it is. */
export function describeIssue(issue: Issue): string {
  if (issue.omitted) {
    const column = issue.column === undefined ? '' : ` in column ${quote(issue.column)}`;
    return `${issue.omitted.count} more ${issue.code}${column} not shown (${issue.omitted.total} in all)`;
  }
  return (WORDING[issue.code] as (args: Issue['args'], issue: Issue) => string)(issue.args, issue);
}

/**
 * A finding on one line with its place first: `scoring.yaml:14:11 criteria.effort.weight: expected ...` for a
 * config, `requests.csv:14 column "Amount": ...` for an export's cell, `requests.csv: ...` for the file as a whole.
 */
export function formatIssue(issue: Issue): string {
  // A line without its file (a framework's request rows, say) is named in the message instead.
  const where = issue.file === undefined ? '' : [issue.file, issue.line, issue.col].filter((part) => part !== undefined).join(':');
  const what = issue.omitted
    ? undefined
    : issue.column !== undefined
      ? `column ${quote(issue.column)}`
      : issue.col !== undefined
        ? issue.path
        : undefined;
  const place = [where, what].filter(Boolean).join(' ');
  return place === '' ? describeIssue(issue) : `${place}: ${describeIssue(issue)}`;
}

/** A config path and message, for a place that shows the file and line apart (a GitHub annotation). */
export function formatIssueAtPath(issue: Issue): string {
  return issue.path && issue.col !== undefined ? `${issue.path}: ${describeIssue(issue)}` : describeIssue(issue);
}

/** How a coded line shows its code and severity: plain, or coloured by the caller. */
export interface IssuePaint {
  code: (text: string) => string;
  severity: (severity: Issue['severity']) => string;
}

const SEVERITY_NAMES = { error: 'error', warning: 'warning', notice: 'note' } as const;
const PLAIN: IssuePaint = { code: (text) => text, severity: (severity) => SEVERITY_NAMES[severity] };

/** `scoring.yaml:4:13 criteria.effort.weight: expected a number, got "high" [INVALID_TYPE] error`: how check lists a finding, and how every command lists a bad config's. */
export function formatCodedIssue(issue: Issue, paint: IssuePaint = PLAIN): string {
  return `${escapeControls(formatIssue(issue))} ${paint.code(`[${issue.code}]`)} ${paint.severity(issue.severity)}`;
}

/** A broken file can have thousands of syntax errors; the first ones are what the user needs. */
const MAX_LISTED = 20;

/** The findings behind a failure, one coded line each, the first 20 of them. */
export function listFindings(findings: readonly Issue[]): string[] {
  const more = findings.length > MAX_LISTED ? [`(${findings.length - MAX_LISTED} more not shown)`] : [];
  return [...findings.slice(0, MAX_LISTED).map((issue) => formatCodedIssue(issue)), ...more];
}
