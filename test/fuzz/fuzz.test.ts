import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScore, type ScoreOptions } from '../../src/commands/score.js';
import { PmRankError } from '../../src/errors.js';
import { BIN } from '../helpers/exec.js';
import { fuzzCases, type FuzzCase } from './inputs.js';

// `npm run fuzz` raises these; the test suite runs a few seconds' worth.
const RUNS = Number(process.env.PM_RANK_FUZZ_RUNS ?? 150);
const SPAWNED_RUNS = Math.max(6, Math.round(RUNS / 25));
const TIMEOUT_MS = 10_000;
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?$/m;

function withCaseDir<T>(fuzzCase: FuzzCase, callback: (dir: string, args: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rank-fuzz-'));
  writeFileSync(join(dir, 'export.csv'), fuzzCase.csv);
  if (fuzzCase.config !== undefined) writeFileSync(join(dir, 'scoring.yaml'), fuzzCase.config);
  return callback(dir, ['score', 'export.csv', ...fuzzCase.flags]).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** The flags as runScore options, parsed as cli.ts does for the few flags the fuzzer uses. */
function optionsOf(flags: string[]): ScoreOptions {
  const value = (flag: string) => flags[flags.indexOf(flag) + 1];
  return {
    format: flags.includes('--format') ? 'json' : 'table',
    isStrict: flags.includes('--strict'),
    ...(flags.includes('--top') ? { top: Number(value('--top')) } : {}),
    ...(flags.includes('--decimal-comma') ? { isDecimalComma: true } : {}),
    ...(flags.includes('--delimiter') ? { delimiter: value('--delimiter')! } : {}),
    ...(flags.includes('--encoding') ? { encoding: value('--encoding')! } : {}),
  };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('hung')), TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the score command in this process: it must return 0 or 1, or throw a PmRankError (exit 2). */
async function scoreInProcess(fuzzCase: FuzzCase): Promise<void> {
  await withCaseDir(fuzzCase, async (dir) => {
    const sink = { write: () => true };
    const context = { cwd: dir, stdin: Readable.from([]), stdout: sink, stderr: sink, isColor: false };
    try {
      expect([0, 1]).toContain(await withTimeout(runScore('export.csv', optionsOf(fuzzCase.flags), context)));
    } catch (error) {
      if (!(error instanceof PmRankError)) throw error;
      expect(error.message).not.toMatch(STACK_FRAME);
    }
  });
}

/** Runs the built CLI: it must end in time with 0, 1 or 2, and never print a stack or a Node warning. */
async function scoreSpawned(fuzzCase: FuzzCase): Promise<void> {
  await withCaseDir(fuzzCase, async (dir, args) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeout: TIMEOUT_MS });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    expect(signal, 'killed: it hung').toBeNull();
    expect([0, 1, 2], stderr).toContain(code);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(/unexpected error|\(node:\d+\)/);
  });
}

describe('fuzzing: hostile exports and configs end in a result or a clear error', () => {
  it(
    `in process: ${RUNS} cases`,
    async () => {
      await fc.assert(fc.asyncProperty(fuzzCases, scoreInProcess), { numRuns: RUNS });
    },
    120_000 + RUNS * 200,
  );

  it(
    `the built CLI: ${SPAWNED_RUNS} cases`,
    async () => {
      await fc.assert(fc.asyncProperty(fuzzCases, scoreSpawned), { numRuns: SPAWNED_RUNS });
    },
    60_000 + SPAWNED_RUNS * 2_000,
  );
});
