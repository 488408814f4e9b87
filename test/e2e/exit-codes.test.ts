import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/exec.js';
import { runWithFault } from '../helpers/inject-fault.js';

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?\n/;

describe('exit codes (README "Exit codes")', () => {
  it('0: a ranking', () => {
    expect(runCli(['score', 'fixtures/hubspot-deals.csv']).code).toBe(0);
  });

  it('1: findings, here a warning under --strict', () => {
    // requests.csv line 14 has Amount "TBD": a warning, which --strict makes a finding
    const result = runCli(['score', 'fixtures/requests.csv', '--strict']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^warning: fixtures\/requests.csv:14 /);
  });

  it('2: a usage or input error is one line, without a stack unless --debug', () => {
    const plain = runCli(['score', 'fixtures/requests.csv', '--encoding', 'klingon']);
    expect(plain.code).toBe(2);
    expect(plain.stderr.split('\n')).toHaveLength(2);
    expect(plain.stderr).not.toMatch(STACK_FRAME);
    const debug = runCli(['--debug', 'score', 'fixtures/requests.csv', '--encoding', 'klingon']);
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
    expect(runCli(['--help']).code).toBe(0);
    expect(runCli(['--version']).code).toBe(0);
    expect(runCli(['score', 'fixtures/requests.csv', '--frobnicate']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});
