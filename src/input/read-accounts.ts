import { buildHierarchy, type AccountHierarchy, type AccountRow } from '../core/requests/hierarchy.js';
import type { ScoringModel } from '../core/types.js';
import { InputError } from '../errors.js';
import type { ReadOptions } from './csv/stream-csv.js';
import { readTable } from './read-table.js';
import type { Source } from './source.js';
import { wantedField } from './table/field-kinds.js';
import { describeHeader, mapColumns, type ColumnMap } from './table/map-columns.js';
import { TableReader } from './table/table-reader.js';

const EXPECTED = 'a header row and one row per account (account, parent, optional segment)';

/** Reads an accounts file (--accounts: account, parent, optional segment) into the hierarchy it describes. */
export async function readAccountHierarchy(source: Source, model: ScoringModel, options: ReadOptions = {}): Promise<AccountHierarchy> {
  const read = await readTable(source, options, (delimiter) => new AccountsReader(source.name, model, delimiter), EXPECTED);
  const hierarchy = buildHierarchy(read.rows, source.name);
  return { ...hierarchy, issues: [...read.issues, ...hierarchy.issues] };
}

class AccountsReader extends TableReader {
  private readonly accountRows: AccountRow[] = [];

  constructor(source: string, model: ScoringModel, delimiter: string) {
    super(source, model.currency, delimiter, undefined);
  }

  finish(encoding: string, delimiter: string) {
    this.finishTable(encoding, delimiter, EXPECTED);
    return { rows: this.accountRows, issues: this.issues };
  }

  protected mapHeader(header: string[], sample: string[][]): ColumnMap {
    const wanted = ['account', 'parent', 'segment'].map((field) => wantedField(field, undefined));
    const columns = mapColumns(this.source, { header, sample, configured: {}, wanted });
    for (const field of ['account', 'parent']) {
      if (!columns.indices.has(field)) {
        throw new InputError(`${this.source}: no ${field} column in the header (${describeHeader(header)}); expected ${EXPECTED}`);
      }
    }
    return columns;
  }

  protected numericFields(): Iterable<string> {
    return [];
  }

  protected readRecord(record: string[], line: number): void {
    const account = this.firstCell(record, 'account');
    if (account === undefined) return;
    const parent = this.firstCell(record, 'parent');
    const segment = this.firstCell(record, 'segment');
    this.accountRows.push({ line, account, ...(parent === undefined ? {} : { parent }), ...(segment === undefined ? {} : { segment }) });
  }
}
