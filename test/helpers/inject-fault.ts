import { join } from 'node:path';
import { ROOT, runBuiltCli } from './exec.js';

/** Runs the CLI with one fault injected by test/helpers/faults.js. */
export function runWithFault(fault: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return runBuiltCli(args, {
    ...options,
    env: { NODE_OPTIONS: `--import=${join(ROOT, 'test/helpers/faults.js')}`, PM_RANK_TEST_FAULT: fault, ...options.env },
  });
}
