import { InputError, UsageError } from '../../errors.js';
import { canParseWith, CsvRecordError, CsvRecordParser, type CsvRecordOptions, type LineBreak, type OnRecord } from './csv-records.js';
import type { Issue } from '../../core/types.js';
import { createDecoder, createDetectedDecoder, decode, detectEncoding, FALLBACK_ENCODING } from './decode.js';
import { detectDelimiter } from './detect-delimiter.js';
import { describeBytes, inputLimits, LIMITS, type InputLimits } from '../limits.js';
import type { Source } from '../source.js';

/** Overrides for what the reader otherwise detects. */
export interface ReadOptions {
  delimiter?: string;
  encoding?: string;
  isDecimalComma?: boolean;
  /** Extra text fields to keep, beyond what the model reads (triage shows notes). */
  textFields?: readonly string[];
  /** Default: inputLimits() from the environment. */
  limits?: InputLimits;
  /** Called as chunks are read, for a progress line; the reader never prints. */
  onProgress?: (progress: ReadProgress) => void;
}

export interface ReadProgress {
  bytes: number;
  /** Records read so far (the header and any blank lines included). */
  rows: number;
  /** The file's size, when known (not for stdin). */
  size?: number;
}

export interface ReadSummary {
  source: string;
  /** Data rows read (blank lines and footers excluded). */
  rows: number;
  skippedRows: number;
  footerLines: number;
  encoding: string;
  delimiter: string;
  /** Currency of deal values: the config's base, else the first one the export used. */
  currency?: string;
  /** Field -> the header it was read from. */
  columns: Record<string, string>;
}

/** Receives an export's records in order and turns them into a result at the end. */
export interface RecordSink<T> {
  push(record: string[]): void;
  /** A problem found below the records (the bytes, the line breaks), for the result's issues. */
  warn(issue: Issue): void;
  finish(encoding: string, delimiter: string): T;
}

const SAMPLE_BYTES = 64 * 1024;

/** Streams a CSV export into a sink: detects encoding and delimiter, enforces the input limits, reports malformed CSV with its line. */
export async function streamCsv<T>(
  source: Source,
  options: ReadOptions,
  createSink: (delimiter: string) => RecordSink<T>,
  expected: string,
): Promise<T> {
  const limits = options.limits ?? inputLimits();
  if (source.size !== undefined && source.size > limits.maxFileBytes) throw fileTooLarge(source.name, limits);
  const chunks: AsyncIterator<Buffer | string> = source.stream[Symbol.asyncIterator]();
  const { head, isWholeFile } = await readHead(chunks);
  if (head.length === 0) throw new InputError(`${source.name} is empty: expected ${expected}`);
  if (head.length > limits.maxFileBytes) throw fileTooLarge(source.name, limits);
  let encoding = options.encoding ?? detectEncoding(head, isWholeFile);
  const decoder = options.encoding ? createDecoder(encoding) : createDetectedDecoder(encoding);
  const sample = new TextDecoder(encoding).decode(head);
  const excelSeparator = /^(?:\ufeff)?sep=(.)\r?\n/i.exec(sample)?.[1];
  const delimiter = options.delimiter ?? excelSeparator ?? detectDelimiter(sample);
  const sink = createSink(delimiter);
  const fromLine = excelSeparator ? 2 : 1;
  const reader = await recordReader(delimiter);
  const rest = limitSize(chunks, head.length, limits.maxFileBytes, () => fileTooLarge(source.name, limits));
  let line = fromLine - 1;
  const onChunk = (bytes: number) =>
    options.onProgress?.({ bytes, rows: line, ...(source.size === undefined ? {} : { size: source.size }) });
  const onRecord = (record: string[]) => {
    line += 1;
    if (record.length > limits.maxColumns) throw tooManyColumns(source.name, line, record.length, limits);
    sink.push(record);
  };
  const onSwitch = (offset: number) => {
    encoding = FALLBACK_ENCODING;
    sink.warn({
      code: 'ENCODING_SWITCHED',
      severity: 'warning',
      line: line + 1,
      message: `${source.name}:${line + 1}: byte ${offset} is not UTF-8; read the file from there as ${FALLBACK_ENCODING} (pass --encoding to choose)`,
    });
  };
  const onMixedLineEndings = (first: LineBreak, other: LineBreak) =>
    sink.warn({
      code: 'MIXED_LINE_ENDINGS',
      severity: 'warning',
      line: line + 1,
      message: `${source.name}:${line + 1}: this row ends with ${BREAK_NAMES[other]}, the first one with ${BREAK_NAMES[first]}; every row is still read`,
    });
  try {
    const texts = decode(head, rest, decoder, onChunk, onSwitch);
    await reader.read(texts, { delimiter, fromLine, maxRecordSize: limits.maxRowBytes, onMixedLineEndings }, onRecord);
  } catch (caught) {
    throw toInputError(caught, reader.isCsvError, source.name, limits);
  }
  return sink.finish(encoding, delimiter);
}

const BREAK_NAMES: Record<LineBreak, string> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };

/** The environment variable that selects csv-parse, should the fast parser ever misread a file. */
export const CSV_PARSER_VARIABLE = 'PM_RANK_CSV_PARSER';

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

/** CsvRecordParser, or csv-parse (loaded only then) when the environment asks for it or the delimiter is one the fast parser leaves alone. */
async function recordReader(delimiter: string, env: Record<string, string | undefined> = process.env): Promise<RecordReader> {
  const choice = env[CSV_PARSER_VARIABLE];
  if (choice !== undefined && choice !== '' && choice !== 'csv-parse' && choice !== 'fast') {
    throw new UsageError(`${CSV_PARSER_VARIABLE} must be csv-parse or fast, got "${choice}"`);
  }
  if (choice !== 'csv-parse' && canParseWith(delimiter)) return FAST_READER;
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

function tooManyColumns(name: string, line: number, count: number, limits: InputLimits): InputError {
  return new InputError(
    `${name}:${line}: ${count} columns, over the limit of ${limits.maxColumns}; set ${LIMITS.maxColumns.variable} to allow more`,
  );
}

function fileTooLarge(name: string, limits: InputLimits): InputError {
  return new InputError(`${name} is over ${describeBytes(limits.maxFileBytes)}; set ${LIMITS.maxFileBytes.variable} to read larger files`);
}

/** Passes the chunks through, failing once the total passes the limit: stdin has no size to check up front. */
async function* limitSize(
  chunks: AsyncIterator<Buffer | string>,
  read: number,
  max: number,
  fail: () => Error,
): AsyncGenerator<Buffer | string> {
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    read += next.value.length;
    if (read > max) throw fail();
    yield next.value;
  }
}

async function readHead(chunks: AsyncIterator<Buffer | string>): Promise<{ head: Buffer; isWholeFile: boolean }> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head: Buffer.concat(head), isWholeFile: true };
    head.push(Buffer.from(next.value));
    size += next.value.length;
  }
  return { head: Buffer.concat(head), isWholeFile: false };
}
