import { chmodSync, linkSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT, MODEL, PREVIOUS, SCORE_TO_OUT, withOutputDir } from '../helpers/output-dir.js';
import { runCli } from '../helpers/run-cli.js';

describe('-o writes atomically', () => {
  // root ignores permission bits, so this runs only as an ordinary user; the erofs case (test/e2e/output-files.test.ts) covers root.
  it.skipIf(process.getuid?.() === 0)('a read-only folder is a clear error', async () => {
    await withOutputDir(async (dir) => {
      chmodSync(dir, 0o555);
      try {
        const result = await runCli(SCORE_TO_OUT, { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('pm-rank: cannot write out.csv: permission denied; nothing was changed\n');
        expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  });

  it('a folder that does not exist is a clear error', async () => {
    await withOutputDir(async (dir) => {
      const result = await runCli(['score', 'export.csv', '-o', 'nope/out.csv'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('pm-rank: cannot write nope/out.csv: no such file; nothing was changed\n');
    });
  });
});

describe('-o never writes over an input', () => {
  it.each([
    ['the same path spelled differently', (dir: string) => join(dir, '.', 'sub', '..', 'export.csv')],
    ['a symlink to the input', (dir: string) => (symlinkSync(join(dir, 'export.csv'), join(dir, 'link.csv')), 'link.csv')],
    ['a hard link to the input', (dir: string) => (linkSync(join(dir, 'export.csv'), join(dir, 'hard.csv')), 'hard.csv')],
  ])('%s', async (_, outputOf) => {
    await withOutputDir(async (dir) => {
      const result = await runCli(['score', 'export.csv', '-o', outputOf(dir)], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/would overwrite the input export.csv/);
      expect(readFileSync(join(dir, 'export.csv'), 'utf8')).toBe(EXPORT);
    });
  });

  it('nor over the config', async () => {
    await withOutputDir(async (dir) => {
      const result = await runCli(['score', 'export.csv', '-c', 'scoring.yaml', '-o', 'scoring.yaml'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/would overwrite the input scoring.yaml/);
      expect(readFileSync(join(dir, 'scoring.yaml'), 'utf8')).toBe(MODEL);
    });
  });
});
