import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/pm-rank.js');
export const FIXTURES = join(ROOT, 'fixtures');

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  /** The signal that ended the process, when one did. */
  signal: NodeJS.Signals | null;
}

/** Runs the built CLI as a user would: a fresh process, no colour, in the given directory. */
export function runBuiltCli(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    timeout: 30000,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status, signal: result.signal };
}

/** A temp directory removed after the callback, so tests never write into the repo. */
export function withTempDir<T>(callback: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rank-test-'));
  try {
    return callback(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
