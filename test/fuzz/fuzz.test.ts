import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
// PM_RANK_FUZZ_SEED repeats a run (fast-check prints the seed of any failure); unset, each run draws new cases.
const SEED = process.env.PM_RANK_FUZZ_SEED ? { seed: Number(process.env.PM_RANK_FUZZ_SEED) } : {};
const TIMEOUT_MS = 10_000;
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?$/m;

function withCaseDir(fuzzCase: FuzzCase, callback: (dir: string, args: string[]) => Promise<number | undefined>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rank-fuzz-'));
  writeFileSync(join(dir, 'export.csv'), fuzzCase.csv);
  if (fuzzCase.config !== undefined) writeFileSync(join(dir, 'scoring.yaml'), fuzzCase.config);
  return callback(dir, ['score', fuzzCase.isStdin ? '-' : 'export.csv', ...fuzzCase.flags])
    .then((code) => expectOutputFile(dir, fuzzCase.flags, code))
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** -o leaves the result when the run succeeded, and never a temp file. */
function expectOutputFile(dir: string, flags: string[], code: number | undefined): void {
  const files = readdirSync(dir);
  expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  if (flags.includes('-o') && (code === 0 || code === 1)) expect(files).toContain('out.txt');
}

/** The flags as runScore options, parsed as cli.ts does for the few flags the fuzzer uses. */
function optionsOf(flags: string[]): ScoreOptions {
  const value = (flag: string) => flags[flags.indexOf(flag) + 1];
  return {
    format: flags.includes('--format') ? (value('--format') as 'json' | 'csv') : 'table',
    ...(flags.includes('-o') ? { output: value('-o')! } : {}),
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
    const stdin = Readable.from(fuzzCase.isStdin ? [Buffer.from(fuzzCase.csv)] : []);
    const context = { cwd: dir, stdin, stdout: sink, stderr: sink, isColor: false };
    try {
      const code = await withTimeout(runScore(fuzzCase.isStdin ? '-' : 'export.csv', optionsOf(fuzzCase.flags), context));
      expect([0, 1]).toContain(code);
      return code;
    } catch (error) {
      if (!(error instanceof PmRankError)) throw error;
      expect(error.message).not.toMatch(STACK_FRAME);
      return 2;
    }
  });
}

/** Runs the built CLI: it must end in time with 0, 1 or 2, and never print a stack or a Node warning. */
async function scoreSpawned(fuzzCase: FuzzCase): Promise<void> {
  await withCaseDir(fuzzCase, async (dir, args) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeout: TIMEOUT_MS });
    child.stdin.end(fuzzCase.isStdin ? Buffer.from(fuzzCase.csv) : undefined);
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
    return code ?? undefined;
  });
}

describe('fuzzing: hostile exports and configs end in a result or a clear error', () => {
  it(
    `in process: ${RUNS} cases`,
    async () => {
      await fc.assert(fc.asyncProperty(fuzzCases, scoreInProcess), { numRuns: RUNS, ...SEED });
    },
    120_000 + RUNS * 200,
  );

  it(
    `the built CLI: ${SPAWNED_RUNS} cases`,
    async () => {
      await fc.assert(fc.asyncProperty(fuzzCases, scoreSpawned), { numRuns: SPAWNED_RUNS, ...SEED });
    },
    60_000 + SPAWNED_RUNS * 2_000,
  );
});
