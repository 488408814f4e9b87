import { decimalSeparatorOf, parseQuantity, type Decimal, type Quantity } from '../../core/numbers.js';
import type { Issue, ScoringModel } from '../../core/types.js';
import { InputError } from '../../errors.js';
import type { ReadSummary } from '../csv/stream-csv.js';
import type { ColumnMap } from './map-columns.js';

/** Rows held back to learn each numeric column's decimal separator before parsing any. */
const LOOKAHEAD_ROWS = 1000;
/** Warnings kept per code and column; the rest are counted, so a bad 1M-row column stays readable. */
const WARNINGS_PER_KIND = 20;
/** Cells that mean "no value"; TBD is one for text, but in a number column it deserves a warning. */
export const PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null', 'tbd']);
const SILENT_NUMBER_PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null']);
/** The field whose cells are money: converted to the base currency. */
const MONEY_FIELD = 'deal_value';

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
    this.warnExtraCells(record, line);
    this.readRecord(record, line);
  }

  /** Cells past the header's last column are read by no field: say so, unless they are empty (trailing delimiters). */
  private warnExtraCells(record: string[], line: number): void {
    const extra = record.slice(this.header.length).findIndex(isFilled);
    if (extra < 0) return;
    const value = record[this.header.length + extra]!;
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    this.warn({
      code: 'EXTRA_CELLS',
      severity: 'warning',
      line,
      value,
      message: `${this.source}:${line}: ${record.length} cells, the header has ${this.header.length}; "${shown}" and any after it are ignored (a delimiter in an unquoted cell?)`,
    });
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

  warn(issue: Issue): void {
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
