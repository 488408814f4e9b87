import type { DealRow, Issue, ScoringModel } from '../core/types.js';
import { InputError } from '../errors.js';
import { CURRENCY_FIELD, preferConvertedAmount } from './table/currency-columns.js';
import { describeHeader, mapColumns, type ColumnMap } from './table/map-columns.js';
import { wantedField } from './table/field-kinds.js';
import type { Source } from './source.js';
import type { ReadOptions, ReadSummary } from './csv/stream-csv.js';
import { readTable } from './read-table.js';
import { TableReader } from './table/table-reader.js';

export interface DealsRead {
  rows: DealRow[];
  issues: Issue[];
  summary: ReadSummary;
}

const EXPECTED = 'a header row and one row per deal';
const FIELDS = ['deal', 'account', 'segment', 'stage', 'deal_value', 'reason', 'cited'] as const;
const REQUIRED: Partial<Record<(typeof FIELDS)[number], string>> = {
  stage: 'stage or outcome ("Stage", "Outcome": Closed Won / Closed Lost)',
  cited: 'cited requests ("Requests Cited", "Feature Requests")',
};

/**
 * Streams a win/loss export (closed deals and the requests they cite) with the
 * same column mapping, number and money parsing as the request export.
 * `currency` is the base the requests were read in, so both add up.
 */
export async function readDeals(source: Source, model: ScoringModel, options: ReadOptions = {}, currency?: string): Promise<DealsRead> {
  const base = { ...model.currency, ...(currency ? { base: currency } : {}) };
  return readTable(source, options, (delimiter) => new DealsReader(source.name, model, base, delimiter, options.isDecimalComma), EXPECTED);
}

class DealsReader extends TableReader {
  private readonly dealRows: DealRow[] = [];

  constructor(
    source: string,
    private readonly model: ScoringModel,
    currency: ScoringModel['currency'],
    delimiter: string,
    isDecimalComma: boolean | undefined,
  ) {
    super(source, currency, delimiter, isDecimalComma);
  }

  finish(encoding: string, delimiter: string): DealsRead {
    const summary = this.finishTable(encoding, delimiter, EXPECTED);
    return { rows: this.dealRows, issues: this.issues, summary };
  }

  protected mapHeader(header: string[], sample: string[][]): ColumnMap {
    // Only the deal fields' configured headers apply: columns.title must not claim "Feature Request" here.
    const configured = Object.fromEntries(
      Object.entries(this.model.columns).filter(([field]) => field === CURRENCY_FIELD || (FIELDS as readonly string[]).includes(field)),
    );
    const wanted = FIELDS.map((field) => wantedField(field, undefined));
    const columns = preferConvertedAmount(
      mapColumns(this.source, { header, sample, configured, wanted }),
      header,
      'deal_value' in configured,
    );
    for (const [field, what] of Object.entries(REQUIRED)) {
      if (columns.indices.has(field)) continue;
      throw new InputError(
        `${this.source}: no ${what} column in the header (${describeHeader(header)}); name it in the config's columns.${field}`,
      );
    }
    return columns;
  }

  protected numericFields(): Iterable<string> {
    return ['deal_value'];
  }

  protected readRecord(record: string[], line: number): void {
    const row: DealRow = { line, cited: this.cellsOf(record, 'cited') };
    const amount = this.numbersOf(record, line).deal_value;
    if (amount !== undefined) row.amount = amount;
    const texts = {
      name: 'deal',
      account: 'account',
      segment: 'segment',
      stage: 'stage',

      reason: 'reason',
    } as const;
    for (const [key, field] of Object.entries(texts) as [keyof typeof texts, string][]) {
      const value = this.firstCell(record, field);
      if (value !== undefined) row[key] = value;
    }
    this.dealRows.push(row);
  }
}
