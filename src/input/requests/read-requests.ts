import { availableParallelism } from 'node:os';
import { CONVERTED_FROM_FIELD, fieldUsage, isFieldInExport, isWinLossField, type FieldUsage } from '../../core/text/fields.js';
import { mentionDecayOf } from '../../core/requests/aging.js';
import { createRequestGrouper, dropOverflowingDeals, requestlessRowIssue } from '../../core/requests/group.js';
import { foldText } from '../../core/text/folding.js';
import { criteriaOf, scoredFields } from '../../core/scoring/model-inputs.js';
import type { Issue, Mention, ScoringModel } from '../../core/types.js';
import type { Consequence } from '../../core/issues.js';
import { InputError } from '../../errors.js';
import { FIELD_SYNONYMS } from '../table/synonyms/index.js';
import { RIVAL_FIELDS, wantedField } from '../table/field-kinds.js';
import { preferConvertedAmount } from '../table/currency-columns.js';
import { describeHeader, mapColumns, type ColumnMap } from '../table/map-columns.js';
import type { Source } from '../source.js';
import { DEFAULT_READ_SETTINGS, type ReadSettings } from '../settings.js';
import type { ReadOptions } from '../csv/stream-csv.js';
import type { MentionsRead, RequestsRead } from '../../core/read-summary.js';
import { readTable } from '../read-table.js';
import { isPlaceholder } from '../table/cells.js';
import { TableReader } from '../table/table-reader.js';
import { DateColumn } from '../table/date-column.js';

export { detectEncoding } from '../csv/decode.js';
export { detectDelimiter } from '../csv/detect-delimiter.js';
export type { ReadOptions, ReadProgress, ReadSummary } from '../csv/stream-csv.js';
export type { MentionsRead, RequestsRead } from '../../core/read-summary.js';

const EXPECTED = 'a header row and request rows';
/** From this size a file is parsed on a second thread: below it, starting one costs more than it saves. */
const THREAD_MIN_BYTES = 16 * 1024 * 1024;

/** Fields whose cells may list several values (multi-select and multi-picklist exports). */
const LIST_FIELDS = ['id', 'title', 'account', 'segment'] as const;

/** Streams a CSV export into requests, collecting warnings about bad rows and cells. A large file is read on a second thread while this one groups. */
export async function readRequests(source: Source, model: ScoringModel, options: ReadOptions = {}): Promise<RequestsRead> {
  const read = await groupExport(source, model, options);
  const overflows = dropOverflowingDeals(read.requests);
  return overflows.length === 0 ? read : { ...read, issues: [...read.issues, ...overflows.map((i) => ({ ...i, file: source.name }))] };
}

async function groupExport(source: Source, model: ScoringModel, options: ReadOptions): Promise<RequestsRead> {
  if (isWorthAThread(source, (options.settings ?? DEFAULT_READ_SETTINGS).thread))
    return (await import('./read-in-worker.js')).readRequestsInWorker(source, model, options);
  const grouper = createRequestGrouper(model.aggregate, mentionDecayOf(model, options.asOf));
  const read = await readMentions(source, model, options, (mention) => grouper.add(mention));
  return { requests: grouper.requests(), ...read };
}

/** PM_RANK_READ_THREAD=always|never overrides the rule (auto): a large file, and a second core to read it on. */
function isWorthAThread(source: Source, setting: ReadSettings['thread']): source is Source & { path: string } {
  if (source.path === undefined || setting === 'never') return false;
  return setting === 'always' || ((source.size ?? 0) >= THREAD_MIN_BYTES && availableParallelism() > 1);
}

/** Streams a CSV export's rows, as mentions of requests, to `onMention`; rows that name no request are warned about, not passed on. */
export async function readMentions(
  source: Source,
  model: ScoringModel,
  options: ReadOptions,
  onMention: (mention: Mention) => void,
): Promise<MentionsRead> {
  return readTable(source, options, (delimiter) => new ExportReader(source.name, model, delimiter, options, onMention), EXPECTED);
}

/** Turns CSV records into mentions as they stream in. */
class ExportReader extends TableReader {
  private readonly usage: Map<string, FieldUsage>;
  private readonly textFields: string[];
  private readonly isMissingColumnAllowed: boolean;
  /** Fields whose cells list several values, and the separator. */
  private splits: Partial<Record<(typeof LIST_FIELDS)[number], string>> = {};
  /** Several account columns, or account cells that list several: each account counts. */
  private hasAccountList = false;
  private hasNotedSharedDeal = false;
  /** Date columns (the model's aging field, close dates, within_days fields), each read in its own day/month order. */
  private readonly dates = new Map<string, DateColumn>();

  constructor(
    source: string,
    private readonly model: ScoringModel,
    delimiter: string,
    options: ReadOptions,
    private readonly onMention: (mention: Mention) => void,
  ) {
    super(source, model.currency, delimiter, options.isDecimalComma);
    this.isMissingColumnAllowed = options.isMissingColumnAllowed ?? false;
    this.usage = fieldUsage(model);
    for (const field of options.textFields ?? []) this.usage.set(field, { isNumeric: false, ...this.usage.get(field), isText: true });
    this.textFields = [...this.usage].flatMap(([field, usage]) => (usage.isText ? [field] : []));
  }

  finish(encoding: string, delimiter: string): MentionsRead {
    const summary = this.finishTable(encoding, delimiter, EXPECTED);
    return { issues: [...this.issues, ...[...this.dates.values()].flatMap((column) => column.finish())], summary };
  }

  protected mapHeader(header: string[], sample: string[][]): ColumnMap {
    const aging = this.model.aging?.field;
    const fields = [...new Set(['id', 'title', 'account', ...this.usage.keys(), ...(aging ? [aging] : [])])];
    const wanted = fields.map((field) => wantedField(field, this.model, this.usage.get(field)?.isNumeric));
    const rivals = RIVAL_FIELDS.filter((field) => !fields.includes(field)).map((field) => wantedField(field, this.model));
    const inference = { header, sample, configured: this.model.columns, wanted, rivals };
    const columns = preferConvertedAmount(
      mapColumns(this.source, inference, this.isMissingColumnAllowed),
      header,
      'deal_value' in this.model.columns,
    );
    if (!columns.indices.has('id') && !columns.indices.has('title')) {
      const message = `${this.source}: no request id or title column in the header (${describeHeader(header)}); name one in the config's columns.id or columns.title`;
      if (!this.isMissingColumnAllowed) throw new InputError(message);
      this.issues.push({ code: 'REQUEST_COLUMN_NOT_FOUND', severity: 'error', path: 'columns.title', args: { text: message } });
    }
    this.warnMissingColumns(columns);
    if (!this.isMissingColumnAllowed) this.stopWhenNothingScores(columns);
    this.noteCloseChoices(columns);
    for (const field of LIST_FIELDS) {
      const split = columns.choices.find((choice) => choice.field === field)?.split;
      if (split) this.splits[field] = split;
    }
    this.hasAccountList = this.splits.account !== undefined || (columns.indices.get('account')?.length ?? 0) > 1;
    for (const field of [...(aging ? [aging] : []), ...this.textFields.filter((f) => isDateField(f, this.model))]) {
      const index = columns.indices.get(field)?.[0];
      if (index === undefined || this.dates.has(field)) continue;
      const sampleDates = sample.map((record) => (record[index] ?? '').trim());
      // Only the aging field's dates count for something when they are not dates; a close date may say "TBD".
      const warn = field === aging ? (issue: Issue) => this.warn(issue) : undefined;
      this.dates.set(field, new DateColumn(this.source, header[index]!.trim(), sampleDates, warn));
    }
    return columns;
  }

  protected numericFields(): Iterable<string> {
    return [...this.usage].flatMap(([field, usage]) => (usage.isNumeric ? [field] : []));
  }

  /** Every request would score the same: a ranking by tie-break alone (ids in alphabetical order) is worse than none. */
  private stopWhenNothingScores(columns: ColumnMap): void {
    const fields = scoredFields(this.model);
    const isFramework = this.model.kind !== 'weighted';
    // Counting rows that name no account needs no account column.
    const countsRows = criteriaOf(this.model).some((c) => c.field === 'accounts' && c.countUnattributed);
    const hasData = (field: string) =>
      (field === 'accounts' && countsRows) || isFieldInExport(field, (column) => columns.indices.has(column));
    if (fields.length === 0 || (isFramework ? fields.every(hasData) : fields.some(hasData))) return;
    const missing = [...new Set(fields.filter((f) => !hasData(f)))].join(', ');
    const what = isFramework ? `${this.model.kind.toUpperCase()} needs ${missing}` : `no criterion of the model has a column (${missing})`;
    throw new InputError(
      `${this.source}: ${what}, so every request would score the same; run pm-rank columns ${this.source} to see what was found, then pm-rank init --from ${this.source} to write a config for this export`,
    );
  }

  /** One note for every choice a runner-up came close to, so a PM can check it before trusting the ranking. */
  private noteCloseChoices(columns: ColumnMap): void {
    const close = columns.choices.filter((c) => c.isClose && c.runnerUp);
    if (close.length === 0) return;
    const choices = close.map((c) => ({ field: c.field, header: c.header, runnerUp: c.runnerUp!.header }));
    this.issues.push({ code: 'COLUMN_CHOICE_CLOSE', severity: 'notice', file: this.source, args: { source: this.source, choices } });
  }

  private warnMissingColumns(columns: ColumnMap): void {
    for (const criterion of criteriaOf(this.model)) {
      if (isWinLossField(criterion.field) || criterion.countUnattributed) continue;
      // Without an account column no row names a customer: accounts is 0 for every request.
      const isAccounts = criterion.field === 'accounts';
      const consequence: Consequence = isAccounts
        ? { kind: 'accounts', criterion: criterion.name }
        : { kind: 'criterion', criterion: criterion.name, missing: criterion.missing };
      this.warnMissingColumn(columns, isAccounts ? 'account' : criterion.field, `criteria.${criterion.name}`, consequence);
    }
    const aging = this.model.aging;
    if (aging) this.warnMissingColumn(columns, aging.field, 'decay.field', { kind: 'decay' });
    if (this.model.kind === 'weighted') return;
    for (const field of scoredFields(this.model)) {
      this.warnMissingColumn(columns, field, 'model', { kind: 'framework', framework: this.model.kind });
    }
  }

  private warnMissingColumn(columns: ColumnMap, field: string, path: string, consequence: Consequence): void {
    if (columns.indices.has(field)) return;
    const configured = this.model.columns[field];
    const lookedFor = configured ? [configured] : (FIELD_SYNONYMS.get(field) ?? [field]).slice(0, 6);
    const args = { source: this.source, field, lookedFor, consequence, ...(configured ? { configured } : {}) };
    this.issues.push({ code: 'COLUMN_NOT_FOUND', severity: 'warning', file: this.source, path, args });
  }

  protected readRecord(record: string[], line: number): void {
    const mention = this.toMention(record, line);
    const issue = requestlessRowIssue(mention);
    if (issue) return this.warn({ ...issue, file: this.source });
    const titles = mention.ids.length === 0 && this.splits.title ? this.listOf(record, 'title') : [];
    const accounts = this.hasAccountList ? this.listOf(record, 'account') : [];
    for (const title of titles.length > 1 ? titles : [undefined]) {
      const forTitle = title === undefined ? mention : { ...mention, title };
      this.onMention(accounts.length > 0 ? { ...forTitle, account: accounts[0]! } : forTitle);
      for (const account of accounts.slice(1)) this.onMention({ ...forTitle, account, numbers: withoutDealValue(forTitle.numbers) });
    }
    if (accounts.length > 1 && mention.numbers.deal_value !== undefined) this.noteSharedDeal(line, accounts.length);
  }

  private toMention(record: string[], line: number): Mention {
    const title = this.firstCell(record, 'title');
    const account = this.firstCell(record, 'account');
    const mention: Mention = { line, ids: this.idsOf(record), numbers: this.numbersOf(record, line), texts: {} };
    if (this.convertedFrom) mention.texts[CONVERTED_FROM_FIELD] = this.convertedFrom as string[];
    for (const field in this.rangeCells) mention.texts[field] = [this.rangeCells[field]!];
    if (title !== undefined) mention.title = title;
    if (account !== undefined) mention.account = account;
    const aging = this.model.aging && this.dates.get(this.model.aging.field);
    const date = aging && this.firstCell(record, this.model.aging!.field);
    const day = date === undefined ? undefined : aging!.read(date, line);
    if (day !== undefined) mention.day = day;
    for (const field of this.textFields) {
      const values = this.cellsOf(record, field);
      const dates = this.dates.get(field);
      if (values.length === 0) continue;
      if (dates) mention.texts[field] = values.map((value) => dates.normalize(value, line));
      else mention.texts[field] = field === 'segment' && this.splits.segment ? splitList(values, this.splits.segment) : values;
    }
    return mention;
  }

  private idsOf(record: string[]): string[] {
    const split = this.model.aggregate.split ?? this.splits.id;
    const cells = this.cellsOf(record, 'id');
    return split ? splitList(cells, split) : cells;
  }

  /** Every value of a field in the row: repeated columns and multi-select cells, each value once. */
  private listOf(record: string[], field: 'title' | 'account'): string[] {
    const cells = this.cellsOf(record, field);
    const split = this.splits[field];
    const values = split ? splitList(cells, split) : cells;
    const seen = new Set<string>();
    return values.filter((value) => !seen.has(foldText(value)) && seen.add(foldText(value)));
  }

  /** One note per file: a row naming several accounts has one deal, which is counted once (for the first), not once per account. */
  private noteSharedDeal(line: number, count: number): void {
    if (this.hasNotedSharedDeal) return;
    this.hasNotedSharedDeal = true;
    const header = this.columns!.headers.account!;
    this.issues.push({
      code: 'SHARED_DEAL_VALUE',
      severity: 'notice',
      file: this.source,
      line,
      column: header,
      args: { accounts: count },
    });
  }
}

/** A text field holding dates: a close date, or the field of a within_days escalation condition. */
function isDateField(field: string, model: ScoringModel): boolean {
  return field === 'close_date' || model.escalation.some((rule) => rule.when[field] !== undefined && 'within_days' in rule.when[field]);
}

function splitList(cells: readonly string[], separator: string): string[] {
  return cells.flatMap((cell) => cell.split(separator).map((part) => part.trim())).filter((part) => !isPlaceholder(part));
}

function withoutDealValue(numbers: Readonly<Record<string, number>>): Record<string, number> {
  const { deal_value: _dealValue, ...rest } = numbers;
  return rest;
}
