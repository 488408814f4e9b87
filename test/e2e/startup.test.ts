import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, runBuiltCli, withTempDir } from '../helpers/exec.js';

/**
 * The files a run of the built CLI loads, relative to the repository. Our own code is one bundle, so
 * what shows is which packages kept out of it (yaml, zod, the prompts, csv-parse) a command required.
 */
function modulesLoadedBy(args: string[], env: Record<string, string> = {}): string[] {
  return withTempDir((dir) => {
    const trace = join(dir, 'trace.txt');
    const result = spawnSync(process.execPath, ['--require', join(ROOT, 'test/helpers/trace-requires.cjs'), BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PM_RANK_TRACE: trace, ...env },
    });
    expect(result.status).toBe(0);
    return readFileSync(trace, 'utf8')
      .split('\n')
      .map((file) => relative(ROOT, file));
  });
}

const fromPackage = (loaded: string[], name: string) => loaded.filter((file) => file.startsWith(`node_modules/${name}/`));

describe('start-up cost', () => {
  it('score never loads inquirer, though the tracer sees packages a command requires on first use', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json']);
    expect(loaded).toContain('dist/bundle/cli.js');
    expect(fromPackage(loaded, '@inquirer')).toEqual([]);
    // csv-parse is required only for PM_RANK_CSV_PARSER=csv-parse: the tracer sees it then, and only then.
    expect(fromPackage(loaded, 'csv-parse')).toEqual([]);
    const withCsvParse = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json'], { PM_RANK_CSV_PARSER: 'csv-parse' });
    expect(fromPackage(withCsvParse, 'csv-parse')).not.toEqual([]);
  });

  it('score on the default model loads neither the YAML parser nor the schema library; check does', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv']);
    expect([...fromPackage(loaded, 'yaml'), ...fromPackage(loaded, 'zod')]).toEqual([]);
    const checked = modulesLoadedBy(['check', 'scoring.example.yaml']);
    expect(fromPackage(checked, 'yaml')).not.toEqual([]);
    expect(fromPackage(checked, 'zod')).not.toEqual([]);
  });

  it('only an .xlsx export loads the spreadsheet library', () => {
    expect(fromPackage(modulesLoadedBy(['score', 'fixtures/requests.csv']), '@e965/xlsx')).toEqual([]);
    expect(fromPackage(modulesLoadedBy(['score', 'fixtures/exports/excel-crm-export.xlsx']), '@e965/xlsx')).not.toEqual([]);
  });

  it("the default model's build-time copy ranks exactly as parsing scoring.example.yaml does", () => {
    withTempDir((dir) => {
      const ranking = (args: string[]) => {
        const result = runBuiltCli(['score', join(FIXTURES, 'requests.csv'), '--format', 'json', '--as-of', '2026-06-01', ...args], {
          cwd: dir,
        });
        expect(result.code).toBe(0);
        return (JSON.parse(result.stdout) as { requests: unknown }).requests;
      };
      expect(ranking([])).toEqual(ranking(['--config', join(ROOT, 'scoring.example.yaml')]));
    });
  });
});
