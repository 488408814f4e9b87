import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT, PREVIOUS, SCORE_TO_OUT, withOutputDir } from '../helpers/output-dir.js';
import { runWithFault } from '../helpers/inject-fault.js';

describe('-o writes atomically', () => {
  it.each(['kill-mid-write', 'kill-before-rename'])(
    'a process killed during the write (%s) leaves the previous output intact',
    async (fault) => {
      await withOutputDir((dir) => {
        const result = runWithFault(fault, SCORE_TO_OUT, { cwd: dir });
        expect(result.code).toBeNull(); // killed by SIGKILL
        expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
        expect(readFileSync(join(dir, 'export.csv'), 'utf8')).toBe(EXPORT);
      });
    },
  );

  it.each(['SIGINT', 'SIGTERM'])('%s during the write removes the temp file and ends the process by that signal', async (signal) => {
    await withOutputDir((dir) => {
      const result = runWithFault('signal-mid-write', SCORE_TO_OUT, { cwd: dir, env: { PM_RANK_TEST_SIGNAL: signal } });
      expect(result.signal).toBe(signal); // a shell reports 130 or 143
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir).sort()).toEqual(['export.csv', 'out.csv', 'scoring.yaml']);
    });
  });

  it.each([
    ['enospc', 'the disk is full'],
    ['erofs', 'the file system is read-only'],
  ])('%s: one clear line, exit 2, previous output intact, no temp file left', async (fault, words) => {
    await withOutputDir((dir) => {
      const result = runWithFault(fault, SCORE_TO_OUT, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`pm-rank: cannot write out.csv: ${words}; nothing was changed\n`);
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir).sort()).toEqual(['export.csv', 'out.csv', 'scoring.yaml']);
    });
  });
});
