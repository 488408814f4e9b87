import type { Issue, ScoringModel } from '../../core/types.js';
import { InputError } from '../../errors.js';
import type { CurrencyConversion } from '../csv/stream-csv.js';

/** Lines named in the warning about a currency without a rate; the rest are counted. */
const LINES_NAMED = 5;

/** An amount's cell, for messages. */
export interface AmountCell {
  line: number;
  header: string;
  text: string;
}

/**
 * Brings a table's amounts to one base currency (the config's, else the first
 * one seen) at the config's rates, never guessing one, and keeps account of how:
 * which currencies were converted, by rate or by the export's converted column,
 * and which rows a missing rate left without a value.
 */
export class CurrencyLedger {
  base: string | undefined;
  private readonly conversions = new Map<string, CurrencyConversion>();
  private readonly unconverted = new Map<string, { lines: number[]; count: number }>();
  /** Per currency, the one `[currency]` list every row converted from it shares. */
  private readonly lists = new Map<string, readonly string[]>();

  constructor(
    private readonly source: string,
    private readonly currency: ScoringModel['currency'],
  ) {
    this.base = currency.base;
  }

  /** The amount in the base currency; undefined, noted for one warning per currency, when there is no rate. */
  toBase(value: number, currency: string, cell: AmountCell): number | undefined {
    this.base ??= currency;
    if (currency === this.base) return value;
    const rate = this.currency.rates[currency];
    if (rate === undefined) {
      this.noteUnconverted(currency, cell.line);
      return undefined;
    }
    const converted = value * rate;
    if (!Number.isFinite(converted)) {
      throw new InputError(`${this.source}:${cell.line} column "${cell.header}": "${cell.text}" is too large to convert to ${this.base}`);
    }
    this.conversionOf(currency).rate = rate;
    return converted;
  }

  /** Notes an amount the export's converted column gave for a deal in `currency`. */
  noteConvertedByColumn(currency: string, column: string): void {
    if (currency !== this.base) this.conversionOf(currency).column = column;
  }

  /** `[currency]`, one list per currency, for the rows converted from it; undefined for the base currency. */
  convertedFrom(currency: string | undefined): readonly string[] | undefined {
    if (currency === undefined || currency === this.base) return undefined;
    let list = this.lists.get(currency);
    if (!list) this.lists.set(currency, (list = [currency]));
    return list;
  }

  /** Currency -> how its amounts were converted, for the summary. */
  summary(): Record<string, CurrencyConversion> | undefined {
    return this.conversions.size > 0 ? Object.fromEntries(this.conversions) : undefined;
  }

  /** One warning per currency without a rate: its rows' deal values count as missing, the run goes on. */
  issues(): Issue[] {
    return [...this.unconverted].map(([currency, { lines, count }]) => ({
      code: 'CURRENCY_WITHOUT_RATE',
      severity: 'warning',
      file: this.source,
      line: lines[0]!,
      path: `currency.rates.${currency}`,
      value: currency,
      // toBase set the base before it noted any currency without a rate.
      args: { currency, base: this.base!, lines, count },
    }));
  }

  private conversionOf(currency: string): CurrencyConversion {
    let conversion = this.conversions.get(currency);
    if (!conversion) this.conversions.set(currency, (conversion = { rows: 0 }));
    conversion.rows += 1;
    return conversion;
  }

  private noteUnconverted(currency: string, line: number): void {
    let rows = this.unconverted.get(currency);
    if (!rows) this.unconverted.set(currency, (rows = { lines: [], count: 0 }));
    rows.count += 1;
    if (rows.lines.length < LINES_NAMED) rows.lines.push(line);
  }
}
