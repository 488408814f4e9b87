import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

const EXAMPLE = join(ROOT, 'scoring.example.yaml');
// Line 4 "    weight: high" puts the value at col 13; line 6 "    map: {XS: 1, xs: 0.5}" puts the key xs at col 18.
const BROKEN = `version: 1
criteria:
  effort:
    weight: high
    field: effort
    map: {XS: 1, xs: 0.5}
`;
const WITH_WARNING = `version: 1
criteria:
  effort: {weight: 1, field: effort, map: {XS: 1}}
horizons:
  - {name: Now, min_score: 120}
  - {name: Later}
`;

describe('pm-rank check', () => {
  it('exits 0 on the shipped example', async () => {
    const result = await runCli(['check', EXAMPLE]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${EXAMPLE}: valid, no problems\n`);
  });

  it('exits 1 and lists every problem with line and column, then a total', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'scoring.yaml'), BROKEN);
      // Schema errors stop before the semantic checks, so the case clash shows once the weight is fixed.
      const result = await runCli(['check'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'scoring.yaml:4:13 criteria.effort.weight: expected a number, got "high" [INVALID_TYPE] error\nscoring.yaml: 1 error, 0 warnings\n',
      );
      writeFileSync(join(dir, 'scoring.yaml'), BROKEN.replace('high', '2'));
      expect((await runCli(['check'], { cwd: dir })).stdout).toContain('scoring.yaml:6:18 criteria.effort.map.xs: map key "xs"');
    });
  });

  it('passes warnings unless --strict', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'warn.yaml'), WITH_WARNING);
      expect((await runCli(['check', 'warn.yaml'], { cwd: dir })).code).toBe(0);
      const strict = await runCli(['check', 'warn.yaml', '--strict'], { cwd: dir });
      expect(strict.code).toBe(1);
      // "  - {name: Now, min_score: " is 27 characters: 120 is at col 28 of line 5
      expect(strict.stdout).toContain('warn.yaml:5:28 horizons[0].min_score');
    });
  });

  it('prints GitHub workflow commands with --format github', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'scoring.yaml'), BROKEN);
      const result = await runCli(['check', '--format', 'github'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n')[0]).toBe(
        '::error file=scoring.yaml,line=4,col=13,title=pm-rank INVALID_TYPE::criteria.effort.weight: expected a number, got "high"',
      );
      writeFileSync(join(dir, 'warn.yaml'), WITH_WARNING);
      expect((await runCli(['check', 'warn.yaml', '--format', 'github'], { cwd: dir })).stdout).toMatch(
        /^::warning file=warn.yaml,line=5,col=28,/,
      );
      expect((await runCli(['check', 'warn.yaml', '--format', 'github', '--strict'], { cwd: dir })).stdout).toMatch(
        /^::error file=warn.yaml,line=5,col=28,/,
      );
    });
  });

  it('prints a machine-readable list with --format json', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'scoring.yaml'), BROKEN);
      const result = await runCli(['check', '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({
        file: 'scoring.yaml',
        isValid: false,
        issues: [{ code: 'INVALID_TYPE', severity: 'error', path: 'criteria.effort.weight', file: 'scoring.yaml', line: 4, col: 13 }],
      });
    });
  });

  it('reports YAML syntax errors and duplicate keys as problems (exit 1)', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'dup.yaml'), 'version: 1\nversion: 1\ncriteria: {}\n');
      const result = await runCli(['check', 'dup.yaml', '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      expect((JSON.parse(result.stdout) as { issues: { code: string; line: number; col: number }[] }).issues[0]).toMatchObject({
        code: 'DUPLICATE_KEY',
        line: 2,
        col: 1,
      });
    });
  });

  it('refuses deeply nested YAML with one clear line', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'deep.yaml'), `version: 1\ncriteria: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`);
      const result = await runCli(['check', 'deep.yaml'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^deep\.yaml: refused: nested more than 32 levels deep.*\[YAML_TOO_DEEP\] error\n/);
    });
  });

  it.each([
    [['check', 'nope.yaml'], /^pm-rank: cannot read config nope\.yaml: no such file\n$/],
    [['check'], /^pm-rank: no scoring\.yaml in this folder/],
    [['check', EXAMPLE, '--format', 'xml'], /argument 'xml' is invalid/],
    [['check', EXAMPLE, '--data', 'missing.csv'], /^pm-rank: cannot read missing\.csv: no such file\n$/],
  ])('exits 2 when it cannot run: %j', async (args, stderr) => {
    await inTempDir(async (dir) => {
      const result = await runCli(args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(stderr);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('--data', () => {
    it('warns about segment values the map does not cover, with counts', async () => {
      // requests.csv lines 40-41: Oregon DHS's "Public Sector" on FR-103 and FR-112, in no other row -> 2 requests.
      const result = await runCli(['check', EXAMPLE, '--data', join(FIXTURES, 'requests.csv')]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('criteria.segment_fit.map: "Public Sector" in segment (2 requests) is not in the map');
      expect((await runCli(['check', EXAMPLE, '--data', join(FIXTURES, 'requests.csv'), '--strict'])).code).toBe(1);
    });

    it('flags an unused map key (no XS effort in the European export) at the key', async () => {
      const result = await runCli(['check', EXAMPLE, '--data', join(FIXTURES, 'europe-semicolon.csv'), '--format', 'json']);
      const issues = (JSON.parse(result.stdout) as { issues: { code: string; path: string; line: number; col: number }[] }).issues;
      // scoring.example.yaml line 81 is "      XS: 1": the key starts at col 7
      expect(issues).toContainEqual(expect.objectContaining({ code: 'MAP_KEY_UNUSED', path: 'criteria.effort.map.XS', line: 81, col: 7 }));
    });

    it('fails on a named column the export lacks', async () => {
      await inTempDir(async (dir) => {
        // "  segment: Tier" is line 3; the header value starts at col 12
        writeFileSync(
          join(dir, 'scoring.yaml'),
          `version: 1\ncolumns:\n  segment: Tier\ncriteria:\n  s: {weight: 1, field: segment, map: {Enterprise: 1}}\n`,
        );
        const result = await runCli(['check', '--data', join(FIXTURES, 'jira-issues.csv')], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(
          `scoring.yaml:3:12 columns.segment: ${join(FIXTURES, 'jira-issues.csv')} has no column "Tier" [COLUMN_NOT_FOUND] error`,
        );
      });
    });
  });
});
