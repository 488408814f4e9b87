import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, runCli, withTempDir } from '../helpers/exec.js';

/** The modules a run of the built CLI loads: the bundle's chunks, traced by a module hook, mapped to their sources by the bundler's metafile. */
function modulesLoadedBy(args: string[], env: Record<string, string> = {}): string[] {
  const chunks = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as Record<string, string[]>;
  return chunksLoadedBy(args, env).flatMap((url) => (url.startsWith('file:') ? (chunks[relative(ROOT, fileURLToPath(url))] ?? [url]) : []));
}

function chunksLoadedBy(args: string[], env: Record<string, string>): string[] {
  return withTempDir((dir) => {
    const trace = join(dir, 'trace.txt');
    const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-imports.js'), BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PM_RANK_TRACE: trace, ...env },
    });
    expect(result.status).toBe(0);
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  });
}

describe('start-up cost', () => {
  it('score never loads inquirer, though the tracer sees its lazily loaded modules', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json']);
    expect(loaded).toContain('src/commands/score.ts');
    expect(loaded.filter((path) => path.includes('@inquirer') || path.startsWith('src/prompts/'))).toEqual([]);
    // csv-parse is imported lazily, only for PM_RANK_CSV_PARSER=csv-parse: the tracer sees it then, and only then.
    expect(loaded.some((path) => path.startsWith('node_modules/csv-parse/'))).toBe(false);
    const withCsvParse = modulesLoadedBy(['score', 'fixtures/requests.csv', '--format', 'json'], { PM_RANK_CSV_PARSER: 'csv-parse' });
    expect(withCsvParse.some((path) => path.startsWith('node_modules/csv-parse/'))).toBe(true);
  });

  it('score on the default model loads neither the YAML parser nor the schema library', () => {
    const loaded = modulesLoadedBy(['score', 'fixtures/requests.csv']);
    expect(loaded).toContain('src/input/load-config.ts');
    expect(loaded.filter((path) => path.startsWith('node_modules/yaml/') || path.startsWith('node_modules/zod/'))).toEqual([]);
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
