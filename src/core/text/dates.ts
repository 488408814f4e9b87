const DAY_MS = 86_400_000;
/** Excel's serial day of 1970-01-01 (its day 1 is 1900-01-01, and it counts a 29 Feb 1900 that never was). */
const EXCEL_EPOCH_SERIAL = 25_569;
/** Serial numbers read as dates in a date column: 1954-10-03 to 2119-06-06; other numbers are not dates. */
const EXCEL_SERIAL_RANGE = [20_000, 80_000] as const;

/** A time after the date (`3:42 PM`, `15:42:07`, `T09:15:00Z`): dates are read to the day, so it is passed over. */
const TIME = String.raw`(?:[T ,]+\d{1,2}:\d{2}.*)?`;
/** Four digits, or two (`26` is 2026). */
const YEAR = String.raw`(\d{4}|\d{2})`;
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2${YEAR}${TIME}$`);
const MONTH_FIRST = new RegExp(String.raw`^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})${TIME}$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[ /-]([a-z]{3,9})\.?[ ,/-]+${YEAR}${TIME}$`, 'i');

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Which part comes first in a date like 03/04/2026: the month (US) or the day (most of Europe). */
export type DateOrder = 'month-first' | 'day-first';

export interface DateReading {
  /** How to read a date whose first two parts could each be the month; absent: the month first, unless it cannot be. */
  order?: DateOrder;
  /** A bare number is an Excel serial day (the column holds dates). */
  isSerialAllowed?: boolean;
}

/**
 * A calendar date as exports write it, as a day number (days since 1970-01-01 UTC):
 * ISO `2026-04-30` (a time after it is ignored), `2026/04/30`, US `4/30/2026`,
 * European `30.04.2026` and `30/04/2026`, `Apr 30 2026`, `April 30, 2026`,
 * `30 Apr 2026`, Jira's `30/Apr/26 3:42 PM`, and with `isSerialAllowed` Excel serials
 * (`46142`). A year may have two digits (`4/30/26`); a time after the date is passed over.
 * Undefined for anything else.
 */
export function parseDate(text: string, reading: DateReading = {}): number | undefined {
  const s = text.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) return toDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parts = numericParts(s);
  if (parts) {
    const [first, second, year] = parts;
    if (parts.separator === '.') return toDay(year, second, first);
    const isDayFirst = first > 12 || (second <= 12 && reading.order === 'day-first');
    return isDayFirst ? toDay(year, second, first) : toDay(year, first, second);
  }
  const named = namedMonthDate(s);
  if (named) return toDay(...named);
  if (reading.isSerialAllowed && /^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial >= EXCEL_SERIAL_RANGE[0] && serial <= EXCEL_SERIAL_RANGE[1]) return serial - EXCEL_EPOCH_SERIAL;
  }
  return undefined;
}

/** 4/30/2026, 30-04-2026, 30.04.26: the two parts before the year, the year (two digits are 20xx) and the separator. */
function numericParts(s: string): ([number, number, number] & { separator: string }) | undefined {
  const match = NUMERIC_DATE.exec(s);
  if (!match) return undefined;
  return Object.assign([Number(match[1]), Number(match[3]), fullYear(match[4]!)] as [number, number, number], { separator: match[2]! });
}

/** Jan 18 2026, January 18, 2026, 18 Jan 2026, 18-Jan-2026, 18/Jan/26 (Jira): [year, month, day]. */
function namedMonthDate(s: string): [number, number, number] | undefined {
  const monthFirst = MONTH_FIRST.exec(s);
  const dayFirst = DAY_FIRST.exec(s);
  const [monthName, day, year] = monthFirst
    ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
      : [];
  if (monthName === undefined || day === undefined || year === undefined) return undefined;
  const month = MONTHS.findIndex((name) => name.startsWith(monthName.toLowerCase())) + 1;
  return month > 0 ? [fullYear(year), month, Number(day)] : undefined;
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function toDay(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2/30 over to 3/2; a date that does not exist is not a date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/** What a column's values say about its order: each value either proves one order, or could be read both ways. */
export type DateEvidence = 'month-first' | 'day-first' | 'ambiguous' | 'neutral';

/** 13/04/2026 proves day-first, 04/13/2026 month-first; 03/04/2026 is ambiguous; 04/04/2026, ISO and dotted dates say nothing. */
export function dateEvidenceOf(text: string): DateEvidence {
  const parts = numericParts(text.trim());
  if (!parts || parts.separator === '.') return 'neutral';
  const [first, second] = parts;
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return first === second || first > 12 ? 'neutral' : 'ambiguous';
}

/**
 * The order of a date column, decided from its values: the order its unambiguous values
 * prove, the one more of them prove when they disagree (`isConflicting`), or undefined
 * when none proves either (then ambiguous values are read month first, with a warning).
 */
export function decideDateOrder(values: Iterable<string>): { order?: DateOrder; isConflicting: boolean } {
  let [monthFirst, dayFirst] = [0, 0];
  for (const value of values) {
    const evidence = dateEvidenceOf(value);
    if (evidence === 'month-first') monthFirst += 1;
    else if (evidence === 'day-first') dayFirst += 1;
  }
  if (monthFirst === 0 && dayFirst === 0) return { isConflicting: false };
  return { order: dayFirst > monthFirst ? 'day-first' : 'month-first', isConflicting: monthFirst > 0 && dayFirst > 0 };
}

/** A day number as an ISO date, 2026-04-30. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A period in days: `180d`, `26w`, `6m` (30-day months), `1y` (365 days), or a bare number of days. */
export function parsePeriodDays(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(d|days?|w|weeks?|m|months?|y|years?)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'd').charAt(0).toLowerCase();
  const days = Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[unit as 'd' | 'w' | 'm' | 'y'];
  return days > 0 ? days : undefined;
}
