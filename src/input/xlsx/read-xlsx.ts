import { read, utils, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { InputError, UsageError } from '../../errors.js';
import type { RecordSink, SettledReadOptions } from '../csv/stream-csv.js';
import { describeBytes, LIMITS, tooManyColumns, type InputLimits } from '../limits.js';
import { quote, quoteList } from '../../core/text/quote.js';
import { cellText } from './cell-text.js';
import { inflatesAsStated, listZipEntries } from './zip-entries.js';

/** Apache POI's zip-bomb rule: an entry past 100 KB may unpack to at most 100 times its packed size. */
const RATIO_GRACE_BYTES = 100 * 1024;
const MAX_RATIO = 100;

/** What to call a zip that is not an .xlsx workbook, by a file only that kind has. */
const OTHER_ZIPS: readonly (readonly [entry: string, type: string])[] = [
  ['xl/workbook.bin', 'an Excel binary workbook (.xlsb; save it as .xlsx or CSV)'],
  ['content.xml', 'an OpenDocument file (.ods; save it as .xlsx or CSV)'],
  ['word/document.xml', 'a Word document'],
  ['ppt/presentation.xml', 'a PowerPoint presentation'],
];

/**
 * Reads one sheet of an .xlsx workbook into the sink that CSV records go to,
 * one record per spreadsheet row, numbered as Excel numbers rows. Cells are
 * text as cellText gives them. The workbook is checked as a zip first, so a
 * zip bomb is refused before the spreadsheet library unpacks anything.
 */
export function readXlsx<T>(
  name: string,
  bytes: Buffer,
  options: SettledReadOptions,
  createSink: (delimiter: string) => RecordSink<T>,
  expected: string,
): T {
  const { limits } = options.settings;
  checkWorkbookZip(name, bytes, limits);
  // The reader's decimal vote still reads text cells; the flag would misread typed numbers (1.5 as 15).
  if (options.isDecimalComma) {
    throw new UsageError(`--decimal-comma is for CSV exports, and ${name} is an .xlsx workbook, whose numbers are typed`);
  }
  const { sheet, sheetName, date1904 } = readSheet(name, bytes, options.sheet);
  const sink = createSink('');
  if (!pushRows(sheet, date1904, sink, name, limits)) {
    throw new InputError(`${name}: sheet ${quote(sheetName)} is empty: expected ${expected}`);
  }
  return sink.finish('xlsx', '');
}

/**
 * Pushes the sheet's rows from the header on, each with its row number as
 * Excel shows it: empty rows above the header are skipped, those below it
 * kept, as blank CSV lines are. False when every row is empty.
 */
function pushRows(sheet: WorkSheet, date1904: boolean, sink: RecordSink<unknown>, name: string, limits: InputLimits): boolean {
  const rows = sheet['!data'] ?? [];
  const firstColumn = sheet['!ref'] ? utils.decode_range(sheet['!ref']).s.c : 0;
  let isHeaderRead = false;
  for (let index = 0; index < rows.length; index += 1) {
    const record = Array.from((rows[index] ?? []).slice(firstColumn), (cell) => cellText(cell, date1904));
    if (!isHeaderRead && record.every((cell) => cell === '')) continue;
    checkRowLimits(record, name, index + 1, limits);
    isHeaderRead = true;
    sink.push(record, index + 1);
  }
  return isHeaderRead;
}

function checkWorkbookZip(name: string, bytes: Buffer, limits: InputLimits): void {
  const entries = listZipEntries(bytes);
  if (!entries) throw new InputError(`${name} is a damaged or zip64 archive, not a CSV export or an .xlsx workbook`);
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    const type = OTHER_ZIPS.find(([entry]) => entries.some((e) => e.name === entry))?.[1] ?? 'a zip archive';
    throw new InputError(`${name} is ${type}, not a CSV export or an .xlsx workbook`);
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (total > limits.maxFileBytes) {
      throw new InputError(
        `${name} unpacks to over ${describeBytes(limits.maxFileBytes)}; set ${LIMITS.maxFileBytes.variable} to read larger files`,
      );
    }
    if (entry.size > RATIO_GRACE_BYTES && entry.size > entry.compressedSize * MAX_RATIO) {
      throw new InputError(`${name} is not read: its ${quote(entry.name)} unpacks to over ${MAX_RATIO} times its size, as a zip bomb does`);
    }
    if (!inflatesAsStated(bytes, entry)) {
      throw new InputError(`${name} is a damaged .xlsx: ${quote(entry.name)} does not unpack as it should`);
    }
  }
}

/** The sheet asked for, else the first one Excel shows (hidden sheets are skipped): the only one parsed. */
function readSheet(name: string, bytes: Buffer, wanted: string | undefined): { sheet: WorkSheet; sheetName: string; date1904: boolean } {
  const parse = (sheets: string | number): WorkBook => {
    try {
      return read(bytes, { type: 'buffer', dense: true, cellNF: true, cellText: false, cellHTML: false, sheetStubs: true, sheets });
    } catch (error) {
      throw new InputError(`${name} is a damaged .xlsx: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  let book = parse(wanted ?? 0);
  let sheetName = wanted === undefined ? book.SheetNames[0] : book.SheetNames.find((s) => s.toLowerCase() === wanted.toLowerCase());
  if (sheetName === undefined) {
    throw new UsageError(`--sheet ${quote(wanted ?? '')}: ${name} has no such sheet; its sheets are ${quoteList(book.SheetNames)}`);
  }
  const firstShown = book.Workbook?.Sheets?.findIndex((sheet) => !sheet.Hidden) ?? 0;
  if (wanted === undefined && firstShown > 0) {
    book = parse(firstShown);
    sheetName = book.SheetNames[firstShown]!;
  }
  const sheet = book.Sheets[sheetName];
  if (!sheet) throw new InputError(`${name}: sheet ${quote(sheetName)} could not be read`);
  return { sheet, sheetName, date1904: book.Workbook?.WBProps?.date1904 === true };
}

function checkRowLimits(record: string[], name: string, line: number, limits: InputLimits): void {
  if (record.length > limits.maxColumns) throw tooManyColumns(name, line, record.length, limits);
  let bytes = 0;
  for (const cell of record) bytes += Buffer.byteLength(cell);
  if (bytes > limits.maxRowBytes) {
    throw new InputError(
      `${name}:${line}: a row over ${describeBytes(limits.maxRowBytes)}; set ${LIMITS.maxRowBytes.variable} to allow more`,
    );
  }
}
