import {
  decimalSeparatorOf,
  parseQuantity,
  readAmount,
  usualDecimalOf,
  type AmountConvention,
  type Decimal,
  type Quantity,
} from '../../core/text/numbers.js';
import type { Issue, ScoringModel } from '../../core/types.js';
import { InputError } from '../../errors.js';
import type { ReadSummary } from '../csv/stream-csv.js';
import { CURRENCY_FIELD, findCurrencyCodeColumns, isConvertedAmountHeader, toCurrencyCode } from './currency-columns.js';
import { CurrencyLedger, type AmountCell } from './currency-ledger.js';
import { parseNumberRange } from '../../core/requests/ranges.js';
import { isPlaceholder } from './cells.js';
import type { ColumnMap } from './map-columns.js';

/** Rows held back to learn each numeric column's decimal separator before parsing any. */
const LOOKAHEAD_ROWS = 1000;
/** Warnings kept per code and column; the rest are counted, so a bad 1M-row column stays readable. */
const WARNINGS_PER_KIND = 20;
const SILENT_NUMBER_PLACEHOLDERS = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null']);
/** The field whose cells are money: converted to the base currency. */
const MONEY_FIELD = 'deal_value';

interface NumericColumn {
  field: string;
  index: number;
  decimal: Decimal;
  /** For money: what proves the column's decimal separator, against which a cell's own reading is checked. */
  convention: AmountConvention;
  /** For money: the column naming each row's currency, when the cell names none. */
  codeIndex?: number;
  /** For money: amounts the CRM converted to its company currency. */
  isConverted: boolean;
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
  private hasHeader = false;
  protected readonly issues: Issue[] = [];
  private readonly warningCounts = new Map<string, { count: number; first: Issue }>();
  private lookahead: { record: string[]; line: number }[] | undefined = [];
  protected numericColumns: NumericColumn[] = [];
  /** The amount column in each deal's own currency, beside a converted one: what a converted amount was converted from. */
  private ownCurrencyAmounts: NumericColumn | undefined;
  private readonly ledger: CurrencyLedger;
  /** Code cell -> the ISO code it names (null: none). */
  private readonly codeCells = new Map<string, string | null>();
  /** The currency the current row's deal value was converted from, as a shared one-item list; see numbersOf. */
  protected convertedFrom: readonly string[] | undefined;
  /** The current row's number cells that were ranges (`3-4`), by field: read as their midpoint, kept as text for --uncertainty. */
  protected rangeCells: Record<string, string> | undefined;
  private line = 0;
  private rows = 0;
  private skippedRows = 0;
  private footer: { line: number; text: string }[] = [];
  private isAfterBlank = false;

  constructor(
    protected readonly source: string,
    currency: ScoringModel['currency'],
    private readonly delimiter: string,
    private readonly isDecimalComma: boolean | undefined,
  ) {
    this.ledger = new CurrencyLedger(source, currency);
  }

  /** Maps the header row to fields, with the first rows as content evidence; throws when the export cannot be used. */
  protected abstract mapHeader(header: string[], sample: string[][]): ColumnMap;
  /** Fields whose cells are numbers. */
  protected abstract numericFields(): Iterable<string>;
  /** Takes one data row (not blank, not a footer). */
  protected abstract readRecord(record: string[], line: number): void;

  push(record: string[], line = this.line + 1): void {
    this.line = line;
    if (!this.hasHeader) {
      [this.header, this.hasHeader] = [record, true];
      return;
    }
    if (!this.lookahead) return this.readRow(record, this.line);
    this.lookahead.push({ record, line: this.line });
    if (this.lookahead.length >= LOOKAHEAD_ROWS) this.flushLookahead();
  }

  /** Reads what is held back and notes footers and suppressed warnings; the summary of the table. */
  protected finishTable(encoding: string, delimiter: string, expected: string): ReadSummary {
    if (!this.hasHeader) throw new InputError(`${this.source} is empty: expected ${expected}`);
    this.flushLookahead();
    const columns = this.columns!;
    this.noteFooter();
    this.issues.push(...this.ledger.issues());
    this.noteSuppressedWarnings();
    const { base } = this.ledger;
    const conversions = this.ledger.summary();
    return {
      source: this.source,
      rows: this.rows,
      skippedRows: this.skippedRows,
      footerLines: this.footer.length,
      encoding,
      delimiter,
      ...(base ? { currency: base } : {}),
      ...(conversions ? { conversions } : {}),
      header: this.header,
      columns: columns.headers,
      choices: columns.choices,
      samples: columns.samples,
    };
  }

  private flushLookahead(): void {
    if (!this.lookahead) return;
    const rows = this.lookahead;
    this.lookahead = undefined;
    const sample = rows.flatMap(({ record }) => (record.some(isFilled) ? [record] : []));
    this.columns = this.mapHeader(this.header, sample);
    this.numericColumns = this.detectNumericColumns(rows.map((r) => r.record));
    this.ownCurrencyAmounts = this.numericColumns.find((c) => c.field === MONEY_FIELD && !c.isConverted);
    for (const { record, line } of rows) this.readRow(record, line);
  }

  private detectNumericColumns(records: string[][]): NumericColumn[] {
    const fallback: Decimal = this.isDecimalComma || this.delimiter === ';' ? ',' : '.';
    const isDeclared = this.isDecimalComma !== undefined;
    const codeColumns = this.findCodeColumns(records);
    return [...this.numericFields()].flatMap((field) =>
      (this.columns!.indices.get(field) ?? []).map((index): NumericColumn => {
        const proven = isDeclared ? fallback : voteDecimal(records, index, field === MONEY_FIELD);
        const codeIndex = codeColumns.get(index);
        return {
          field,
          index,
          decimal: proven ?? fallback,
          convention: proven ? { decimal: proven, isDeclared } : { isDeclared },
          ...(codeIndex === undefined ? {} : { codeIndex }),
          isConverted: field === MONEY_FIELD && isConvertedAmountHeader(this.header[index]!),
          parsed: new Map(),
        };
      }),
    );
  }

  private findCodeColumns(records: string[][]): Map<number, number> {
    const amounts = this.columns!.indices.get(MONEY_FIELD) ?? [];
    const configured = this.columns!.indices.get(CURRENCY_FIELD)?.[0];
    const codeColumns = findCurrencyCodeColumns(this.header, records, amounts, configured);
    // The summary names the code column of the amounts deal values are read from first.
    const first = amounts.map((i) => codeColumns.get(i)).find((i) => i !== undefined);
    if (first !== undefined) this.columns!.headers[CURRENCY_FIELD] ??= this.header[first]!.trim();
    return codeColumns;
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
    this.warn({
      code: 'EXTRA_CELLS',
      severity: 'warning',
      file: this.source,
      line,
      value: record[this.header.length + extra]!,
      args: { cells: record.length, columns: this.header.length },
    });
  }

  /**
   * The row's numbers by field; the first column of a field with a value wins.
   * Sets convertedFrom to the currency the deal value was converted from, if any.
   */
  protected numbersOf(record: string[], line: number): Record<string, number> {
    const numbers: Record<string, number> = {};
    this.convertedFrom = undefined;
    this.rangeCells = undefined;
    for (const column of this.numericColumns) {
      if (numbers[column.field] !== undefined) continue;
      const value = this.readNumber(record, column, line);
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

  private readNumber(record: string[], column: NumericColumn, line: number): number | undefined {
    const text = (record[column.index] ?? '').trim();
    if (isPlaceholder(text, SILENT_NUMBER_PLACEHOLDERS)) return undefined;
    const quantity = parseCell(text, column);
    const header = this.header[column.index]!.trim();
    const range = quantity || column.field === MONEY_FIELD ? undefined : parseNumberRange(text);
    if (range) {
      (this.rangeCells ??= {})[column.field] = text;
      return (range.low + range.high) / 2;
    }
    if (!quantity) {
      this.warn({
        code: 'INVALID_NUMBER',
        severity: 'warning',
        file: this.source,
        line,
        column: header,
        path: column.field,
        value: text,
        args: { isAmount: column.field === MONEY_FIELD },
      });
      return undefined;
    }
    if (column.field !== MONEY_FIELD) return quantity.value;
    return this.readMoney(quantity, record, column, { line, header, text });
  }

  /** A money cell in the base currency; undefined, with a warning, when its currency or value cannot be trusted. */
  private readMoney(quantity: Quantity, record: string[], column: NumericColumn, cell: AmountCell): number | undefined {
    const currency = quantity.currency ?? this.rowCurrency(record, column, cell);
    if (currency === null) return undefined;
    const reading = readAmount(quantity, currency, column.convention);
    if (reading.otherValue !== undefined && reading.otherValue !== reading.value)
      this.warnAmbiguous(cell, reading.value, reading.otherValue);
    const value = currency === undefined ? reading.value : this.ledger.toBase(reading.value, currency, cell);
    if (value === undefined) return undefined;
    if (column.isConverted) this.noteConvertedByColumn(record, cell);
    else this.convertedFrom = this.ledger.convertedFrom(currency);
    return value;
  }

  /** The currency the row's code column names for this amount: undefined without one, null (warned) when unreadable. */
  private rowCurrency(record: string[], column: NumericColumn, cell: AmountCell): string | undefined | null {
    if (column.codeIndex === undefined) return undefined;
    const code = this.codeAt(record, column.codeIndex);
    if (code === null) {
      const text = record[column.codeIndex]!.trim();
      const codeHeader = this.header[column.codeIndex]!.trim();
      this.warn({
        code: 'INVALID_CURRENCY',
        severity: 'warning',
        file: this.source,
        line: cell.line,
        column: codeHeader,
        path: CURRENCY_FIELD,
        value: text,
        args: { amount: cell.text },
      });
    }
    return code;
  }

  /** The ISO code a row's code cell names: undefined when the cell is empty, null when it names none. */
  private codeAt(record: string[], index: number): string | undefined | null {
    const text = (record[index] ?? '').trim();
    if (text === '') return undefined;
    let code = this.codeCells.get(text);
    if (code === undefined) this.codeCells.set(text, (code = toCurrencyCode(text) ?? null));
    return code;
  }

  private warnAmbiguous(cell: AmountCell, value: number, otherValue: number): void {
    this.warn({
      code: 'AMBIGUOUS_AMOUNT',
      severity: 'warning',
      file: this.source,
      line: cell.line,
      column: cell.header,
      path: MONEY_FIELD,
      value: cell.text,
      args: { read: value, other: otherValue },
    });
  }

  /** A converted amount: the row's own currency, from the amount column beside it, says what was converted. */
  private noteConvertedByColumn(record: string[], cell: AmountCell): void {
    const own = this.ownCurrencyAmounts;
    if (!own) return;
    const text = (record[own.index] ?? '').trim();
    const currency = parseCell(text, own)?.currency ?? (own.codeIndex === undefined ? undefined : this.codeAt(record, own.codeIndex));
    if (!currency) return;
    this.ledger.noteConvertedByColumn(currency, cell.header);
    this.convertedFrom = this.ledger.convertedFrom(currency);
  }

  warn(issue: Issue): void {
    const kind = `${issue.code}\u0000${issue.column ?? ''}`;
    const kept = this.warningCounts.get(kind) ?? { count: 0, first: issue };
    this.warningCounts.set(kind, { ...kept, count: kept.count + 1 });
    if (kept.count < WARNINGS_PER_KIND) this.issues.push(issue);
  }

  /** One finding for each kind's warnings past the first few: how many more, under the first one's code, column and arguments. */
  private noteSuppressedWarnings(): void {
    for (const { count, first } of this.warningCounts.values()) {
      if (count <= WARNINGS_PER_KIND) continue;
      const { code, args, column } = first;
      this.issues.push({
        code,
        args,
        severity: 'warning',
        file: this.source,
        ...(column === undefined ? {} : { column }),
        omitted: { count: count - WARNINGS_PER_KIND, total: count },
      } as Issue);
    }
  }

  private noteFooter(): void {
    const first = this.footer[0];
    if (!first) return;
    this.issues.push({
      code: 'FOOTER_SKIPPED',
      severity: 'notice',
      file: this.source,
      line: first.line,
      value: first.text,
      args: { lines: this.footer.length },
    });
  }
}

/**
 * The separator most of a column's cells prove; undefined on a tie (none proving
 * either, too). An amount whose shape proves nothing (`$250,000`) votes for its
 * currency's usual convention.
 */
function voteDecimal(records: readonly string[][], index: number, isMoney: boolean): Decimal | undefined {
  const votes = { '.': 0, ',': 0 };
  for (const record of records) {
    const cell = record[index] ?? '';
    const separator = decimalSeparatorOf(cell) ?? (isMoney ? usualDecimalOf(parseQuantity(cell)?.currency) : undefined);
    if (separator) votes[separator] += 1;
  }
  return votes['.'] === votes[','] ? undefined : votes['.'] > votes[','] ? '.' : ',';
}

/** The cell trimmed, or undefined when it means "no value". */
function valueAt(record: readonly string[], index: number): string | undefined {
  const cell = (record[index] ?? '').trim();
  return isPlaceholder(cell) ? undefined : cell;
}

function isFilled(cell: string): boolean {
  return cell.trim() !== '';
}

function parseCell(text: string, column: NumericColumn): Quantity | undefined {
  const remembered = column.parsed.get(text);
  if (remembered !== undefined) return remembered ?? undefined;
  const quantity = parseQuantity(text, column.decimal);
  if (column.parsed.size < MAX_REMEMBERED_CELLS) column.parsed.set(text, quantity ?? null);
  return quantity;
}
