import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { CsvError, parse } from 'csv-parse';
import { fieldUsage, type FieldUsage } from '../core/fields.js';
import { createRequestGrouper, type RequestGrouper } from '../core/group.js';
import { decimalSeparatorOf, parseQuantity, type Decimal } from '../core/numbers.js';
import type { FeatureRequest, Issue, Mention, ScoringModel } from '../core/types.js';
import { InputError, UsageError } from '../errors.js';
import { COLUMN_SYNONYMS } from './column-synonyms.js';
import { mapColumns, type ColumnMap } from './map-columns.js';
import type { Source } from './open-source.js';

/** Overrides for what the reader otherwise detects. */
export interface ReadOptions {
  delimiter?: string;
  encoding?: string;
  isDecimalComma?: boolean;
  /** Called after each chunk read, for a progress line; the reader never prints. */
  onProgress?: (progress: ReadProgress) => void;
}

export interface ReadProgress {
  bytes: number;
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

export interface RequestsRead {
  requests: FeatureRequest[];
  issues: Issue[];
  summary: ReadSummary;
}

const SAMPLE_BYTES = 64 * 1024;
/** Rows held back to learn each numeric column's decimal separator before parsing any. */
const LOOKAHEAD_ROWS = 1000;
/** Warnings kept per code and column; the rest are counted, so a bad 1M-row column stays readable. */
const WARNINGS_PER_KIND = 20;
/** Cells that mean "no value"; TBD is one for text, but in a number column it deserves a warning. */
const PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null', 'tbd']);
const PLACEHOLDER_LENGTH = Math.max(...[...PLACEHOLDERS].map((p) => p.length));
const SILENT_NUMBER_PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null']);

/** Streams a CSV export into requests, collecting warnings about bad rows and cells. */
export async function readRequests(source: Source, model: ScoringModel, options: ReadOptions = {}): Promise<RequestsRead> {
  const chunks: AsyncIterator<Buffer | string> = source.stream[Symbol.asyncIterator]();
  const { head, isWholeFile } = await readHead(chunks);
  if (head.length === 0) throw new InputError(`${source.name} is empty: expected a header row and request rows`);
  const encoding = options.encoding ?? detectEncoding(head, isWholeFile);
  const decoder = createDecoder(encoding);
  const sample = new TextDecoder(encoding).decode(head);
  const excelSeparator = /^(?:\ufeff)?sep=(.)\r?\n/i.exec(sample)?.[1];
  const delimiter = options.delimiter ?? excelSeparator ?? detectDelimiter(sample);
  const reader = new ExportReader(source.name, model, delimiter, options.isDecimalComma);
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: excelSeparator ? 2 : 1,
  });
  try {
    const onChunk = (bytes: number) =>
      options.onProgress?.({ bytes, rows: reader.rowsRead, ...(source.size === undefined ? {} : { size: source.size }) });
    await pipeline(Readable.from(decode(head, chunks, decoder, onChunk)), parser, async (records: AsyncIterable<string[]>) => {
      for await (const record of records) reader.push(record);
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new InputError(`${source.name}:${typeof error.lines === 'number' ? error.lines : '?'}: malformed CSV: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
  return reader.finish(encoding, delimiter);
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

function createDecoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new UsageError(`--encoding ${encoding} is not an encoding Node knows (try utf-8, windows-1252, utf-16le)`, { cause: error });
  }
}

async function* decode(
  head: Buffer,
  rest: AsyncIterator<Buffer | string>,
  decoder: TextDecoder,
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
}

/** Turns CSV records into mentions: maps the header, types the cells, spots footers, groups as it goes. */
class ExportReader {
  private columns: ColumnMap | undefined;
  private header: string[] = [];
  private readonly usage: Map<string, FieldUsage>;
  private readonly grouper: RequestGrouper;
  private readonly issues: Issue[] = [];
  private readonly warningCounts = new Map<string, number>();
  private lookahead: { record: string[]; line: number }[] | undefined = [];
  private numericColumns: NumericColumn[] = [];
  private baseCurrency: string | undefined;
  private line = 0;
  private rows = 0;
  private skippedRows = 0;
  private footer: { line: number; text: string }[] = [];
  private isAfterBlank = false;

  constructor(
    private readonly source: string,
    private readonly model: ScoringModel,
    private readonly delimiter: string,
    private readonly isDecimalComma: boolean | undefined,
  ) {
    this.usage = fieldUsage(model);
    this.grouper = createRequestGrouper(model.aggregate);
    this.baseCurrency = model.currency.base;
  }

  push(record: string[]): void {
    this.line += 1;
    if (!this.columns) return this.readHeader(record);
    if (!this.lookahead) return this.readRow(record, this.line);
    this.lookahead.push({ record, line: this.line });
    if (this.lookahead.length >= LOOKAHEAD_ROWS) this.flushLookahead();
  }

  get rowsRead(): number {
    return this.rows;
  }

  finish(encoding: string, delimiter: string): RequestsRead {
    if (!this.columns) throw new InputError(`${this.source} is empty: expected a header row and request rows`);
    this.flushLookahead();
    this.noteFooter();
    this.noteSuppressedWarnings();
    return {
      requests: this.grouper.requests(),
      issues: this.issues,
      summary: {
        source: this.source,
        rows: this.rows,
        skippedRows: this.skippedRows,
        footerLines: this.footer.length,
        encoding,
        delimiter,
        ...(this.baseCurrency ? { currency: this.baseCurrency } : {}),
        columns: this.columns.headers,
      },
    };
  }

  private readHeader(record: string[]): void {
    this.header = record;
    const wanted = ['id', 'title', 'account', ...this.usage.keys()];
    this.columns = mapColumns(record, this.model.columns, wanted);
    if (!this.columns.indices.has('id') && !this.columns.indices.has('title')) {
      const found = record
        .filter((h) => h.trim())
        .map((h) => `"${h.trim()}"`)
        .join(', ');
      throw new InputError(
        `${this.source}: no request id or title column in the header (${found}); name one in the config's columns.id or columns.title`,
      );
    }
    this.warnMissingColumns();
  }

  private warnMissingColumns(): void {
    for (const criterion of this.model.criteria) {
      if (this.columns!.indices.has(criterion.field) || criterion.field === 'accounts') continue;
      const configured = this.model.columns[criterion.field];
      const lookedFor = configured
        ? `"${configured}" (columns.${criterion.field})`
        : (COLUMN_SYNONYMS[criterion.field] ?? [criterion.field]).map((s) => `"${s}"`).join(', ');
      this.issues.push({
        code: 'COLUMN_NOT_FOUND',
        severity: 'warning',
        path: `criteria.${criterion.name}`,
        message: `${this.source}: no column for ${criterion.field} (looked for ${lookedFor}); criterion ${criterion.name} scores its missing value ${criterion.missing} for every request`,
      });
    }
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
    return [...this.usage].flatMap(([field, usage]) => {
      if (!usage.isNumeric) return [];
      return (this.columns!.indices.get(field) ?? []).map((index) => {
        if (this.isDecimalComma !== undefined) return { field, index, decimal: fallback };
        const votes = { '.': 0, ',': 0 };
        for (const record of records) {
          const separator = decimalSeparatorOf(record[index] ?? '');
          if (separator) votes[separator] += 1;
        }
        const decimal: Decimal = votes['.'] === votes[','] ? fallback : votes['.'] > votes[','] ? '.' : ',';
        return { field, index, decimal };
      });
    });
  }

  private readRow(record: string[], line: number): void {
    const filled = countFilled(record);
    if (filled === 0) {
      this.isAfterBlank = true;
      this.skippedRows += 1;
      return;
    }
    // Report footers (Salesforce's confidentiality and copyright lines) follow a blank line, one cell each.
    if (this.isAfterBlank && filled === 1 && this.header.length > 1) {
      this.footer.push({ line, text: record.find((cell) => cell.trim() !== '')!.trim() });
      return;
    }
    this.isAfterBlank = false;
    this.rows += 1;
    const issue = this.grouper.add(this.toMention(record, line));
    if (issue) this.warn({ ...issue, message: `${this.source}:${line} ${issue.message}` });
  }

  private toMention(record: string[], line: number): Mention {
    const title = this.firstCell(record, 'title');
    const account = this.firstCell(record, 'account');
    const mention: Mention = { line, ids: this.idsOf(record), numbers: {}, texts: {} };
    if (title !== undefined) mention.title = title;
    if (account !== undefined) mention.account = account;
    for (const column of this.numericColumns) {
      if (mention.numbers[column.field] !== undefined) continue;
      const value = this.readNumber(record[column.index] ?? '', column, line);
      if (value !== undefined) mention.numbers[column.field] = value;
    }
    for (const [field, usage] of this.usage) {
      if (!usage.isText) continue;
      const values = this.cellsOf(record, field);
      if (values.length > 0) mention.texts[field] = values;
    }
    return mention;
  }

  private idsOf(record: string[]): string[] {
    const split = this.model.aggregate.split;
    const cells = this.cellsOf(record, 'id');
    const ids = split ? cells.flatMap((cell) => cell.split(split)) : cells;
    return ids.map((id) => id.trim()).filter((id) => !isPlaceholder(id));
  }

  private cellsOf(record: string[], field: string): string[] {
    const indices = this.columns!.indices.get(field) ?? [];
    return indices.map((i) => (record[i] ?? '').trim()).filter((cell) => !isPlaceholder(cell));
  }

  private firstCell(record: string[], field: string): string | undefined {
    return this.cellsOf(record, field)[0];
  }

  private readNumber(cell: string, column: NumericColumn, line: number): number | undefined {
    const text = cell.trim();
    if (SILENT_NUMBER_PLACEHOLDERS.has(text.toLowerCase())) return undefined;
    const quantity = parseQuantity(text, column.decimal);
    const header = this.header[column.index]!.trim();
    if (!quantity) {
      const kind = column.field === 'deal_value' ? 'an amount' : 'a number';
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
    if (column.field !== 'deal_value' || !quantity.currency) return quantity.value;
    return this.toBaseCurrency(quantity.value, quantity.currency, { line, header, text });
  }

  private toBaseCurrency(value: number, currency: string, cell: { line: number; header: string; text: string }): number {
    this.baseCurrency ??= currency;
    if (currency === this.baseCurrency) return value;
    const rate = this.model.currency.rates[currency];
    if (rate === undefined) {
      throw new InputError(
        `${this.source}:${cell.line} column "${cell.header}": "${cell.text}" is in ${currency}, but the config has no currency.rates.${currency} to convert it to ${this.baseCurrency}`,
      );
    }
    return value * rate;
  }

  private warn(issue: Issue): void {
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

function isPlaceholder(cell: string): boolean {
  return cell.length <= PLACEHOLDER_LENGTH && PLACEHOLDERS.has(cell.toLowerCase());
}

function countFilled(record: string[]): number {
  let count = 0;
  for (const cell of record) if (cell.trim() !== '') count += 1;
  return count;
}
