// Column inference's share of a small `score`: the header and first rows of the 50-row fixture, inferred
// in a fresh process (the first call pays for compiling the code, as a CLI run does) and then warm.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../dist/input/load-config.js';
import { RIVAL_FIELDS, wantedField } from '../dist/input/table/field-kinds.js';

const start = performance.now();
const { inferColumns } = await import('../dist/input/table/infer-columns.js');
const importMs = performance.now() - start;
const [header, ...sample] = parse(readFileSync(process.argv[2] ?? 'fixtures/requests.csv'), { bom: true, relax_column_count: true });
const { model } = await loadConfig(undefined, process.cwd());
const fields = ['id', 'title', 'account', 'deal_value', 'segment', 'status', 'alignment', 'effort'];
const input = {
  header,
  sample,
  configured: {},
  wanted: fields.map((field) => wantedField(field, model, field === 'deal_value' || field === 'alignment')),
  rivals: RIVAL_FIELDS.map((field) => wantedField(field, model)),
};
const time = () => {
  const begin = performance.now();
  inferColumns(input);
  return performance.now() - begin;
};
const firstMs = time();
const warm = Array.from({ length: 20 }, time).sort((a, b) => a - b);
console.log(JSON.stringify({ rows: sample.length, importMs, firstMs, warmMs: warm[10] }));
