import { SSF, utils, type CellObject } from '@e965/xlsx';

/** SheetJS's number-format functions, typed for what is used here. */
const formats = SSF as {
  is_date: (format: string) => boolean;
  parse_date_code: (
    serial: number,
    options: { date1904: boolean },
  ) => { y: number; m: number; d: number; H: number; M: number; S: number } | null;
};

/**
 * A cell as the text the CSV reader would get for it: numbers as Excel stored
 * them, with `.` for decimals (the reader's per-column vote then sees `.`) and
 * the currency their format shows (`€80000.5`, so money keeps its currency);
 * dates, which Excel stores as numbers in a date format, as ISO `YYYY-MM-DD`
 * (with the time when there is one; a time alone as `HH:MM:SS`); formulas as
 * their cached result, or `=` and the formula when there is none; shared,
 * inline and rich text as plain text; TRUE/FALSE; errors as Excel shows them.
 */
export function cellText(cell: CellObject | undefined, date1904: boolean): string {
  if (cell === undefined) return '';
  // A formula never calculated (a library wrote the file, not Excel) has no result: show it, so a number column warns.
  if (cell.t === 'z') return cell.f === undefined ? '' : `=${cell.f}`;
  if (cell.v === undefined) return '';
  if (cell.t === 'n') return numberText(cell.v as number, typeof cell.z === 'string' ? cell.z : '', date1904);
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return utils.format_cell(cell);
  return String(cell.v);
}

function numberText(value: number, format: string, date1904: boolean): string {
  if (formats.is_date(format)) return isoDate(value, date1904);
  const currency = currencyOf(format);
  return currency ? `${currency}${plainNumber(value)}` : plainNumber(value);
}

/**
 * The currency a number format shows, from its positive section: `[$€-407]`,
 * `[$EUR]`, a quoted `"€"`, an escaped `\€` or a bare `$`, `€`, `£`, `¥`, `₹`.
 * A code gets a space after it, as `EUR 80000` reads.
 */
function currencyOf(format: string): string | undefined {
  const positive = format.split(';')[0]!;
  const tagged = /\[\$([^\]-]+)/.exec(positive)?.[1];
  if (tagged) return /^[A-Z]{3}$/.test(tagged) ? `${tagged} ` : tagged;
  // Outside brackets ([Red], [>=100], [$-407]) a currency sign is literal text, quoted or not.
  return /[$€£¥₹]/.exec(positive.replace(/\[[^\]]*\]/g, ''))?.[0];
}

/** 80000.5 and 0.0000001, never 1e-7: the number parser reads plain decimals only. */
function plainNumber(value: number): string {
  const text = String(value);
  return text.includes('e') ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

function isoDate(serial: number, date1904: boolean): string {
  const date = formats.parse_date_code(serial, { date1904 });
  if (!date) return plainNumber(serial);
  const day = `${date.y}-${pad(date.m)}-${pad(date.d)}`;
  const time = `${pad(date.H)}:${pad(date.M)}:${pad(date.S)}`;
  // Day 0 is no date: a time of day alone (9:15) is stored as a fraction of it.
  if (Math.trunc(serial) === 0) return time;
  return date.H || date.M || date.S ? `${day} ${time}` : day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
