import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runProgram } from '../../src/cli.js';
import { terminalColumns } from '../../src/context.js';
import { ROOT } from './exec.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CliOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
}

/** As a spawned run sees it (helpers/exec.ts): no colour; CI, since these streams are no terminal to prompt on. */
const BASE_ENV = { NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };

let isRunning = false;

/**
 * Runs a command line through the program in this process, as the built bin would in a fresh one on pipes:
 * stdin from `input`, stdout and stderr captured, exit code as cli.ts maps it. The program reads the
 * environment when a command runs, so `env` is set for the run and restored after it.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (isRunning) throw new Error('runCli: one run at a time, since each sets process.env');
  isRunning = true;
  const env: Record<string, string> = { ...BASE_ENV, ...options.env };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const stdout = capture();
  const stderr = capture();
  try {
    const code = await runProgram(args, {
      cwd: options.cwd ?? ROOT,
      stdin: Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
      stdout,
      stderr,
      isColor: false,
      isProgress: false,
      columns: terminalColumns(env.COLUMNS, undefined),
    });
    return { stdout: stdout.text(), stderr: stderr.text(), code };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    isRunning = false;
  }
}

function capture() {
  const chunks: string[] = [];
  return {
    write: (text: string | Uint8Array) => chunks.push(typeof text === 'string' ? text : Buffer.from(text).toString('utf8')),
    text: () => chunks.join(''),
  };
}

/** A temp directory removed after the callback settles, so tests never write into the repo. */
export async function inTempDir<T>(callback: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pm-rank-test-'));
  try {
    return await callback(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
