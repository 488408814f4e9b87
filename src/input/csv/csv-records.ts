/** csv-parse's error codes for what pm-rank's options let through: relaxed quotes and column counts leave these two. */
export type CsvRecordErrorCode = 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE';

/** Malformed CSV, with csv-parse's code, message and line count (`lines`), so one error mapping serves both parsers. */
export class CsvRecordError extends Error {
  constructor(
    readonly code: CsvRecordErrorCode,
    message: string,
    readonly lines: number,
  ) {
    super(message);
    this.name = 'CsvRecordError';
  }
}

export interface CsvRecordOptions {
  /** One character; see canParseWith. */
  delimiter: string;
  /** csv-parse's from_line: records start at this line (1-based). */
  fromLine?: number;
  /** csv-parse's max_record_size; 0 for none. */
  maxRecordSize?: number;
  /** Copy each cell out of its chunk, so a stored cell does not keep the whole chunk alive. */
  isFlat?: boolean;
  /** Called once, at the first record that ends with another kind of line break than the first record did. */
  onMixedLineEndings?: (first: LineBreak, other: LineBreak) => void;
}

export type LineBreak = '\r\n' | '\n' | '\r';

export type OnRecord = (record: string[]) => void;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0;

/** Delimiters the fast parser handles exactly as csv-parse does; others (quote, line breaks, half a surrogate pair) go to csv-parse. */
export function canParseWith(delimiter: string): boolean {
  if (delimiter.length !== 1) return false;
  const code = delimiter.charCodeAt(0);
  return code !== QUOTE && code !== CR && code !== LF && (code < 0xd800 || code > 0xdfff);
}

/**
 * An incremental CSV record parser with csv-parse 6's semantics for the options pm-rank uses
 * (relax_quotes, relax_column_count, skip_empty_lines: false, from_line, max_record_size; quote and
 * escape `"`; record_delimiter ['\r\n', '\n', '\r']: any line break outside quotes ends a record, so
 * a file that mixes them loses no row). Chunks may be split anywhere between UTF-16 code points.
 * csv-parse works on UTF-8 bytes: its record size is the UTF-16 length of the finished cells plus the
 * UTF-8 bytes of the current one, and its line count sees every \r and \n it visits, so both are kept here.
 */
export class CsvRecordParser {
  private readonly delimiter: number;
  private readonly fromLine: number;
  private readonly maxRecordSize: number;
  private readonly isFlat: boolean;
  private readonly onMixedLineEndings: CsvRecordOptions['onMixedLineEndings'];
  /** The line break that ended the first record, until another kind is met. */
  private firstBreak: LineBreak | undefined;
  private isMixed = false;
  private isEnabled: boolean;
  private isQuoting = false;
  private wasQuoting = false;
  private field = '';
  private fieldLength = 0;
  /** UTF-8 bytes of the field, once it is long enough for the size limit to matter; -1 before. */
  private fieldBytes = -1;
  private record: string[] = [];
  private recordLength = 0;
  /** csv-parse's `lines` at the start of the text not yet consumed. */
  private lines = 1;
  /** Up to two characters held back until the next chunk tells what they mean. */
  private pending = '';
  private lastCode = -1;

  constructor(options: CsvRecordOptions) {
    if (!canParseWith(options.delimiter)) throw new Error(`CsvRecordParser: unsupported delimiter ${JSON.stringify(options.delimiter)}`);
    this.delimiter = options.delimiter.charCodeAt(0);
    this.fromLine = options.fromLine ?? 1;
    this.maxRecordSize = options.maxRecordSize ?? 0;
    this.isFlat = options.isFlat ?? false;
    this.onMixedLineEndings = options.onMixedLineEndings;
    this.isEnabled = this.fromLine <= 1;
  }

  write(text: string, onRecord: OnRecord): void {
    if (text.length === 0) return;
    this.lastCode = text.charCodeAt(text.length - 1);
    this.parse(this.pending === '' ? text : this.pending + text, false, onRecord);
  }

  end(onRecord: OnRecord): void {
    this.parse(this.pending, true, onRecord);
    if (this.isQuoting) {
      // csv-parse counts a line break when it visits the character after it; the last one it never does.
      const lines = this.lines - (this.lastCode === CR || this.lastCode === LF ? 1 : 0);
      throw new CsvRecordError(
        'CSV_QUOTE_NOT_CLOSED',
        `Quote Not Closed: the parsing is finished with an opening quote at line ${lines}`,
        lines,
      );
    }
    if (this.wasQuoting || this.record.length !== 0 || this.fieldLength !== 0) {
      this.endField();
      this.endRecord(onRecord);
    }
  }

  private parse(buf: string, isEnd: boolean, onRecord: OnRecord): void {
    const len = buf.length;
    const delimiter = this.delimiter;
    let pos = 0;
    let hold = len;
    let crlfSkips = 0;
    // Next delimiter, \r and \n at or after pos (len when none): each found once per chunk, not once per cell.
    let nextDelimiter = -1;
    let nextCr = -1;
    let nextLf = -1;
    const linesAt = (at: number) => this.lines + countBreaks(buf, at) - crlfSkips;
    while (pos < len) {
      if (this.isQuoting) {
        const q = buf.indexOf('"', pos);
        if (q === -1) {
          this.append(buf, pos, len, linesAt);
          pos = len;
          break;
        }
        if (q > pos) this.append(buf, pos, q, linesAt);
        if (q + 1 >= len) {
          if (!isEnd) {
            hold = q;
            break;
          }
          this.isQuoting = false;
          this.wasQuoting = true;
          pos = len;
          break;
        }
        const next = buf.charCodeAt(q + 1);
        if (next === QUOTE) {
          this.append(buf, q + 1, q + 2, linesAt);
          pos = q + 2;
          continue;
        }
        const isClosing = next === delimiter || next === NUL || next === LF || next === CR;
        this.isQuoting = false;
        this.wasQuoting = true;
        pos = q + 1;
        if (!isClosing) {
          // relax_quotes: the quotes were not a quoted field after all; csv-parse puts the opening one back.
          this.field = `"${this.field}`;
          this.fieldLength += 1;
          if (this.fieldBytes >= 0) this.fieldBytes += 1;
          this.append(buf, q, q + 1, linesAt);
        }
        continue;
      }
      if (this.fieldLength === 0 && buf.charCodeAt(pos) === QUOTE) {
        this.isQuoting = true;
        pos += 1;
        continue;
      }
      // An unquoted run: everything up to the next delimiter or record delimiter is the cell's.
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(buf, delimiter, pos);
      let end = nextDelimiter;
      if (nextCr < pos) nextCr = indexOrEnd(buf, CR, pos);
      if (nextCr < end) end = nextCr;
      if (nextLf < pos) nextLf = indexOrEnd(buf, LF, pos);
      if (nextLf < end) end = nextLf;
      if (end > pos) this.append(buf, pos, end, linesAt);
      pos = end;
      if (end === len) break;
      const code = buf.charCodeAt(end);
      if (code === delimiter) {
        this.endField();
        pos = end + 1;
        continue;
      }
      let size = 1;
      if (code === CR) {
        // A \r at the end of the chunk may be half a \r\n: the next chunk tells.
        if (end + 1 >= len && !isEnd) {
          hold = end;
          break;
        }
        if (end + 1 < len && buf.charCodeAt(end + 1) === LF) size = 2;
      }
      if (!this.isMixed) this.noteLineBreak(code === LF ? '\n' : size === 2 ? '\r\n' : '\r');
      if (this.isEnabled) {
        this.endField();
        this.endRecord(onRecord);
      } else {
        // csv-parse starts emitting at the first record delimiter where its line count (plus this break) reaches from_line.
        if (linesAt(end) + 1 >= this.fromLine) this.isEnabled = true;
        this.resetField();
        this.record = [];
      }
      if (size === 2) crlfSkips += 1;
      pos = end + size;
    }
    this.lines += countBreaks(buf, hold) - crlfSkips;
    this.pending = hold < len ? buf.slice(hold) : '';
  }

  private noteLineBreak(kind: LineBreak): void {
    if (this.firstBreak === undefined) this.firstBreak = kind;
    else if (kind !== this.firstBreak) {
      this.isMixed = true;
      this.onMixedLineEndings?.(this.firstBreak, kind);
    }
  }

  /** Adds buf[start, end) to the field, enforcing max_record_size the way csv-parse counts it. */
  private append(buf: string, start: number, end: number, linesAt: (at: number) => number): void {
    const piece = this.isFlat && end - start >= SLICED_MIN ? flatSlice(buf, start, end) : buf.slice(start, end);
    this.field = this.fieldLength === 0 ? piece : this.field + piece;
    this.fieldLength += end - start;
    const max = this.maxRecordSize;
    if (max === 0) return;
    if (this.fieldBytes < 0) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: below this bound no exact count is needed.
      if (this.recordLength + 3 * this.fieldLength <= max + 1) return;
      this.fieldBytes = Buffer.byteLength(this.field) - Buffer.byteLength(piece);
    }
    // csv-parse checks before appending each byte that the record so far is within max; a character fails
    // when the total after it, less one, is over max.
    let total = this.recordLength + this.fieldBytes;
    for (let i = start; i < end; i++) {
      const code = buf.charCodeAt(i);
      if (code < 0x80) total += 1;
      else if (code < 0x800) total += 2;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end && isLowSurrogate(buf.charCodeAt(i + 1))) {
        total += 4;
        i += 1;
      } else total += 3;
      if (total > max + 1) {
        const lines = linesAt(i);
        throw new CsvRecordError(
          'CSV_MAX_RECORD_SIZE',
          `Max Record Size: record exceed the maximum number of tolerated bytes of ${max} at line ${lines}`,
          lines,
        );
      }
    }
    this.fieldBytes = total - this.recordLength;
  }

  private endField(): void {
    if (this.isEnabled) {
      this.record.push(this.field);
      this.recordLength += this.fieldLength;
    }
    this.resetField();
  }

  private resetField(): void {
    this.field = '';
    this.fieldLength = 0;
    this.fieldBytes = -1;
    this.wasQuoting = false;
  }

  private endRecord(onRecord: OnRecord): void {
    const record = this.record;
    this.record = [];
    this.recordLength = 0;
    if (this.isEnabled) onRecord(record);
  }
}

/** V8 copies slices shorter than this; longer ones point into (and keep alive) the string they came from. */
const SLICED_MIN = 13;

/** A slice that owns its characters: join builds a new flat string (measured: faster and smaller than slicing a concatenation). */
function flatSlice(buf: string, start: number, end: number): string {
  return [buf.slice(start, start + 1), buf.slice(start + 1, end)].join('');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function indexOrEnd(buf: string, code: number, from: number): number {
  const at = buf.indexOf(String.fromCharCode(code), from);
  return at === -1 ? buf.length : at;
}

/** The \r and \n in buf[0, end): csv-parse adds a line for each one it visits. */
function countBreaks(buf: string, end: number): number {
  let count = 0;
  for (let at = buf.indexOf('\n'); at !== -1 && at < end; at = buf.indexOf('\n', at + 1)) count += 1;
  for (let at = buf.indexOf('\r'); at !== -1 && at < end; at = buf.indexOf('\r', at + 1)) count += 1;
  return count;
}
