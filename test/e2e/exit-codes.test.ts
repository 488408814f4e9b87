import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runBuiltCli } from '../helpers/exec.js';
import { runWithFault } from '../helpers/inject-fault.js';

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?\n/;

describe('exit codes (README "Exit codes")', () => {
  it('0: a ranking', () => {
    expect(runBuiltCli(['score', 'fixtures/hubspot-deals.csv']).code).toBe(0);
  });

  it('1: findings, here a warning under --strict', () => {
    // requests.csv line 14 has Amount "TBD": a warning, which --strict makes a finding
    const result = runBuiltCli(['score', 'fixtures/requests.csv', '--strict']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^warning: fixtures\/requests.csv:14 /);
  });

  it('2: a usage or input error is one line, without a stack unless --debug', () => {
    const plain = runBuiltCli(['score', 'fixtures/requests.csv', '--encoding', 'klingon']);
    expect(plain.code).toBe(2);
    expect(plain.stderr.split('\n')).toHaveLength(2);
    expect(plain.stderr).not.toMatch(STACK_FRAME);
    const debug = runBuiltCli(['--debug', 'score', 'fixtures/requests.csv', '--encoding', 'klingon']);
    expect(debug.code).toBe(2);
    expect(debug.stderr.startsWith(plain.stderr)).toBe(true);
    expect(debug.stderr).toMatch(STACK_FRAME);
  });

  it('3: an unexpected error asks for a report; the stack only with --debug', () => {
    const plain = runWithFault('stdout-throws', ['score', 'fixtures/hubspot-deals.csv']);
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/^pm-rank: unexpected error: simulated bug\n.*--debug/);
    expect(plain.stderr).not.toMatch(STACK_FRAME);
    const debug = runWithFault('stdout-throws', ['--debug', 'score', 'fixtures/hubspot-deals.csv']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(STACK_FRAME);
  });

  it('130: a cancelled prompt', () => {
    const result = runWithFault('cancel', ['score', 'fixtures/hubspot-deals.csv']);
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('pm-rank: cancelled\n');
  });

  it('--help and --version exit 0; an unknown option or command exits 2', () => {
    expect(runBuiltCli(['--help']).code).toBe(0);
    expect(runBuiltCli(['--version']).code).toBe(0);
    expect(runBuiltCli(['score', 'fixtures/requests.csv', '--frobnicate']).code).toBe(2);
    expect(runBuiltCli(['frobnicate']).code).toBe(2);
  });
});

describe('a reader that stops early', () => {
  it('`pm-rank score ... | head -1` ends quietly with 0, not with an EPIPE stack', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'pm-rank-test-'));
    try {
      // 20,000 rows (2 MB of CSV) give far more output than the pipe buffer, so writing outlives the reader.
      writeFileSync(join(tmp, 'export.csv'), `Title,Amount\n${Array.from({ length: 20_000 }, (_, i) => `R${i},${i}`).join('\n')}\n`);
      const child = spawn(process.execPath, [BIN, 'score', 'export.csv', '--format', 'csv'], {
        cwd: tmp,
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(code).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

/** Runs the built CLI with its stderr a pipe already closed at the other end; resolves to the exit code. */
function runWithClosedStderr(args: string[], cwd: string): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.destroy();
  return new Promise((resolve) => child.on('close', resolve));
}

describe('a closed stderr', () => {
  it('changes neither the exit code nor the -o file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-stderr-'));
    try {
      // "TBD" is not an amount: a warning on stderr before the -o file is written
      writeFileSync(join(dir, 'export.csv'), 'Title,Amount\nA,TBD\nB,20\n');
      expect(await runWithClosedStderr(['score', 'export.csv', '--format', 'csv', '-o', 'out.csv'], dir)).toBe(0);
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^rank,id,title/);
      expect(await runWithClosedStderr(['score', 'nope.csv'], dir)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
