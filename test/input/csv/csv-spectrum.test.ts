import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRecordParser } from '../../../src/input/csv/csv-parse-records.js';
import { CsvRecordParser } from '../../../src/input/csv/csv-records.js';
import { ROOT } from '../../helpers/exec.js';

// csv-spectrum (BSD-2-Clause, Max Ogden): CSV edge cases with their expected records, see its README.
// Copied from the team's shared test data into the repo, so CI needs nothing outside the checkout.
const SPECTRUM = join(ROOT, 'test/data/csv-spectrum');
// Broken upstream: its JSON is a single object, not an array, and holds another phone number than the CSV.
const BROKEN_UPSTREAM = new Set(['location_coordinates']);
const cases = readdirSync(join(SPECTRUM, 'csvs'))
  .map((file) => file.replace(/\.csv$/, ''))
  .sort();

const PARSERS = {
  'csv-parse': async (text: string): Promise<string[][]> => {
    const records: string[][] = [];
    for await (const record of Readable.from([text]).pipe(createRecordParser(','))) records.push(record as string[]);
    return records;
  },
  fast: (text: string): Promise<string[][]> => {
    const records: string[][] = [];
    const parser = new CsvRecordParser({ delimiter: ',' });
    parser.write(text, (record) => records.push(record));
    parser.end((record) => records.push(record));
    return Promise.resolve(records);
  },
};

describe.each(Object.keys(PARSERS) as (keyof typeof PARSERS)[])('csv-spectrum: %s parses each case to its expected records', (parser) => {
  const parseRecords = PARSERS[parser];
  it('has the suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  const check = async (name: string) => {
    const [header, ...rows] = await parseRecords(readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`), 'utf8'));
    const expected = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as Record<string, string>[];
    expect(rows.map((row) => Object.fromEntries(header!.map((key, i) => [key, row[i]])))).toEqual(expected);
  };
  it.each(cases.filter((name) => !BROKEN_UPSTREAM.has(name)))('%s', check);
  it.skip.each([...BROKEN_UPSTREAM])('%s (skipped: its expected JSON does not match its CSV upstream)', check);
});
