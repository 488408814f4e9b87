import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../src/input/load-config.js';
import { MAX_NESTING_DEPTH, parseConfig } from '../../src/input/parse-config.js';
import { formatIssue } from '../../src/reporters/words/issues.js';
import { VALID } from '../helpers/configs.js';
import { weightedOf } from '../core/model-fixtures.js';

function problems(text: string) {
  return parseConfig(text, 'scoring.yaml').issues.map((i) => [i.code, i.path, i.line, i.col]);
}

describe('parseConfig', () => {
  it('accepts the shipped example, which is also the built-in model', () => {
    const { config, issues } = parseConfig(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'), 'scoring.example.yaml');
    expect(issues).toEqual([]);
    expect(Object.keys(config!.criteria ?? {})).toEqual(['deal_value', 'segment_fit', 'alignment', 'effort']);
    expect(Object.values(config!.criteria ?? {}).map((c) => c.weight)).toEqual([40, 20, 30, 10]);
  });

  it.each([
    ['weight: high', VALID.replace('weight: 10', 'weight: high'), [['INVALID_TYPE', 'criteria.effort.weight', 4, 13]]],
    ['weight 0', VALID.replace('weight: 10', 'weight: 0'), [['OUT_OF_RANGE', 'criteria.effort.weight', 4, 13]]],
    ['map value above 1', VALID.replace('XL: 0', 'XL: 2'), [['OUT_OF_RANGE', 'criteria.effort.map.XL', 6, 22]]],
    [
      'misspelt key',
      VALID.replace('    map:', '    mpa:'),
      [
        ['TRANSFORM_MISSING', 'criteria.effort.weight', 4, 13],
        ['UNKNOWN_KEY', 'criteria.effort.mpa', 6, 5],
      ],
    ],
    ['scale and map', VALID + '    scale: log\n    max: 5\n', [['TRANSFORM_CONFLICT', 'criteria.effort.map', 6, 10]]],
    [
      'linear without min',
      VALID.replace('    map: {XS: 1, XL: 0}', '    scale: linear\n    max: 5'),
      [['SCALE_BOUND_MISSING', 'criteria.effort.scale', 6, 12]],
    ],
    [
      'min >= max',
      VALID.replace('    map: {XS: 1, XL: 0}', '    scale: linear\n    min: 5\n    max: 5'),
      [['MIN_NOT_BELOW_MAX', 'criteria.effort.min', 7, 10]],
    ],
    ['wrong version', VALID.replace('version: 1', 'version: 2'), [['INVALID_VALUE', 'version', 1, 10]]],
    ['no criteria', 'version: 1\ncriteria: {}\n', [['NO_CRITERIA', 'criteria', 2, 11]]],
    ['missing criteria', 'version: 1\n', [['CRITERIA_MISSING', 'criteria', 1, 1]]],
    ['criteria with a framework', `model: rice\n${VALID}`, [['OPTION_NOT_APPLICABLE', 'criteria', 4, 3]]],
    ['combine outside ice', 'version: 1\nmodel: wsjf\ncombine: product\n', [['OPTION_NOT_APPLICABLE', 'combine', 3, 10]]],
    // line 7 is "    count_unattributed: true": 4 + 20 characters, so the value starts at col 25
    [
      'count_unattributed on a field other than accounts',
      `${VALID}    count_unattributed: true\n`,
      [['OPTION_NOT_APPLICABLE', 'criteria.effort.count_unattributed', 7, 25]],
    ],
    [
      'count_unattributed on accounts',
      'version: 1\ncriteria:\n  reach: {weight: 1, field: accounts, scale: log, max: 9, count_unattributed: true}\n',
      [],
    ],
    ['unknown model', 'version: 1\nmodel: moscow\n', [['INVALID_VALUE', 'model', 2, 8]]],
    ['tiebreak naming no input', 'version: 1\nmodel: rice\ntiebreak: alignment\n', [['TIEBREAK_UNKNOWN', 'tiebreak', 3, 11]]],
    ['tiebreak naming no criterion', `${VALID}tiebreak: reach\n`, [['TIEBREAK_UNKNOWN', 'tiebreak', 7, 11]]],
    [
      'horizons out of order',
      `${VALID}horizons:\n  - {name: Now, min_score: 50}\n  - {name: Next, min_score: 60}\n  - {name: Soon}\n  - {name: Later}\n`,
      [
        ['HORIZONS_NOT_DESCENDING', 'horizons[1].min_score', 9, 29],
        ['HORIZON_THRESHOLD_MISSING', 'horizons[2]', 10, 5],
      ],
    ],
    ['duplicate key', VALID.replace('    field: effort', '    field: effort\n    weight: 3'), [['DUPLICATE_KEY', undefined, 6, 5]]],
    // the second "weight" is on line 6 at col 5; the first one stays where it is
    [
      'duplicate key, repeated twice',
      VALID.replace('    field: effort', '    field: effort\n    weight: 3\n    weight: 4'),
      [
        ['DUPLICATE_KEY', undefined, 6, 5],
        ['DUPLICATE_KEY', undefined, 7, 5],
      ],
    ],
    // toJS would make both keys the property "1", one silently replacing the other; line 8, col 7 is the quoted "1"
    [
      'keys equal as property names',
      VALID.replace('    map: {XS: 1, XL: 0}', '    map:\n      1: 1\n      "1": 0'),
      [['DUPLICATE_KEY', undefined, 8, 7]],
    ],
    ['duplicate key in a flow map', VALID.replace('{XS: 1, XL: 0}', '{XS: 1, XS: 0}'), [['DUPLICATE_KEY', undefined, 6, 18]]],
    ['syntax error', 'version: [1\n', [['YAML_SYNTAX', undefined, 2, 1]]],
    [
      'escalation with an empty condition',
      `${VALID}escalation:\n  - name: Big\n    when: {deal_value: {}}\n`,
      [['INVALID_VALUE', 'escalation[0].when.deal_value', 9, 24]],
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it.each([
    // 1e308 is finite, but two such weights sum to Infinity and every score became NaN
    ['1e308', 'OUT_OF_RANGE', 'scoring.yaml:4:13 criteria.effort.weight: expected a number <= 1000000, got 1e308'],
    // 1e400 parses to Infinity, which JSON (and the message) showed as null
    ['1e400', 'INVALID_TYPE', 'scoring.yaml:4:13 criteria.effort.weight: expected a number, got 1e400'],
  ])('bounds weights, quoting the value as written: weight %s', (weight, code, message) => {
    const [issue] = parseConfig(VALID.replace('weight: 10', `weight: ${weight}`), 'scoring.yaml').issues;
    expect(issue!.code).toBe(code);
    expect(formatIssue(issue!)).toBe(message);
  });

  it.each([
    // line 6 "    scale: log" starts the scale at col 5; min is written on line 8, col 10
    [
      VALID.replace('    map: {XS: 1, XL: 0}', '    scale: log\n    max: 5\n    min: 1'),
      'scoring.yaml:8:10 criteria.effort.min: min applies to scale: linear, not to scale: log, which starts at 0',
    ],
    [
      VALID.replace('    map: {XS: 1, XL: 0}', '    scale: linear\n    min: 5\n    max: 5'),
      'scoring.yaml:7:10 criteria.effort.min: expected min < max, got min 5 and max 5',
    ],
    [`${VALID}tiebreak: reach\n`, 'scoring.yaml:7:11 tiebreak: expected one of effort, got "reach"'],
  ])('words a schema rule from its code and arguments: %j', (text, line) => {
    expect(parseConfig(text, 'scoring.yaml').issues.map(formatIssue)).toEqual([line]);
  });

  it('suggests the key the user meant', () => {
    const [issue] = parseConfig('version: 1\ncriteria:\n  a: {weight: 1, field: x, scael: log, max: 3}\n', 'scoring.yaml').issues.filter(
      (i) => i.code === 'UNKNOWN_KEY',
    );
    expect(formatIssue(issue!)).toBe('scoring.yaml:3:28 criteria.a.scael: unknown key "scael"; did you mean "scale"?');
  });

  it('refuses an alias bomb (expanding it would meet the test timeout)', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join('\n');
    expect(problems(bomb)).toEqual([['YAML_ALIAS_LIMIT', undefined, undefined, undefined]]);
  });

  it('checks a 55,000-key map for duplicate keys in one pass (a pairwise check took 45 s, past the test timeout)', () => {
    const keys = Array.from({ length: 55_000 }, (_, i) => `    k${i}: 1`).join('\n');
    const text = VALID.replace('    map: {XS: 1, XL: 0}', `    map:\n${keys}\n    k7: 0`);
    // k7 again after the 55,000 keys: line 6 is "map:", the keys fill lines 7 to 55,006, the repeat is line 55,007
    expect(problems(text)).toEqual([['DUPLICATE_KEY', undefined, 55_007, 5]]);
  });

  it('refuses a config over 1 MB', () => {
    expect(problems(`version: 1\n# ${'x'.repeat(1024 * 1024)}\n`)).toEqual([['CONFIG_TOO_LARGE', undefined, undefined, undefined]]);
  });

  const indented = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
  it.each([
    ['flow sequences, a megabyte of them', `${'['.repeat(500_000)}${']'.repeat(500_000)}`],
    ['flow mappings', `${'{a: '.repeat(33)}1${'}'.repeat(33)}`],
    ['compact block sequences', `${'- '.repeat(400_000)}1`],
    ['collection keys ("? ", slow to convert)', `${'? '.repeat(500)}1`],
    ['indented mappings', indented(MAX_NESTING_DEPTH + 1)],
  ])('refuses YAML nested deeper than the limit before parsing it: %s', (_name, text) => {
    expect(problems(text)).toEqual([['YAML_TOO_DEEP', undefined, undefined, undefined]]);
  });

  it('accepts nesting up to the limit, and brackets in strings and comments do not count', () => {
    expect(problems(indented(MAX_NESTING_DEPTH)).map(([code]) => code)).not.toContain('YAML_TOO_DEEP');
    const brackets = '[['.repeat(MAX_NESTING_DEPTH);
    const text = `${VALID}    description: "${brackets}" # ${brackets}\n`;
    expect(problems(text)).toEqual([]);
  });
});

describe('loadConfig', () => {
  it('finds ./scoring.yaml, else falls back to the built-in model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-config-'));
    expect(await loadConfig(undefined, dir)).toMatchObject({ source: 'default model', isDefault: true });
    writeFileSync(join(dir, 'scoring.yaml'), VALID);
    const local = await loadConfig(undefined, dir);
    expect(local).toMatchObject({ source: 'scoring.yaml', isDefault: false });
    expect(weightedOf(local.model).criteria.map((c) => c.name)).toEqual(['effort']);
  });

  it.each([
    ['a directory', (path: string) => mkdirSync(path), 'cannot read config scoring.yaml: it is a directory'],
    ['a broken link', (path: string) => symlinkSync('nowhere.yaml', path), 'cannot read config scoring.yaml: no such file'],
    // /dev/zero never ends: the read must stop at the limit, not after gigabytes
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'cannot read config scoring.yaml: it is over 1 MB'],
  ])('stops when ./scoring.yaml exists but cannot be read: %s', async (_name, create, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-config-'));
    create(join(dir, 'scoring.yaml'));
    await expect(loadConfig(undefined, dir)).rejects.toThrow(new ConfigError(message));
  });

  // root reads any file whatever its mode, so this runs only as an ordinary user
  it.skipIf(process.getuid?.() === 0)('stops when ./scoring.yaml has no read permission', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-config-'));
    writeFileSync(join(dir, 'scoring.yaml'), VALID, { mode: 0o200 });
    await expect(loadConfig(undefined, dir)).rejects.toThrow(new ConfigError('cannot read config scoring.yaml: permission denied'));
  });

  it('throws one ConfigError carrying every problem, located and coded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-config-'));
    writeFileSync(join(dir, 'bad.yaml'), VALID.replace('weight: 10', 'weight: -1').replace('XL: 0', 'XL: 7'));
    const error = await loadConfig('bad.yaml', dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('invalid config (2 problems)');
    expect((error as ConfigError).findings.map((f) => [f.code, formatIssue(f)])).toEqual([
      ['OUT_OF_RANGE', 'bad.yaml:4:13 criteria.effort.weight: expected a number > 0, got -1'],
      ['OUT_OF_RANGE', 'bad.yaml:6:22 criteria.effort.map.XL: expected a number <= 1, got 7'],
    ]);
  });
});
