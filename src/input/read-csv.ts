import { decimalSeparatorOf, parseQuantity, type Decimal, type Quantity } from '../core/numbers.js';
import type { Issue, ScoringModel } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import { canParseWith, CsvRecordError, CsvRecordParser, type CsvRecordOptions, type OnRecord } from './csv-records.js';
import { describeBytes, inputLimits, LIMITS, type InputLimits } from './limits.js';
import type { ColumnMap } from './map-columns.js';
import type { Source } from './open-source.js';

/** Overrides for what the reader otherwise detects. */
export interface ReadOptions {
  delimiter?: string;
  encoding?: string;
  isDecimalComma?: boolean;
  /** Extra text fields to keep, beyond what the model reads (triage shows notes). */
  textFields?: readonly string[];
  /** Default: inputLimits() from the environment. */
  limits?: InputLimits;
  /** Called as chunks are read, for a progress line; the reader never prints. */
  onProgress?: (progress: ReadProgress) => void;
}

export interface ReadProgress {
  bytes: number;
  /** Records read so far (the header and any blank lines included). */
  rows: number;
  /** The file's size, when known (not for stdin). */
  size?: number;
}

export interface ReadSummary {
  source: string;
  /** Data rows read (blank lines and footers excluded). */
  rows: number;
  skippedRows: number;
  footerLines: number;
  encoding: string;
  delimiter: string;
  /** Currency of deal values: the config's base, else the first one the export used. */
  currency?: string;
  /** Field -> the header it was read from. */
  columns: Record<string, string>;
}

/** Receives an export's records in order and turns them into a result at the end. */
export interface RecordSink<T> {
  push(record: string[]): void;
  finish(encoding: string, delimiter: string): T;
}

const SAMPLE_BYTES = 64 * 1024;
/** Rows held back to learn each numeric column's decimal separator before parsing any. */
const LOOKAHEAD_ROWS = 1000;
/** Warnings kept per code and column; the rest are counted, so a bad 1M-row column stays readable. */
const WARNINGS_PER_KIND = 20;
/** Cells that mean "no value"; TBD is one for text, but in a number column it deserves a warning. */
export const PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null', 'tbd']);
const SILENT_NUMBER_PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null']);
/** The field whose cells are money: converted to the base currency. */
const MONEY_FIELD = 'deal_value';

/** Streams a CSV export into a sink: detects encoding and delimiter, enforces the input limits, reports malformed CSV with its line. */
export async function streamCsv<T>(
  source: Source,
  options: ReadOptions,
  createSink: (delimiter: string) => RecordSink<T>,
  expected: string,
): Promise<T> {
  const limits = options.limits ?? inputLimits();
  if (source.size !== undefined && source.size > limits.maxFileBytes) throw fileTooLarge(source.name, limits);
  const chunks: AsyncIterator<Buffer | string> = source.stream[Symbol.asyncIterator]();
  const { head, isWholeFile } = await readHead(chunks);
  if (head.length === 0) throw new InputError(`${source.name} is empty: expected ${expected}`);
  if (head.length > limits.maxFileBytes) throw fileTooLarge(source.name, limits);
  const encoding = options.encoding ?? detectEncoding(head, isWholeFile);
  const decoder = createDecoder(encoding);
  const sample = new TextDecoder(encoding).decode(head);
  const excelSeparator = /^(?:\ufeff)?sep=(.)\r?\n/i.exec(sample)?.[1];
  const delimiter = options.delimiter ?? excelSeparator ?? detectDelimiter(sample);
  const sink = createSink(delimiter);
  const fromLine = excelSeparator ? 2 : 1;
  const reader = await recordReader(delimiter);
  const rest = limitSize(chunks, head.length, limits.maxFileBytes, () => fileTooLarge(source.name, limits));
  let line = fromLine - 1;
  const onChunk = (bytes: number) =>
    options.onProgress?.({ bytes, rows: line, ...(source.size === undefined ? {} : { size: source.size }) });
  const onRecord = (record: string[]) => {
    line += 1;
    if (record.length > limits.maxColumns) throw tooManyColumns(source.name, line, record.length, limits);
    sink.push(record);
  };
  try {
    await reader.read(decode(head, rest, decoder, onChunk), { delimiter, fromLine, maxRecordSize: limits.maxRowBytes }, onRecord);
  } catch (caught) {
    throw toInputError(caught, reader.isCsvError, source.name, limits);
  }
  return sink.finish(encoding, delimiter);
}

/** The environment variable that selects csv-parse, should the fast parser ever misread a file. */
export const CSV_PARSER_VARIABLE = 'PM_RANK_CSV_PARSER';

interface RecordReader {
  read: (texts: AsyncIterable<string>, options: CsvRecordOptions, onRecord: OnRecord) => Promise<void>;
  isCsvError: (error: unknown) => error is CsvErrorLike;
}

interface CsvErrorLike extends Error {
  code: string;
  lines?: unknown;
}

const FAST_READER: RecordReader = {
  async read(texts, options, onRecord) {
    const parser = new CsvRecordParser({ ...options, isFlat: true });
    for await (const text of texts) parser.write(text, onRecord);
    parser.end(onRecord);
  },
  isCsvError: (error) => error instanceof CsvRecordError,
};

/** CsvRecordParser, or csv-parse (loaded only then) when the environment asks for it or the delimiter is one the fast parser leaves alone. */
async function recordReader(delimiter: string, env: Record<string, string | undefined> = process.env): Promise<RecordReader> {
  const choice = env[CSV_PARSER_VARIABLE];
  if (choice !== undefined && choice !== '' && choice !== 'csv-parse' && choice !== 'fast') {
    throw new UsageError(`${CSV_PARSER_VARIABLE} must be csv-parse or fast, got "${choice}"`);
  }
  if (choice !== 'csv-parse' && canParseWith(delimiter)) return FAST_READER;
  const { readWithCsvParse, isCsvParseError } = await import('./csv-parse-records.js');
  return { read: readWithCsvParse, isCsvError: isCsvParseError };
}

/** A parser error in the user's words; other errors pass through. */
function toInputError(error: unknown, isCsvError: RecordReader['isCsvError'], name: string, limits: InputLimits): unknown {
  if (!isCsvError(error)) return error;
  const line = typeof error.lines === 'number' ? error.lines : '?';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new InputError(
      `${name}:${line}: a row over ${describeBytes(limits.maxRowBytes)} (a huge cell, or a quote that never closes); set ${LIMITS.maxRowBytes.variable} to allow more`,
      { cause: error },
    );
  }
  return new InputError(`${name}:${line}: malformed CSV: ${error.message}`, { cause: error });
}

function tooManyColumns(name: string, line: number, count: number, limits: InputLimits): InputError {
  return new InputError(
    `${name}:${line}: ${count} columns, over the limit of ${limits.maxColumns}; set ${LIMITS.maxColumns.variable} to allow more`,
  );
}

function fileTooLarge(name: string, limits: InputLimits): InputError {
  return new InputError(`${name} is over ${describeBytes(limits.maxFileBytes)}; set ${LIMITS.maxFileBytes.variable} to read larger files`);
}

/** Passes the chunks through, failing once the total passes the limit: stdin has no size to check up front. */
async function* limitSize(
  chunks: AsyncIterator<Buffer | string>,
  read: number,
  max: number,
  fail: () => Error,
): AsyncGenerator<Buffer | string> {
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    read += next.value.length;
    if (read > max) throw fail();
    yield next.value;
  }
}

async function readHead(chunks: AsyncIterator<Buffer | string>): Promise<{ head: Buffer; isWholeFile: boolean }> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head: Buffer.concat(head), isWholeFile: true };
    head.push(Buffer.from(next.value));
    size += next.value.length;
  }
  return { head: Buffer.concat(head), isWholeFile: false };
}

/** UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252: what Excel writes. */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // A sample cut mid-file may end inside a character; only a whole file must end cleanly.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !isWholeFile });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function createDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new UsageError(`--encoding ${encoding} is not an encoding Node knows (try utf-8, windows-1252, utf-16le)`, { cause: error });
  }
}

async function* decode(
  head: Buffer,
  rest: AsyncIterator<Buffer | string>,
  decoder: InstanceType<typeof TextDecoder>,
  onChunk: (bytes: number) => void,
): AsyncGenerator<string> {
  let bytes = head.length;
  yield decoder.decode(head, { stream: true });
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    onChunk(bytes);
    bytes += next.value.length;
    yield decoder.decode(Buffer.from(next.value), { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The candidate that splits the header line most often, quotes respected; comma when none does. */
export function detectDelimiter(sample: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let isQuoted = false;
  for (const char of sample) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === '\n' || char === '\r')) break;
    else if (!isQuoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  const [best, count] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ',';
}

interface NumericColumn {
  field: string;
  index: number;
  decimal: Decimal;
  /** Cell text -> what it reads as (null: not a number); exports repeat amounts and scores across rows. */
  parsed: Map<string, Quantity | null>;
}

/** Distinct cells a numeric column remembers parsing; past it, cells are parsed afresh. */
const MAX_REMEMBERED_CELLS = 50_000;

/**
 * What every export reader shares: maps the header, learns each numeric column's
 * decimal separator, types cells (money in the base currency), spots report
 * footers, and keeps warnings readable. Subclasses say which fields they want
 * and what a row becomes.
 */
export abstract class TableReader {
  protected columns: ColumnMap | undefined;
  protected header: string[] = [];
  protected readonly issues: Issue[] = [];
  private readonly warningCounts = new Map<string, number>();
  private lookahead: { record: string[]; line: number }[] | undefined = [];
  protected numericColumns: NumericColumn[] = [];
  protected baseCurrency: string | undefined;
  private line = 0;
  private rows = 0;
  private skippedRows = 0;
  private footer: { line: number; text: string }[] = [];
  private isAfterBlank = false;

  constructor(
    protected readonly source: string,
    private readonly currency: ScoringModel['currency'],
    private readonly delimiter: string,
    private readonly isDecimalComma: boolean | undefined,
  ) {
    this.baseCurrency = currency.base;
  }

  /** Maps the header row to fields; throws when the export cannot be used. */
  protected abstract mapHeader(record: string[]): ColumnMap;
  /** Fields whose cells are numbers. */
  protected abstract numericFields(): Iterable<string>;
  /** Takes one data row (not blank, not a footer). */
  protected abstract readRecord(record: string[], line: number): void;

  push(record: string[]): void {
    this.line += 1;
    if (!this.columns) {
      this.header = record;
      this.columns = this.mapHeader(record);
      return;
    }
    if (!this.lookahead) return this.readRow(record, this.line);
    this.lookahead.push({ record, line: this.line });
    if (this.lookahead.length >= LOOKAHEAD_ROWS) this.flushLookahead();
  }

  /** Reads what is held back and notes footers and suppressed warnings; the summary of the table. */
  protected finishTable(encoding: string, delimiter: string, expected: string): ReadSummary {
    if (!this.columns) throw new InputError(`${this.source} is empty: expected ${expected}`);
    this.flushLookahead();
    this.noteFooter();
    this.noteSuppressedWarnings();
    return {
      source: this.source,
      rows: this.rows,
      skippedRows: this.skippedRows,
      footerLines: this.footer.length,
      encoding,
      delimiter,
      ...(this.baseCurrency ? { currency: this.baseCurrency } : {}),
      columns: this.columns.headers,
    };
  }

  private flushLookahead(): void {
    if (!this.lookahead) return;
    const rows = this.lookahead;
    this.lookahead = undefined;
    this.numericColumns = this.detectNumericColumns(rows.map((r) => r.record));
    for (const { record, line } of rows) this.readRow(record, line);
  }

  private detectNumericColumns(records: string[][]): NumericColumn[] {
    const fallback: Decimal = this.isDecimalComma || this.delimiter === ';' ? ',' : '.';
    return [...this.numericFields()].flatMap((field) =>
      (this.columns!.indices.get(field) ?? []).map((index) => {
        const decimal = this.isDecimalComma === undefined ? voteDecimal(records, index, fallback) : fallback;
        return { field, index, decimal, parsed: new Map() };
      }),
    );
  }

  private readRow(record: string[], line: number): void {
    const filled = record.findIndex(isFilled);
    if (filled < 0) {
      this.isAfterBlank = true;
      this.skippedRows += 1;
      return;
    }
    // Report footers (Salesforce's confidentiality and copyright lines) follow a blank line, one cell each.
    if (this.isAfterBlank && this.header.length > 1 && record.findIndex((cell, i) => i > filled && isFilled(cell)) < 0) {
      this.footer.push({ line, text: record[filled]!.trim() });
      return;
    }
    this.isAfterBlank = false;
    this.rows += 1;
    this.readRecord(record, line);
  }

  /** The row's numbers by field; the first column of a field with a value wins. */
  protected numbersOf(record: string[], line: number): Record<string, number> {
    const numbers: Record<string, number> = {};
    for (const column of this.numericColumns) {
      if (numbers[column.field] !== undefined) continue;
      const value = this.readNumber(record[column.index] ?? '', column, line);
      if (value !== undefined) numbers[column.field] = value;
    }
    return numbers;
  }

  protected cellsOf(record: string[], field: string): string[] {
    const cells: string[] = [];
    for (const i of this.columns!.indices.get(field) ?? []) {
      const cell = valueAt(record, i);
      if (cell !== undefined) cells.push(cell);
    }
    return cells;
  }

  /** cellsOf's first, without building the list: every row asks for its title and account. */
  protected firstCell(record: string[], field: string): string | undefined {
    for (const i of this.columns!.indices.get(field) ?? []) {
      const cell = valueAt(record, i);
      if (cell !== undefined) return cell;
    }
    return undefined;
  }

  private readNumber(cell: string, column: NumericColumn, line: number): number | undefined {
    const text = cell.trim();
    if (isPlaceholder(text, SILENT_NUMBER_PLACEHOLDERS)) return undefined;
    const quantity = parseCell(text, column);
    const header = this.header[column.index]!.trim();
    if (!quantity) {
      const kind = column.field === MONEY_FIELD ? 'an amount' : 'a number';
      this.warn({
        code: 'INVALID_NUMBER',
        severity: 'warning',
        line,
        column: header,
        path: column.field,
        value: text,
        message: `${this.source}:${line} column "${header}": "${text}" is not ${kind}; counted as missing`,
      });
      return undefined;
    }
    if (column.field !== MONEY_FIELD || !quantity.currency) return quantity.value;
    return this.toBaseCurrency(quantity.value, quantity.currency, { line, header, text });
  }

  private toBaseCurrency(value: number, currency: string, cell: { line: number; header: string; text: string }): number {
    this.baseCurrency ??= currency;
    if (currency === this.baseCurrency) return value;
    const rate = this.currency.rates[currency];
    if (rate === undefined) {
      throw new InputError(
        `${this.source}:${cell.line} column "${cell.header}": "${cell.text}" is in ${currency}, but the config has no currency.rates.${currency} to convert it to ${this.baseCurrency}`,
      );
    }
    const converted = value * rate;
    if (!Number.isFinite(converted)) {
      throw new InputError(
        `${this.source}:${cell.line} column "${cell.header}": "${cell.text}" is too large to convert to ${this.baseCurrency}`,
      );
    }
    return converted;
  }

  protected warn(issue: Issue): void {
    const kind = `${issue.code}\u0000${issue.column ?? ''}`;
    const count = (this.warningCounts.get(kind) ?? 0) + 1;
    this.warningCounts.set(kind, count);
    if (count <= WARNINGS_PER_KIND) this.issues.push(issue);
  }

  private noteSuppressedWarnings(): void {
    for (const [kind, count] of this.warningCounts) {
      if (count <= WARNINGS_PER_KIND) continue;
      const [code, column] = kind.split('\u0000');
      this.issues.push({
        code: code!,
        severity: 'warning',
        ...(column ? { column } : {}),
        message: `${this.source}: ${count - WARNINGS_PER_KIND} more ${code}${column ? ` in column "${column}"` : ''} not shown (${count} in all)`,
      });
    }
  }

  private noteFooter(): void {
    const first = this.footer[0];
    if (!first) return;
    this.issues.push({
      code: 'FOOTER_SKIPPED',
      severity: 'notice',
      line: first.line,
      value: first.text,
      message: `${this.source}:${first.line} skipped ${this.footer.length} report footer line${this.footer.length === 1 ? '' : 's'} after the data ("${first.text}")`,
    });
  }
}

/** The separator most of a column's cells prove; the fallback on a tie. */
function voteDecimal(records: readonly string[][], index: number, fallback: Decimal): Decimal {
  const votes = { '.': 0, ',': 0 };
  for (const record of records) {
    const separator = decimalSeparatorOf(record[index] ?? '');
    if (separator) votes[separator] += 1;
  }
  return votes['.'] === votes[','] ? fallback : votes['.'] > votes[','] ? '.' : ',';
}

/** The cell trimmed, or undefined when it means "no value". */
function valueAt(record: readonly string[], index: number): string | undefined {
  const cell = (record[index] ?? '').trim();
  return isPlaceholder(cell) ? undefined : cell;
}

function isFilled(cell: string): boolean {
  return cell.trim() !== '';
}

const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** Whether a cell means "no value"; longer cells skip the lower-casing, which every cell of every row would pay. */
export function isPlaceholder(cell: string, placeholders: ReadonlySet<string> = PLACEHOLDERS): boolean {
  return cell.length <= LONGEST_PLACEHOLDER && placeholders.has(cell.toLowerCase());
}

function parseCell(text: string, column: NumericColumn): Quantity | undefined {
  const remembered = column.parsed.get(text);
  if (remembered !== undefined) return remembered ?? undefined;
  const quantity = parseQuantity(text, column.decimal);
  if (column.parsed.size < MAX_REMEMBERED_CELLS) column.parsed.set(text, quantity ?? null);
  return quantity;
}

/** The header cells, quoted, for messages about a header that lacks something. */
export function describeHeader(record: readonly string[]): string {
  return record
    .filter((h) => h.trim())
    .map((h) => `"${h.trim()}"`)
    .join(', ');
}
