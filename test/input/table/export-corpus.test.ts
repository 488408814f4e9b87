import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../../src/input/load-config.js';
import { loadConfigText } from '../../../src/input/parse-config.js';
import { readRequests } from '../../../src/input/requests/read-requests.js';
import { fileSource } from '../../../src/input/source.js';
import { FIXTURES } from '../../helpers/exec.js';

// Every layout of the export corpus (fixtures/exports/README.md cites where each comes from), read by the real
// reader with the built-in model: each field must come from the header expected.json names, worked out by hand.
const CORPUS = join(FIXTURES, 'exports');

type Column = string | { header: string; indexes?: number[]; split?: string };
interface Layout {
  encoding: string;
  delimiter: string;
  request_from?: string;
  fields: Record<string, Column | null>;
}

const layouts = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { files: Record<string, Layout> }).files;
/** The corpus's workbook, whose expected mapping fixtures/exports/README.md states (expected.json covers the CSV files). */
layouts['excel-crm-export.xlsx'] = {
  encoding: 'xlsx',
  delimiter: '',
  fields: {
    id: 'Request ID',
    title: 'Feature Request',
    account: 'Account Name',
    deal_value: 'Amount',
    segment: 'Segment',
    alignment: 'Strategic Alignment',
    effort: 'Effort',
    status: 'Status',
    close_date: 'Close Date',
  },
};
const { model } = await loadConfig(undefined, '/');
/** The built-in model with demand that ages by the created date. */
const DECAY_MODEL = loadConfigText(
  `${readFileSync(DEFAULT_CONFIG_PATH, 'utf8')}\ndecay: { field: created_at, half_life: 180d }\n`,
  'decay.yaml',
).model;
/** expected.json's names for the fields the reader calls otherwise. */
const FIELD_NAMES: Record<string, string> = { created: 'created_date' };
/** Fields the corpus states that the built-in model does not read: read as text, so their columns are chosen too. */
const EXTRA_FIELDS = ['created_date', 'close_date'];

async function readLayout(file: string, layout: Layout) {
  const path = join(CORPUS, file);
  const source = fileSource(file, path, statSync(path).size);
  const options = {
    textFields: EXTRA_FIELDS,
    isMissingColumnAllowed: true,
    ...(layout.encoding === 'shift_jis' ? { encoding: 'shift_jis' } : {}),
  };
  return readRequests(source, model, options);
}

describe.each(Object.entries(layouts))('%s', (file, layout) => {
  const expectations = Object.entries(layout.fields).filter(([field]) => field !== 'currency');

  it('reads each field from the header a person would choose, and no field from a column that is not it', async () => {
    const { summary } = await readLayout(file, layout);
    const chosen = new Map(summary.choices.map((c) => [c.field, c]));
    const describe = (name: string, column: Column | null) => {
      const choice = chosen.get(FIELD_NAMES[name] ?? name);
      if (column === null || typeof column === 'string') return choice?.header ?? null;
      return {
        header: choice?.header,
        ...(column.indexes ? { indexes: choice?.indices } : {}),
        ...(column.split ? { split: choice?.split } : {}),
      };
    };
    const expected = (column: Column | null) =>
      column !== null && typeof column === 'object' && column.split ? { ...column, split: column.split.trim() } : column;
    const actual = Object.fromEntries(expectations.map(([name, column]) => [name, describe(name, column)]));
    expect(actual).toEqual(Object.fromEntries(expectations.map(([name, column]) => [name, expected(column)])));
    expect(summary.delimiter).toBe(layout.delimiter);
    expect(summary.encoding).toBe(layout.encoding === 'iso-8859-1' ? 'windows-1252' : layout.encoding);
  });

  // Demand that ages reads each tool's own date format (Jira's 14/Jul/25 3:42 PM, HubSpot's, Zoho's, ...), or says it has no date.
  it('under decay, dates every row from the created column, or warns that decay does not apply', async () => {
    if (file.endsWith('.xlsx')) return; // the workbook names no created column (see fixtures/exports/README.md)
    const path = join(CORPUS, file);
    const read = await readRequests(fileSource(file, path, statSync(path).size), DECAY_MODEL, {
      asOf: 20_000,
      ...(layout.encoding === 'shift_jis' ? { encoding: 'shift_jis' } : {}),
    });
    const dateIssues = read.issues.filter((i) => /DATE/.test(i.code) || (i.code === 'COLUMN_NOT_FOUND' && i.path === 'decay.field'));
    if (layout.fields.created) {
      expect(dateIssues).toEqual([]);
      expect(read.requests.filter((r) => r.lastMentionDay === undefined).map((r) => r.id)).toEqual([]);
    } else {
      expect(dateIssues.map((i) => [i.code, i.path])).toEqual([['COLUMN_NOT_FOUND', 'decay.field']]);
    }
  });
});
