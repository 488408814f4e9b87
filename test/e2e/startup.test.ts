import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, runCli, withTempDir } from '../helpers/exec.js';

/** The module URLs a run of the built CLI resolves, traced by a module hook. */
function modulesLoadedBy(args: string[], env: Record<string, string> = {}): string[] {
  return withTempDir((dir) => {
    const trace = join(dir, 'trace.txt');
    const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-imports.js'), BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PM_RANK_TRACE: trace, ...env },
    });
    expect(result.status).toBe(0);
    return readFileSync(trace, 'utf8').split('\n');
  });
}

describe('start-up cost', () => {
  it('score never loads inquirer, though the tracer sees its lazily loaded modules', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json']);
    expect(loaded.some((url) => url.endsWith('/dist/commands/score.js'))).toBe(true);
    expect(loaded.filter((url) => url.includes('@inquirer') || url.includes('/dist/prompts/'))).toEqual([]);
    // csv-parse is imported lazily, only for PM_RANK_CSV_PARSER=csv-parse: the tracer sees it then, and only then.
    expect(loaded.some((url) => url.includes('/node_modules/csv-parse/'))).toBe(false);
    const withCsvParse = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json'], { PM_RANK_CSV_PARSER: 'csv-parse' });
    expect(withCsvParse.some((url) => url.includes('/node_modules/csv-parse/'))).toBe(true);
  });

  it('score on the default model loads neither the YAML parser nor the schema library', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv']);
    expect(loaded.filter((url) => url.includes('/node_modules/yaml/') || url.includes('/node_modules/zod/'))).toEqual([]);
  });

  it("the default model's build-time copy ranks exactly as parsing scoring.example.yaml does", () => {
    withTempDir((dir) => {
      const ranking = (args: string[]) => {
        const result = runCli(['score', join(FIXTURES, 'requests.csv'), '--format', 'json', '--as-of', '2026-06-01', ...args], {
          cwd: dir,
        });
        expect(result.code).toBe(0);
        return (JSON.parse(result.stdout) as { requests: unknown }).requests;
      };
      expect(ranking([])).toEqual(ranking(['--config', join(ROOT, 'scoring.example.yaml')]));
    });
  });
});
