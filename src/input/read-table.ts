import { InputError, UsageError } from '../errors.js';
import { streamCsv, type Head, type ReadOptions, type RecordSink } from './csv/stream-csv.js';
import { fileTooLarge } from './limits.js';
import { DEFAULT_READ_SETTINGS } from './settings.js';
import { quote } from '../core/text/quote.js';
import { sniff } from './sniff.js';
import type { Source } from './source.js';

/** Bytes read before deciding what the export is: the CSV reader detects its encoding and delimiter from them too. */
const HEAD_BYTES = 64 * 1024;

/**
 * Reads an export into a sink, whatever it is: an .xlsx workbook goes to the
 * xlsx reader (loaded only then), text to the CSV reader; other binary files
 * are refused by name. Both readers push the same string records.
 */
export async function readTable<T>(
  source: Source,
  options: ReadOptions,
  createSink: (delimiter: string) => RecordSink<T>,
  expected: string,
): Promise<T> {
  const settled = { ...options, settings: options.settings ?? DEFAULT_READ_SETTINGS };
  const { limits } = settled.settings;
  if (source.size !== undefined && source.size > limits.maxFileBytes) throw fileTooLarge(source.name, limits);
  const chunks = limitSize(source.stream[Symbol.asyncIterator](), limits.maxFileBytes, () => fileTooLarge(source.name, limits));
  const head = await readHead(chunks);
  if (head.bytes.length === 0) throw new InputError(`${source.name} is empty: expected ${expected}`);
  const sniffed = sniff(head.bytes, options.encoding !== undefined);
  if (sniffed.kind === 'binary') throw new InputError(`${source.name} is ${sniffed.type}, not a CSV export or an .xlsx workbook`);
  if (sniffed.kind === 'zip') {
    const { readXlsx } = await import('./xlsx/read-xlsx.js');
    return readXlsx(source.name, await readWhole(head), settled, createSink, expected);
  }
  if (options.sheet !== undefined) {
    throw new UsageError(`--sheet ${quote(options.sheet)} is for .xlsx workbooks, and ${source.name} is a CSV file`);
  }
  return streamCsv(source, settled, createSink, head);
}

async function readHead(chunks: AsyncIterator<Buffer | string>): Promise<Head> {
  const head: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) return { bytes: Buffer.concat(head), isWholeFile: true, rest: chunks };
    head.push(Buffer.from(next.value));
    size += next.value.length;
  }
  return { bytes: Buffer.concat(head), isWholeFile: false, rest: chunks };
}

/** The head and the rest in one buffer: a workbook is a zip, read from its end. */
async function readWhole({ bytes, rest }: Head): Promise<Buffer> {
  const chunks = [bytes];
  for (let next = await rest.next(); !next.done; next = await rest.next()) chunks.push(Buffer.from(next.value));
  return Buffer.concat(chunks);
}

/** Passes the chunks through, failing once their total passes the limit: stdin has no size to check up front. */
async function* limitSize(chunks: AsyncIterator<Buffer | string>, max: number, fail: () => Error): AsyncGenerator<Buffer | string> {
  let read = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    read += next.value.length;
    if (read > max) throw fail();
    yield next.value;
  }
}
