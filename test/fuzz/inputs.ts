import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { FIXTURES } from '../helpers/exec.js';

/** One fuzz case: the bytes of an export (a file, or stdin), maybe a config, and the flags to run with. */
export interface FuzzCase {
  kind: string;
  csv: Uint8Array;
  config?: string;
  flags: string[];
  isStdin?: boolean;
}

const FIXTURE_BYTES = ['requests.csv', 'hubspot-deals.csv', 'jira-issues.csv', 'europe-semicolon.csv'].map((f) =>
  readFileSync(join(FIXTURES, f)),
);

const CSV_TOKENS = [
  ...['"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', '\ufeff', '\u0000', 'sep=;\n', ' ', 'é', '✓', '\u202e', '\u001b[2J'],
  ...['Request ID', 'Title', 'Summary', 'Account', 'Amount', 'ARR', 'Segment', 'Alignment', 'Effort', 'Status', 'Labels'],
  ...['FR-1', 'fr-1', 'Enterprise', 'SMB', 'XL', 'S', '5', '0', '-1', '1e309', '1.234,56', '$1.2M', '€50k', '(1,000)', 'CHF 9'],
  ...['N/A', '-', 'TBD', '=1+1', '@x', 'NaN', 'Infinity', '0x10', '1_000', '١٢٣'],
];
const HEADER = 'Request ID,Title,Account,Amount,Segment,Alignment,Effort\n';

const randomBytes = fc.uint8Array({ maxLength: 3000 }).map((csv) => ({ kind: 'random bytes', csv }));

const truncatedFixture = fc
  .tuple(fc.constantFrom(...FIXTURE_BYTES), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([bytes, share]) => ({ kind: 'truncated fixture', csv: bytes.subarray(0, Math.floor(bytes.length * share)) }));

const encodings = fc.constantFrom<BufferEncoding>('utf8', 'latin1', 'utf16le');
const randomCsv = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...CSV_TOKENS), { maxLength: 300 }), encodings)
  .map(([hasHeader, tokens, encoding]) => ({
    kind: 'random CSV',
    csv: Buffer.from((hasHeader ? HEADER : '') + tokens.join(''), encoding),
  }));

const YAML_TOKENS = [
  ...['version: 1\n', 'criteria:\n', '  a:\n', '    ', 'weight: ', 'field: ', 'scale: ', 'max: ', 'min: ', 'map: ', 'missing: '],
  ...['deal_value', 'effort', 'accounts', 'log', 'linear', '{XS: 1}', '1', '0', '-1', '1e309', '.nan', '.inf', '~', 'yes'],
  ...['&a ', '*a', '!!binary ', '!!js/function ', '? ', '- ', '[', ']', '{', '}', ',', ':', '"', "'", '#', '\n', '\t', '%YAML 1.1\n'],
  ...['---\n', '...\n', 'horizons:\n', 'escalation:\n', 'when: ', 'columns:\n', 'aggregate: {split: ","}\n', '\u0000', '\ufeff'],
];
const randomYaml = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 120 }).map((t) => t.join(''));

const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);
/** Mostly a plausible value, sometimes anything at all. */
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
const field = fc.constantFrom('deal_value', 'segment', 'alignment', 'effort', 'accounts', 'status', 'no_such_field');
const number = fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.double({ noNaN: true }));
const criterion = fc.record(
  {
    weight: maybe(fc.integer({ min: 0, max: 100 })),
    field: maybe(field),
    scale: maybe(fc.constantFrom('log', 'linear')),
    min: maybe(number),
    max: maybe(number),
    map: maybe(fc.dictionary(fc.constantFrom('XS', 'S', 'xs', 'Enterprise', 'SMB', ''), fc.double({ min: 0, max: 1, noNaN: true }))),
    default: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    missing: maybe(fc.double({ min: -1, max: 2, noNaN: true })),
  },
  { requiredKeys: [] },
);
const randomConfigValues = fc
  .record(
    {
      version: maybe(fc.constant(1)),
      columns: maybe(fc.dictionary(field, fc.constantFrom('Title', 'Amount', 'Nope', ''), { maxKeys: 3 })),
      currency: maybe(
        fc.record({
          base: maybe(fc.constantFrom('USD', 'EUR', '')),
          rates: maybe(fc.dictionary(fc.constantFrom('EUR', 'GBP', 'x'), number)),
        }),
      ),
      aggregate: maybe(
        fc.record({ deal_value: maybe(fc.constantFrom('sum', 'max')), split: maybe(fc.constantFrom(',', ';', '')) }, { requiredKeys: [] }),
      ),
      criteria: maybe(fc.dictionary(fc.constantFrom('money', 'fit', 'effort', 'Bad Name'), criterion, { maxKeys: 4 })),
      horizons: maybe(
        fc.array(fc.record({ name: maybe(fc.constantFrom('Now', 'Later', '')), min_score: maybe(number) }, { requiredKeys: ['name'] }), {
          maxLength: 3,
        }),
      ),
      escalation: maybe(
        fc.array(
          fc.record({
            name: maybe(fc.constantFrom('Big', '')),
            when: maybe(
              fc.dictionary(
                field,
                fc.oneof(
                  fc.record({ min: maybe(number), max: maybe(number) }, { requiredKeys: [] }),
                  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
                ),
              ),
            ),
          }),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: [] },
  )
  .map((config) => stringify(config));

const flags = fc
  .tuple(
    fc.constantFrom([], ['--format', 'json'], ['--format', 'csv']),
    fc.subarray([['--top', '2'], ['--decimal-comma'], ['--strict'], ['--delimiter', ';'], ['--encoding', 'utf-16le'], ['-o', 'out.txt']]),
  )
  .map(([format, more]) => [...format, ...more.flat()]);

/** Hostile exports with the built-in model, and hostile configs with a real export. */
export const fuzzCases: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc
    .tuple(fc.oneof(randomBytes, truncatedFixture, randomCsv), flags, fc.boolean())
    .map(([input, f, isStdin]) => ({ ...input, flags: f, isStdin })),
  fc
    .tuple(fc.oneof(randomYaml, randomConfigValues), fc.constantFrom(...FIXTURE_BYTES))
    .map(([config, csv]) => ({ kind: 'random config', csv, config, flags: [] })),
);
