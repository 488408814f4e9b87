import { availableParallelism } from 'node:os';
import { fieldUsage, isWinLossField, type FieldUsage } from '../../core/fields.js';
import { createRequestGrouper, requestlessRowIssue } from '../../core/group.js';
import { FRAMEWORK_TERMS } from '../../core/frameworks.js';
import type { FeatureRequest, Issue, Mention, ScoringModel } from '../../core/types.js';
import { InputError, UsageError } from '../../errors.js';
import { COLUMN_SYNONYMS } from '../table/column-synonyms.js';
import { mapColumns, type ColumnMap } from '../table/map-columns.js';
import type { Source } from '../source.js';
import { streamCsv, type ReadOptions, type ReadSummary } from '../csv/stream-csv.js';
import { describeHeader, isPlaceholder, TableReader } from '../table/table-reader.js';

export { detectEncoding } from '../csv/decode.js';
export { detectDelimiter } from '../csv/detect-delimiter.js';
export type { ReadOptions, ReadProgress, ReadSummary } from '../csv/stream-csv.js';

export interface RequestsRead {
  requests: FeatureRequest[];
  issues: Issue[];
  summary: ReadSummary;
}

const EXPECTED = 'a header row and request rows';
/** From this size a file is parsed on a second thread: below it, starting one costs more than it saves. */
const THREAD_MIN_BYTES = 16 * 1024 * 1024;

export type MentionsRead = Omit<RequestsRead, 'requests'>;

/** Streams a CSV export into requests, collecting warnings about bad rows and cells. A large file is read on a second thread while this one groups. */
export async function readRequests(source: Source, model: ScoringModel, options: ReadOptions = {}): Promise<RequestsRead> {
  if (isWorthAThread(source)) return (await import('./read-in-worker.js')).readRequestsInWorker(source, model, options);
  const grouper = createRequestGrouper(model.aggregate);
  const read = await readMentions(source, model, options, (mention) => grouper.add(mention));
  return { requests: grouper.requests(), ...read };
}

/** PM_RANK_READ_THREAD=always|never overrides the rule (auto): a large file, and a second core to read it on. */
function isWorthAThread(source: Source): source is Source & { path: string } {
  const setting = process.env.PM_RANK_READ_THREAD;
  if (setting && !['always', 'never', 'auto'].includes(setting)) {
    throw new UsageError(`PM_RANK_READ_THREAD must be always, never or auto, got "${setting}"`);
  }
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
  return streamCsv(
    source,
    options,
    (delimiter) => new ExportReader(source.name, model, delimiter, options.isDecimalComma, options.textFields ?? [], onMention),
    EXPECTED,
  );
}

/** Turns CSV records into mentions as they stream in. */
class ExportReader extends TableReader {
  private readonly usage: Map<string, FieldUsage>;
  private readonly textFields: string[];

  constructor(
    source: string,
    private readonly model: ScoringModel,
    delimiter: string,
    isDecimalComma: boolean | undefined,
    textFields: readonly string[],
    private readonly onMention: (mention: Mention) => void,
  ) {
    super(source, model.currency, delimiter, isDecimalComma);
    this.usage = fieldUsage(model);
    for (const field of textFields) this.usage.set(field, { isNumeric: false, ...this.usage.get(field), isText: true });
    this.textFields = [...this.usage].flatMap(([field, usage]) => (usage.isText ? [field] : []));
  }

  finish(encoding: string, delimiter: string): MentionsRead {
    const summary = this.finishTable(encoding, delimiter, EXPECTED);
    return { issues: this.issues, summary };
  }

  protected mapHeader(record: string[]): ColumnMap {
    const wanted = ['id', 'title', 'account', ...this.usage.keys()];
    const columns = mapColumns(record, this.model.columns, wanted);
    if (!columns.indices.has('id') && !columns.indices.has('title')) {
      throw new InputError(
        `${this.source}: no request id or title column in the header (${describeHeader(record)}); name one in the config's columns.id or columns.title`,
      );
    }
    this.warnMissingColumns(columns);
    return columns;
  }

  protected numericFields(): Iterable<string> {
    return [...this.usage].flatMap(([field, usage]) => (usage.isNumeric ? [field] : []));
  }

  private warnMissingColumns(columns: ColumnMap): void {
    for (const criterion of this.model.criteria) {
      if (isWinLossField(criterion.field) || criterion.countUnattributed) continue;
      // Without an account column no row names a customer: accounts is 0 for every request.
      const isAccounts = criterion.field === 'accounts';
      const consequence = isAccounts
        ? `criterion ${criterion.name} counts 0 accounts for every request (count_unattributed: true counts rows instead)`
        : `criterion ${criterion.name} scores its missing value ${criterion.missing} for every request`;
      this.warnMissingColumn(columns, isAccounts ? 'account' : criterion.field, `criteria.${criterion.name}`, consequence);
    }
    const { framework } = this.model;
    for (const term of framework ? FRAMEWORK_TERMS[framework.name] : []) {
      this.warnMissingColumn(columns, term.field, 'model', `${framework!.name.toUpperCase()} cannot score any request`);
    }
  }

  private warnMissingColumn(columns: ColumnMap, field: string, path: string, consequence: string): void {
    if (columns.indices.has(field)) return;
    const configured = this.model.columns[field];
    const lookedFor = configured
      ? `"${configured}" (columns.${field})`
      : (COLUMN_SYNONYMS[field] ?? [field]).map((s) => `"${s}"`).join(', ');
    this.issues.push({
      code: 'COLUMN_NOT_FOUND',
      severity: 'warning',
      path,
      message: `${this.source}: no column for ${field} (looked for ${lookedFor}); ${consequence}`,
    });
  }

  protected readRecord(record: string[], line: number): void {
    const mention = this.toMention(record, line);
    const issue = requestlessRowIssue(mention);
    if (issue) this.warn({ ...issue, message: `${this.source}:${line} ${issue.message}` });
    else this.onMention(mention);
  }

  private toMention(record: string[], line: number): Mention {
    const title = this.firstCell(record, 'title');
    const account = this.firstCell(record, 'account');
    const mention: Mention = { line, ids: this.idsOf(record), numbers: this.numbersOf(record, line), texts: {} };
    if (title !== undefined) mention.title = title;
    if (account !== undefined) mention.account = account;
    for (const field of this.textFields) {
      const values = this.cellsOf(record, field);
      if (values.length > 0) mention.texts[field] = values;
    }
    return mention;
  }

  private idsOf(record: string[]): string[] {
    const split = this.model.aggregate.split;
    const cells = this.cellsOf(record, 'id');
    if (!split) return cells;
    return cells
      .flatMap((cell) => cell.split(split))
      .map((id) => id.trim())
      .filter((id) => !isPlaceholder(id));
  }
}
