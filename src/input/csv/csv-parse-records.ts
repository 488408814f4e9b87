import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Parser } from 'csv-parse';
import { LIMITS } from '../limits.js';
import type { CsvRecordOptions, OnRecord } from './csv-records.js';

/** csv-parse with pm-rank's options: decoded text in, raw records (arrays of cells) out. */
export function createRecordParser(delimiter: string, fromLine = 1, maxRowBytes: number = LIMITS.maxRowBytes.default): Parser {
  return parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Any line break ends a record, as in the fast parser: auto-detection fixes the first one and reads the others as text.
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
    from_line: fromLine,
    max_record_size: maxRowBytes,
  });
}

/**
 * Reads the texts' records through csv-parse; the plain path, kept for PM_RANK_CSV_PARSER=csv-parse and
 * delimiters the fast parser leaves alone. The records are the fast parser's; only its mixed-line-endings
 * warning is missing here (csv-parse does not say which line break ended a record).
 */
export async function readWithCsvParse(texts: AsyncIterable<string>, options: CsvRecordOptions, onRecord: OnRecord): Promise<void> {
  // pipeline() may report an error thrown by the last stage as AbortError while the parser is busy: keep the real one.
  let stopped: unknown;
  try {
    await pipeline(
      Readable.from(texts),
      createRecordParser(options.delimiter, options.fromLine, options.maxRecordSize),
      async (records: AsyncIterable<string[]>) => {
        try {
          for await (const record of records) onRecord(record);
        } catch (error) {
          throw (stopped = error);
        }
      },
    );
  } catch (caught) {
    throw stopped ?? caught;
  }
}

export function isCsvParseError(error: unknown): error is CsvError {
  return error instanceof CsvError;
}
