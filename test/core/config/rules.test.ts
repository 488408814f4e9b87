import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfigAgainstData } from '../../../src/core/config/rules.js';
import type { FeatureRequest } from '../../../src/core/types.js';
import { DEFAULT_CONFIG_PATH } from '../../../src/input/load-config.js';
import { measureNesting, parseConfig } from '../../../src/input/parse-config.js';
import { VALID } from '../../helpers/configs.js';

function problems(text: string) {
  return parseConfig(text, 'scoring.yaml').issues.map((i) => [i.code, i.severity, i.path, i.line, i.col]);
}

describe('checkConfig (semantic checks, located in the YAML)', () => {
  it.each([
    // line 6 is "    map: {XS: 1, xs: 0.5}": 4 spaces + "map: {" = 10, "XS: 1, " = 7 -> the key xs starts at col 18
    ['map keys that differ only by case', VALID.replace('XL: 0', 'xs: 0.5'), [['MAP_KEY_CLASH', 'error', 'criteria.effort.map.xs', 6, 18]]],
    [
      // the second criterion's key sits on line 7 after 2 spaces
      'criterion names that differ only by case',
      `${VALID}  Effort:\n    weight: 5\n    field: effort\n    map: {XS: 1}\n`,
      [['CRITERION_NAME_CLASH', 'error', 'criteria.Effort', 7, 3]],
    ],
    [
      // lines 7-10; "      arr:" puts the key at col 7 of line 10
      'escalation on a field nothing defines',
      `${VALID}escalation:\n  - name: Big\n    when:\n      arr: {min: 5}\n`,
      [['ESCALATION_FIELD_UNKNOWN', 'error', 'escalation[0].when.arr', 10, 7]],
    ],
    [
      'escalation on a standard field is fine',
      `${VALID}escalation:\n  - name: Big\n    when:\n      deal_value: {min: 5}\n      accounts: {min: 3}\n`,
      [],
    ],
    [
      // "      deal_value: {min: " is 6 + 18 = 24 characters, so 5 is at col 25
      'escalation condition with min above max',
      `${VALID}escalation:\n  - name: Big\n    when:\n      deal_value: {min: 5, max: 1}\n`,
      [['MIN_ABOVE_MAX', 'error', 'escalation[0].when.deal_value.min', 10, 25]],
    ],
    [
      // "  - {name: Now, min_score: " is 5 + 11 + 11 = 27 characters, so 120 is at col 28
      'a horizon above 100',
      `${VALID}horizons:\n  - {name: Now, min_score: 120}\n  - {name: Later}\n`,
      [['HORIZON_UNREACHABLE', 'warning', 'horizons[0].min_score', 8, 28]],
    ],
    [
      // "  - {name: " is 11 characters, so "now" is at col 12 of line 9
      'horizon names that clash',
      `${VALID}horizons:\n  - {name: Now, min_score: 50}\n  - {name: now}\n`,
      [['HORIZON_NAME_CLASH', 'error', 'horizons[1].name', 9, 12]],
    ],
    [
      'escalation rule names that clash',
      `${VALID}escalation:\n  - {name: Big, when: {deal_value: {min: 1}}}\n  - {name: Big, when: {deal_value: {min: 2}}}\n`,
      [['ESCALATION_NAME_CLASH', 'error', 'escalation[1].name', 9, 12]],
    ],
    [
      // "  id: " is 6 characters, so the header is at col 7 of line 4
      'two fields read from one header',
      VALID.replace('version: 1\n', 'version: 1\ncolumns:\n  title: Summary\n  id: summary\n'),
      [['COLUMN_HEADER_CLASH', 'error', 'columns.id', 4, 7]],
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('reports every problem at once, in file order', () => {
    const text = `${VALID.replace('XL: 0', 'xs: 0.5')}escalation:\n  - name: Big\n    when:\n      arr: {min: 5}\n`;
    expect(problems(text).map(([code, , , line]) => [code, line])).toEqual([
      ['MAP_KEY_CLASH', 6],
      ['ESCALATION_FIELD_UNKNOWN', 10],
    ]);
  });
});

describe('nesting limit', () => {
  it('measures the shipped example as shallow', () => {
    // version/criteria.deal_value.max is 3 levels; escalation[0].when.deal_value.min is 5 with the "- " item
    expect(measureNesting(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'))).toBe(5);
  });

  it.each([
    ['flow', `version: 1\ncriteria: ${'['.repeat(400_000)}${']'.repeat(400_000)}\n`],
    ['block', `version: 1\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n`],
    ['compact list items', `version: 1\ncriteria:\n  ${'- '.repeat(200_000)}x\n`],
  ])('refuses deeply nested %s YAML before parsing it', (_name, text) => {
    expect(problems(text)).toEqual([['YAML_TOO_DEEP', 'error', undefined, undefined, undefined]]);
  });

  it('ignores brackets inside quotes and comments', () => {
    expect(measureNesting(`a: "${'['.repeat(100)}" # ${'{'.repeat(100)}\n`)).toBe(1);
  });
});

describe('checkConfigAgainstData', () => {
  const config = parseConfig(
    `version: 1
columns:
  effort: T-Shirt Size
  segment: Tier
criteria:
  effort: {weight: 1, field: effort, map: {S: 1, XL: 0}}
  reach: {weight: 1, field: reach, scale: log, max: 10}
escalation:
  - {name: Wide, when: {accounts: {min: 3}, region: [EMEA]}}
`,
    'scoring.yaml',
  ).config!;
  const request = (id: string, effort: string[]): FeatureRequest => ({
    id,
    title: id,
    lines: [2],
    accounts: [],
    numbers: {},
    texts: { effort },
  });

  it('finds absent columns, undetectable fields, unused map keys and uncovered values', () => {
    const findings = checkConfigAgainstData(config, {
      source: 'export.csv',
      header: ['Key', 'Company', 'T-Shirt Size'],
      columns: { id: 'Key', account: 'Company', effort: 'T-Shirt Size' },
      // "m" occurs in two requests (R1 has it twice in different case, counted once), "s" in one; XL in none
      requests: [request('R1', ['M', 'm']), request('R2', ['S', 'M'])],
    });
    expect(findings.map((f) => [f.code, f.severity, f.path.join('.')])).toEqual([
      ['COLUMN_NOT_FOUND', 'error', 'columns.segment'],
      ['FIELD_NOT_DETECTED', 'warning', 'criteria.reach.field'],
      ['FIELD_NOT_DETECTED', 'warning', 'escalation.0.when.region'],
      ['MAP_KEY_UNUSED', 'warning', 'criteria.effort.map.XL'],
      ['MAP_VALUE_UNCOVERED', 'warning', 'criteria.effort.map'],
    ]);
    expect(findings.at(-1)!.args).toMatchObject({ requests: 2 });
  });

  it('takes a range of map labels (S-XL) as covered: it scores its middle label', () => {
    const findings = checkConfigAgainstData(config, {
      source: 'export.csv',
      header: ['Key', 'T-Shirt Size', 'Tier'],
      columns: { id: 'Key', effort: 'T-Shirt Size', segment: 'Tier' },
      requests: [request('R1', ['S-XL']), request('R2', ['S']), request('R3', ['XL'])],
    });
    expect(findings.filter((f) => f.code.startsWith('MAP_'))).toEqual([]);
  });

  it.each([
    ['decay: {field: opened_on, half_life: 180d}', 'opened_on', 'decay.field'],
    ['decay: {half_life: 180d}', 'created_date', 'decay'], // no field: created_date
    ['decay: {field: created_at, half_life: 180d}', 'created_date', 'decay.field'], // created_at is created_date's other name
    ['stale_after: 120d', 'created_date', 'stale_after'],
  ])('warns when the export has no column for the date demand ages by (%s)', (ageing, field, path) => {
    const aged = parseConfig(
      `version: 1\ncriteria:\n  reach: {weight: 1, field: reach, scale: log, max: 9}\n${ageing}\n`,
      'scoring.yaml',
    ).config!;
    const profile = (columns: Record<string, string>) => ({ source: 'crm.csv', header: Object.values(columns), columns, requests: [] });
    expect(checkConfigAgainstData(aged, profile({ id: 'Id', reach: 'Reach' })).map((f) => [f.code, f.args, f.path.join('.')])).toEqual([
      ['FIELD_NOT_DETECTED', { source: 'crm.csv', field }, path],
    ]);
    expect(checkConfigAgainstData(aged, profile({ id: 'Id', reach: 'Reach', [field]: 'Created' }))).toEqual([]);
  });

  it('warns that accounts counts 0 everywhere when the export has no account column, unless unattributed rows count', () => {
    const counting = parseConfig(
      `version: 1
criteria:
  reach: {weight: 1, field: accounts, scale: log, max: 9}
  rows: {weight: 1, field: accounts, scale: log, max: 9, count_unattributed: true}
escalation:
  - {name: Wide, when: {accounts: {min: 3}}}
`,
      'scoring.yaml',
    ).config!;
    const without = checkConfigAgainstData(counting, {
      source: 'jira.csv',
      header: ['Issue key'],
      columns: { id: 'Issue key' },
      requests: [],
    });
    expect(without.map((f) => [f.code, f.severity, f.path.join('.')])).toEqual([
      ['FIELD_NOT_DETECTED', 'warning', 'criteria.reach.field'],
      ['FIELD_NOT_DETECTED', 'warning', 'escalation.0.when.accounts'],
    ]);
    expect(
      checkConfigAgainstData(counting, {
        source: 'crm.csv',
        header: ['Id', 'Account'],
        columns: { id: 'Id', account: 'Account' },
        requests: [],
      }),
    ).toEqual([]);
  });
});
