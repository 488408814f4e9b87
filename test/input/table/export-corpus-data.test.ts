import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser } from '../../../src/input/csv/csv-records.js';
import { detectDelimiter } from '../../../src/input/csv/detect-delimiter.js';
import { detectEncoding } from '../../../src/input/csv/decode.js';
import { FIXTURES } from '../../helpers/exec.js';

// The corpus of real export layouts (fixtures/exports/README.md) and what a correct reading of each gives
// (expected.json). This checks only that the two agree with each other; the inference test reads expected.json.
const CORPUS = join(FIXTURES, 'exports');

type Column = string | { header: string; indexes?: number[]; split?: string };
interface Layout {
  encoding: string;
  bom: boolean;
  delimiter: string;
  line_endings: 'CRLF' | 'LF';
  rows: number;
  footer_records: number;
  request_from?: string;
  note_title?: string;
  fields: Record<string, Column | null>;
  deal_values: { line: number; cell: string }[];
}

const expected = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { files: Record<string, Layout> }).files;
const files = readdirSync(CORPUS).filter((file) => file.endsWith('.csv'));

/** Records with the physical line each starts on: one line per record, plus the line breaks inside its cells. */
function readRecords(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  const onRecord = (cells: string[]) => {
    records.push({ line, cells });
    line += cells.join('').split('\n').length;
  };
  const parser = new CsvRecordParser({ delimiter });
  parser.write(text, onRecord);
  parser.end(onRecord);
  return records;
}

const isBlank = (cells: string[]) => cells.every((cell) => cell === '');

describe('the export corpus agrees with expected.json', () => {
  it('lists every file of the corpus, and only those, with at least 20 layouts', () => {
    expect(Object.keys(expected).sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(Object.entries(expected))('%s', (file, layout) => {
    const bytes = readFileSync(join(CORPUS, file));
    // Streamed, as pm-rank decodes: Node 20.18.3+ decodes windows-1252 as Latin-1 in one-shot mode (nodejs/node#60888).
    const decoder = new TextDecoder(layout.encoding, { fatal: true });
    const text = decoder.decode(bytes, { stream: true }) + decoder.decode();
    const records = readRecords(text, layout.delimiter);
    const header = records[0]!.cells;
    const data = records.slice(1).filter((record) => !isBlank(record.cells));

    it('is in its stated encoding, delimiter and line endings', () => {
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(layout.bom);
      expect(detectEncoding(bytes, true) === 'utf-8').toBe(layout.encoding === 'utf-8');
      expect(detectDelimiter(text)).toBe(layout.delimiter);
      expect(text[text.indexOf('\n') - 1] === '\r').toBe(layout.line_endings === 'CRLF');
    });

    it('has its stated number of data rows after the header, footers aside', () => {
      const footers = data.slice(data.length - layout.footer_records);
      expect(footers.every((record) => record.cells.length === 1)).toBe(true);
      expect(data.length - layout.footer_records).toBe(layout.rows);
    });

    it('names only headers of its header row, a repeated header by all of its indexes', () => {
      const columns = Object.values(layout.fields).filter((column) => column !== null);
      for (const column of [...columns, layout.request_from, layout.note_title]) {
        if (column === undefined) continue;
        const name = typeof column === 'string' ? column : column.header;
        const at = header.flatMap((cell, i) => (cell === name ? [i] : []));
        expect(at, name).toEqual(typeof column === 'object' && column.indexes ? column.indexes : [at[0] ?? -1]);
      }
    });

    it('puts each worked deal value on a data record that starts on its line', () => {
      const dealValue = layout.fields.deal_value;
      if (layout.deal_values.length === 0) return expect(dealValue).toBeNull();
      const column = header.indexOf(typeof dealValue === 'string' ? dealValue : dealValue!.header);
      for (const { line, cell } of layout.deal_values) {
        expect(data.find((record) => record.line === line)?.cells[column], `line ${line}`).toBe(cell);
      }
    });
  });
});
