import { chmodSync, linkSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../helpers/exec.js';
import { runWithFault } from '../helpers/inject-fault.js';

const EXPORT = 'Title,Amount\nA,100\nB,20\n';
const PREVIOUS = 'the previous ranking\n';
const MODEL = 'version: 1\ncriteria:\n  m: {weight: 1, field: deal_value, scale: log, max: 100}\n';

/** An export, a model for it (so no missing-column warnings) and a previous output in a temp dir. */
function withOutputDir(callback: (dir: string) => void): void {
  withTempDir((dir) => {
    writeFileSync(join(dir, 'export.csv'), EXPORT);
    writeFileSync(join(dir, 'scoring.yaml'), MODEL);
    writeFileSync(join(dir, 'out.csv'), PREVIOUS);
    callback(dir);
  });
}

const SCORE_TO_OUT = ['score', 'export.csv', '--format', 'csv', '-o', 'out.csv'];

describe('-o writes atomically', () => {
  it.each(['kill-mid-write', 'kill-before-rename'])('a process killed during the write (%s) leaves the previous output intact', (fault) => {
    withOutputDir((dir) => {
      const result = runWithFault(fault, SCORE_TO_OUT, { cwd: dir });
      expect(result.code).toBeNull(); // killed by SIGKILL
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      expect(readFileSync(join(dir, 'export.csv'), 'utf8')).toBe(EXPORT);
    });
  });

  it.each(['SIGINT', 'SIGTERM'])('%s during the write removes the temp file and ends the process by that signal', (signal) => {
    withOutputDir((dir) => {
      const result = runWithFault('signal-mid-write', SCORE_TO_OUT, { cwd: dir, env: { PM_RANK_TEST_SIGNAL: signal } });
      expect(result.signal).toBe(signal); // a shell reports 130 or 143
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir).sort()).toEqual(['export.csv', 'out.csv', 'scoring.yaml']);
    });
  });

  it.each([
    ['enospc', 'the disk is full'],
    ['erofs', 'the file system is read-only'],
  ])('%s: one clear line, exit 2, previous output intact, no temp file left', (fault, words) => {
    withOutputDir((dir) => {
      const result = runWithFault(fault, SCORE_TO_OUT, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`pm-rank: cannot write out.csv: ${words}; nothing was changed\n`);
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir).sort()).toEqual(['export.csv', 'out.csv', 'scoring.yaml']);
    });
  });

  // root ignores permission bits, so this runs only as an ordinary user; the erofs case above covers root.
  it.skipIf(process.getuid?.() === 0)('a read-only folder is a clear error', () => {
    withOutputDir((dir) => {
      chmodSync(dir, 0o555);
      try {
        const result = runCli(SCORE_TO_OUT, { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('pm-rank: cannot write out.csv: permission denied; nothing was changed\n');
        expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  });

  it('a folder that does not exist is a clear error', () => {
    withOutputDir((dir) => {
      const result = runCli(['score', 'export.csv', '-o', 'nope/out.csv'], { cwd: dir });
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
  ])('%s', (_, outputOf) => {
    withOutputDir((dir) => {
      const result = runCli(['score', 'export.csv', '-o', outputOf(dir)], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/would overwrite the input export.csv/);
      expect(readFileSync(join(dir, 'export.csv'), 'utf8')).toBe(EXPORT);
    });
  });

  it('nor over the config', () => {
    withOutputDir((dir) => {
      const result = runCli(['score', 'export.csv', '-c', 'scoring.yaml', '-o', 'scoring.yaml'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/would overwrite the input scoring.yaml/);
      expect(readFileSync(join(dir, 'scoring.yaml'), 'utf8')).toBe(MODEL);
    });
  });
});
