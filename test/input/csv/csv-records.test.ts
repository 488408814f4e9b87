import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordError, CsvRecordParser, canParseWith, type CsvRecordOptions } from '../../../src/input/csv/csv-records.js';
import { createRecordParser } from '../../../src/input/csv/csv-parse-records.js';

// PM_RANK_CSV_RUNS=50000 npx vitest run test/input/csv-records.test.ts shakes out differences; the suite runs a few.
const RUNS = Number(process.env.PM_RANK_CSV_RUNS ?? 1500);

type Outcome = { records: string[][] } | { error: { code: string; lines: unknown; message: string } };

function parseFast(chunks: readonly string[], options: CsvRecordOptions): Outcome {
  const records: string[][] = [];
  const parser = new CsvRecordParser(options);
  const onRecord = (record: string[]) => void records.push(record);
  try {
    for (const chunk of chunks) parser.write(chunk, onRecord);
    parser.end(onRecord);
  } catch (error) {
    if (!(error instanceof CsvRecordError)) throw error;
    return { error: { code: error.code, lines: error.lines, message: error.message } };
  }
  return { records };
}

function parseReference(chunks: readonly string[], options: CsvRecordOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const records: string[][] = [];
    const parser = createRecordParser(options.delimiter, options.fromLine, options.maxRecordSize);
    parser.on('data', (record: string[]) => records.push(record));
    parser.on('error', (error: Error & { code: string; lines: unknown }) =>
      resolve({ error: { code: error.code, lines: error.lines, message: error.message } }),
    );
    parser.on('end', () => resolve({ records }));
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
  });
}

/** The text cut at the given offsets, never inside a surrogate pair (decoded chunks never are). */
function cut(text: string, offsets: readonly number[]): string[] {
  const at = [...new Set(offsets.map((o) => o % (text.length + 1)))]
    .filter((o) => !(o > 0 && o < text.length && text.charCodeAt(o - 1) >= 0xd800 && text.charCodeAt(o - 1) <= 0xdbff))
    .sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const o of at) {
    chunks.push(text.slice(from, o));
    from = o;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const CHARS = ['a', 'b', ',', ',', '"', '"', '"', '\n', '\n', '\r', ' ', ';', '\t', '\0', 'é', '€', '😀'];
const texts = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((chars) => chars.join(''));
const cases = fc.record({
  text: texts,
  offsets: fc.array(fc.nat(), { maxLength: 6 }),
  delimiter: fc.constantFrom(',', ';', '\t'),
  fromLine: fc.constantFrom(1, 1, 2, 3),
  maxRecordSize: fc.constantFrom(1 << 20, 1, 2, 3, 5, 8, 13),
  isFlat: fc.boolean(),
});

describe('CsvRecordParser', () => {
  it('reads what csv-parse reads, with any chunking: same records, or the same error code, line and message', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ text, offsets, ...options }) => {
        const chunks = cut(text, offsets);
        expect(parseFast(chunks, options)).toEqual(await parseReference(chunks, options));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    [
      'an unquoted record',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a trailing record without a line break', 'a,b\nc', [['a', 'b'], ['c']]],
    ['blank lines as one empty cell, the last line break ending no record', 'a\n\nb\n\n', [['a'], [''], ['b'], ['']]],
    ['quoted delimiters, line breaks and doubled quotes', '"a,b","c\nd","e""f"\n', [['a,b', 'c\nd', 'e"f']]],
    ['an empty quoted cell', '"",x', [['', 'x']]],
    ['a quote inside an unquoted cell kept as is', 'a"b,c', [['a"b', 'c']]],
    // relax_quotes: a closing quote not followed by a delimiter makes the cell literal, opening quote included.
    ['a quoted cell followed by text', '"ab"c,d', [['"ab"c', 'd']]],
    ['a quoted cell ended by NUL', '"ab"\0c', [['ab\0c']]],
    // Any line break outside quotes ends a record, whichever came first: a file that mixes them loses no row.
    ['a CRLF header, then LF rows', 'h\r\na\nb\n', [['h'], ['a'], ['b']]],
    ['LF, then CRLF, then a lone CR', 'a\nb\r\nc\rd', [['a'], ['b'], ['c'], ['d']]],
    ['CR line endings (classic Mac)', 'a\rb\r', [['a'], ['b']]],
    ['\\n\\r is two line breaks: a blank record between', 'a\n\rb', [['a'], [''], ['b']]],
    ['line breaks inside quotes stay in the cell', '"a\nb\r\nc\rd"\r\ne\n', [['a\nb\r\nc\rd'], ['e']]],
    ['a closing quote followed by any line break', '"a"\r\n"b"\n"c"\r"d"', [['a'], ['b'], ['c'], ['d']]],
  ])('%s', (_name, text, expected) => {
    for (let at = 0; at <= text.length; at++) {
      expect(parseFast([text.slice(0, at), text.slice(at)], { delimiter: ',' })).toEqual({ records: expected });
    }
  });

  it.each([
    ['CRLF, then LF', 'h\r\na\nb\r\n', ['\r\n', '\n']],
    ['LF, then CR', 'h\na\rb\n', ['\n', '\r']],
    ['breaks inside quotes do not count', '"x\r\ny"\na\nb\n', undefined],
    ['one kind only', 'h\r\na\r\n', undefined],
  ])('tells, once, where a file mixes line endings: %s', (_name, text, expected) => {
    for (let at = 0; at <= text.length; at++) {
      const calls: string[][] = [];
      parseFast([text.slice(0, at), text.slice(at)], { delimiter: ',', onMixedLineEndings: (first, other) => calls.push([first, other]) });
      expect(calls).toEqual(expected ? [expected] : []);
    }
  });

  it('skips the lines before from_line: records start after the first line break it reaches', () => {
    expect(parseFast(['sep=;\na;b\n'], { delimiter: ';', fromLine: 2 })).toEqual({ records: [['a', 'b']] });
    // Line 1 holds a quoted break, so the first record delimiter is already on line 2: the record after it is line 3's.
    expect(parseFast(['"x\ny"\na\nb\n'], { delimiter: ',', fromLine: 3 })).toEqual({ records: [['a'], ['b']] });
  });

  it('reports an unclosed quote at the line csv-parse names', () => {
    // csv-parse counts a break when it moves past it: the final \n is not counted, the one before is.
    expect(parseFast(['a\n"b\nc\n'], { delimiter: ',' })).toEqual({
      error: {
        code: 'CSV_QUOTE_NOT_CLOSED',
        lines: 3,
        message: 'Quote Not Closed: the parsing is finished with an opening quote at line 3',
      },
    });
  });

  it('counts the record size as csv-parse does: earlier cells in UTF-16 units, the current one in UTF-8 bytes', () => {
    const run = (text: string) => parseFast([text], { delimiter: ',', maxRecordSize: 4 });
    // "ab,cde": 2 + 3 = 5 appended; the check before 'e' sees 2 + 2 = 4, not over 4.
    expect(run('ab,cde\n')).toEqual({ records: [['ab', 'cde']] });
    // "ab,cdef": before 'f', 2 + 3 = 5 > 4.
    expect(run('ab,cdef\n')).toMatchObject({ error: { code: 'CSV_MAX_RECORD_SIZE', lines: 1 } });
    // "é" is 2 bytes: "abcé" is checked before each byte, the last at 3 + 1 = 4: fine; "abcdé" is not.
    expect(run('abcé\n')).toEqual({ records: [['abcé']] });
    expect(run('x\nabcdé\n')).toMatchObject({ error: { code: 'CSV_MAX_RECORD_SIZE', lines: 2 } });
  });

  it('leaves delimiters it cannot match exactly to csv-parse', () => {
    expect([',', ';', '\t', '|', '\0'].every(canParseWith)).toBe(true);
    expect(['"', '\n', '\r', '', ',,', '\ud83d'].some(canParseWith)).toBe(false);
  });
});
