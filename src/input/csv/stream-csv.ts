import type { Issue } from '../../core/types.js';
import { InputError } from '../../errors.js';
import { canParseWith, CsvRecordError, CsvRecordParser, type CsvRecordOptions, type LineBreak, type OnRecord } from './csv-records.js';
import { createDecoder, createDetectedDecoder, decode, detectEncoding, FALLBACK_ENCODING } from './decode.js';
import { detectDelimiter } from './detect-delimiter.js';
import { describeBytes, LIMITS, tooManyColumns, type InputLimits } from '../limits.js';
import type { ReadSettings } from '../settings.js';
import type { Source } from '../source.js';
import type { ReadProgress } from '../../core/read-summary.js';

export type { CurrencyConversion, ReadProgress, ReadSummary } from '../../core/read-summary.js';

/** Overrides for what the reader otherwise detects. */
export interface ReadOptions {
  delimiter?: string;
  encoding?: string;
  isDecimalComma?: boolean;
  /** Go on when a header the config names is missing, or no column names requests: check, columns and init show the mapping; every other command stops. */
  isMissingColumnAllowed?: boolean;
  /** The sheet of an .xlsx workbook to read (default: the first visible one). */
  sheet?: string;
  /** Extra text fields to keep, beyond what the model reads (triage shows notes). */
  textFields?: readonly string[];
  /** Limits, parser and reading thread, as the environment sets them (cli.ts); default: DEFAULT_READ_SETTINGS. */
  settings?: ReadSettings;
  /** Called as chunks are read, for a progress line; the reader never prints. */
  onProgress?: (progress: ReadProgress) => void;
  /** Day number decay counts the age of mentions from (model.aging); today when absent. */
  asOf?: number;
}

/** Read options with the settings settled (readTable defaults them once for both readers). */
export type SettledReadOptions = ReadOptions & { settings: ReadSettings };

/** Receives an export's records in order and turns them into a result at the end. */
export interface RecordSink<T> {
  /** `line`: the record's row in a spreadsheet, where rows before it may be missing; default, the row after the last. */
  push(record: string[], line?: number): void;
  /** A problem found below the records (the bytes, the line breaks), for the result's issues. */
  warn(issue: Issue): void;
  finish(encoding: string, delimiter: string): T;
}

/** An export's first bytes, read to tell what it is, and the chunks after them. */
export interface Head {
  bytes: Buffer;
  isWholeFile: boolean;
  rest: AsyncIterator<Buffer | string>;
}

/** Streams a CSV export, whose first bytes `head` has read, into a sink: detects encoding and delimiter, enforces the column and row limits, reports malformed CSV with its line. */
export async function streamCsv<T>(
  source: Source,
  options: SettledReadOptions,
  createSink: (delimiter: string) => RecordSink<T>,
  { bytes: head, isWholeFile, rest }: Head,
): Promise<T> {
  const { limits, parser } = options.settings;
  let encoding = options.encoding ?? detectEncoding(head, isWholeFile);
  const decoder = options.encoding ? createDecoder(encoding) : createDetectedDecoder(encoding);
  const sample = new TextDecoder(encoding).decode(head);
  const excelSeparator = /^(?:\ufeff)?sep=(.)\r?\n/i.exec(sample)?.[1];
  const delimiter = options.delimiter ?? excelSeparator ?? detectDelimiter(sample);
  const sink = createSink(delimiter);
  const fromLine = excelSeparator ? 2 : 1;
  const reader = await recordReader(delimiter, parser);
  let records = 0;
  /** The physical line the next record starts on, what an editor jumps to: a quoted cell may span lines. */
  let line = fromLine;
  const onChunk = (bytes: number) =>
    options.onProgress?.({ bytes, rows: records, ...(source.size === undefined ? {} : { size: source.size }) });
  const onRecord = (record: string[]) => {
    records += 1;
    if (record.length > limits.maxColumns) throw tooManyColumns(source.name, line, record.length, limits);
    sink.push(record, line);
    line += 1 + lineBreaksIn(record);
  };
  const onSwitch = (offset: number) => {
    encoding = FALLBACK_ENCODING;
    sink.warn({
      code: 'ENCODING_SWITCHED',
      severity: 'warning',
      line,
      file: source.name,
      args: { offset, encoding: FALLBACK_ENCODING },
    });
  };
  const onMixedLineEndings = (first: LineBreak, other: LineBreak) =>
    sink.warn({
      code: 'MIXED_LINE_ENDINGS',
      severity: 'warning',
      line,
      file: source.name,
      args: { ending: BREAK_NAMES[other], first: BREAK_NAMES[first] },
    });
  try {
    const decoded = decode(head, rest, decoder, onChunk, onSwitch);
    const texts = encoding === 'shift_jis' ? withYenSigns(decoded) : decoded;
    await reader.read(texts, { delimiter, fromLine, maxRecordSize: limits.maxRowBytes, onMixedLineEndings }, onRecord);
  } catch (caught) {
    throw toInputError(caught, reader.isCsvError, source.name, limits);
  }
  return sink.finish(encoding, delimiter);
}

const BREAK_NAMES: Record<LineBreak, string> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };

interface RecordReader {
  read: (texts: AsyncIterable<string>, options: CsvRecordOptions, onRecord: OnRecord) => Promise<void>;
  isCsvError: (error: unknown) => error is CsvErrorLike;
}

interface CsvErrorLike extends Error {
  code: string;
  lines?: unknown;
}

const FAST_READER: RecordReader = {
  async read(texts, options, onRecord) {
    const parser = new CsvRecordParser({ ...options, isFlat: true });
    for await (const text of texts) parser.write(text, onRecord);
    parser.end(onRecord);
  },
  isCsvError: (error) => error instanceof CsvRecordError,
};

/** CsvRecordParser, or csv-parse (loaded only then) when the settings ask for it or the delimiter is one the fast parser leaves alone. */
async function recordReader(delimiter: string, parser: ReadSettings['parser']): Promise<RecordReader> {
  if (parser !== 'csv-parse' && canParseWith(delimiter)) return FAST_READER;
  const { readWithCsvParse, isCsvParseError } = await import('./csv-parse-records.js');
  return { read: readWithCsvParse, isCsvError: isCsvParseError };
}

/** A parser error in the user's words; other errors pass through. */
function toInputError(error: unknown, isCsvError: RecordReader['isCsvError'], name: string, limits: InputLimits): unknown {
  if (!isCsvError(error)) return error;
  const line = typeof error.lines === 'number' ? error.lines : '?';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new InputError(
      `${name}:${line}: a row over ${describeBytes(limits.maxRowBytes)} (a huge cell, or a quote that never closes); set ${LIMITS.maxRowBytes.variable} to allow more`,
      { cause: error },
    );
  }
  return new InputError(`${name}:${line}: malformed CSV: ${error.message}`, { cause: error });
}

/**
 * Line breaks inside a record's quoted cells: LF and CRLF, one each (a classic Mac file's lone CRs
 * inside cells are not counted). Most cells have none, which one indexOf tells.
 */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) breaks += 1;
  }
  return breaks;
}

/** Japanese Windows shows Shift_JIS byte 0x5C as ¥, and Excel writes amounts with it (`\8,000,000` to a decoder that follows the standard). */
async function* withYenSigns(texts: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const text of texts) yield text.replaceAll('\\', '¥');
}
