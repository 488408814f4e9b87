import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/types.js';
import { renderCheckGithub, renderCheckText, type CheckReport } from '../../src/reporters/check.js';

const ISSUES: Issue[] = [
  {
    code: 'INVALID_TYPE',
    severity: 'error',
    file: 'models/a,b:c.yaml',
    line: 4,
    col: 13,
    path: 'criteria.effort.weight',
    args: { expected: 'a number', found: '"50%"' },
  },
  {
    code: 'MAP_KEY_UNUSED',
    severity: 'warning',
    file: 'models/a,b:c.yaml',
    line: 9,
    col: 7,
    path: 'criteria.effort.map.XS',
    args: { key: 'XS', field: 'size', source: 'two\nlines.csv' },
  },
  { code: 'YAML_TOO_DEEP', severity: 'error', file: 'models/a,b:c.yaml', args: { limit: 32 } },
];
const report = (isStrict: boolean): CheckReport => ({ file: 'models/a,b:c.yaml', issues: ISSUES, isStrict });

describe('check reporters', () => {
  it('text: one line per problem, then a total', () => {
    expect(renderCheckText(report(false), { color: false })).toMatchInlineSnapshot(`
      "models/a,b:c.yaml:4:13 criteria.effort.weight: expected a number, got "50%" [INVALID_TYPE] error
      models/a,b:c.yaml:9:7 criteria.effort.map.XS: "XS" never occurs in size of two
      lines.csv [MAP_KEY_UNUSED] warning
      models/a,b:c.yaml: refused: nested more than 32 levels deep; a scoring model is a few levels deep [YAML_TOO_DEEP] error
      models/a,b:c.yaml: 2 errors, 1 warning
      "
    `);
  });

  it('github: escapes workflow-command properties and data; --strict turns warnings into errors', () => {
    const lines = renderCheckGithub(report(true)).split('\n');
    // ',' and ':' in a property and '%' / newline in data must be percent-encoded, or the runner cuts the command short.
    expect(lines[0]).toBe(
      '::error file=models/a%2Cb%3Ac.yaml,line=4,col=13,title=pm-rank INVALID_TYPE::criteria.effort.weight: expected a number, got "50%25"',
    );
    expect(lines[1]).toBe(
      '::error file=models/a%2Cb%3Ac.yaml,line=9,col=7,title=pm-rank MAP_KEY_UNUSED::criteria.effort.map.XS: "XS" never occurs in size of two%0Alines.csv',
    );
    expect(lines[2]).toBe(
      '::error file=models/a%2Cb%3Ac.yaml,title=pm-rank YAML_TOO_DEEP::refused: nested more than 32 levels deep; a scoring model is a few levels deep',
    );
    expect(renderCheckGithub(report(false)).split('\n')[1]).toMatch(/^::warning /);
  });
});
