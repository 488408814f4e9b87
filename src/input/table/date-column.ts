import { dateEvidenceOf, decideDateOrder, formatDay, parseDate, type DateOrder } from '../../core/text/dates.js';
import type { Issue } from '../../core/types.js';

/**
 * Reads one date column of an export as day numbers. The day/month order of
 * dates like 03/04/2026 is decided for the whole column from the first rows'
 * other values; a later value that proves the other order, or a column whose
 * values never decide it, is warned about with its line and value.
 */
export class DateColumn {
  private order: DateOrder | undefined;
  private readonly issues: Issue[] = [];
  private firstAmbiguous: { line: number; value: string } | undefined;
  private hasWarnedConflict = false;

  constructor(
    private readonly source: string,
    private readonly header: string,
    sample: readonly string[],
    /** Where a cell that is not a date is warned about; without it such cells pass in silence. */
    private readonly warn?: (issue: Issue) => void,
  ) {
    // The sample's rows are read again after it: a value against the majority is warned about then, with its line.
    this.order = decideDateOrder(sample).order;
  }

  /** The cell's day number; undefined, with a warning, when it is not a date. */
  read(value: string, line: number): number | undefined {
    const evidence = dateEvidenceOf(value);
    if (evidence === 'ambiguous') this.firstAmbiguous ??= { line, value };
    else if (evidence !== 'neutral' && evidence !== this.order) {
      // Past the first rows, ambiguous dates before this one were read month first already.
      if (this.order === undefined && (evidence === 'month-first' || !this.firstAmbiguous)) this.order = evidence;
      else this.warnConflict(line, value);
    }
    const day = parseDate(value, { isSerialAllowed: true, ...(this.order ? { order: this.order } : {}) });
    if (day === undefined) {
      this.warn?.({
        code: 'INVALID_DATE',
        severity: 'warning',
        file: this.source,
        line,
        column: this.header,
        value,
        args: {},
      });
    }
    return day;
  }

  /**
   * The cell as text that reads the same anywhere: a date whose reading depends on this
   * column (03/04/2026 in a day-first column, an Excel serial) as ISO, anything else as written.
   */
  normalize(value: string, line: number): string {
    const day = this.read(value, line);
    const isColumnBound = /^\d{5}(?:\.\d+)?$/.test(value) || (this.order === 'day-first' && dateEvidenceOf(value) === 'ambiguous');
    return day !== undefined && isColumnBound ? formatDay(day) : value;
  }

  /** Warnings about the column's order, once it is read to the end. */
  finish(): Issue[] {
    const ambiguous = this.firstAmbiguous;
    if (ambiguous && this.order === undefined && !this.hasWarnedConflict) {
      this.issues.push({
        code: 'DATE_ORDER_UNDECIDED',
        severity: 'warning',
        file: this.source,
        line: ambiguous.line,
        column: this.header,
        value: ambiguous.value,
        args: {},
      });
    }
    return this.issues;
  }

  private warnConflict(line: number, value: string): void {
    if (this.hasWarnedConflict) return;
    this.hasWarnedConflict = true;
    this.issues.push({
      code: 'DATE_ORDER_MIXED',
      severity: 'warning',
      file: this.source,
      line,
      column: this.header,
      value,
      args: { order: this.order ?? 'month-first' },
    });
  }
}
