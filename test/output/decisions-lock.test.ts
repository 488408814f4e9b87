import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDecisions } from '../../src/output/decisions-lock.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-lock-'));
  path = join(dir, 'decisions.yaml');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const holder = () => JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as { decider: string };
// Above Linux's largest pid (2^22): no process has it, so its lock is stale.
const DEAD_PID = 4194305;

describe('lockDecisions', () => {
  it('tells a second session about the first, and the first keeps its lock until it releases it', async () => {
    const first = await lockDecisions(path, 'ann');
    const second = await lockDecisions(path, 'bob');
    expect(first.other).toBeUndefined();
    expect(second.other).toMatchObject({ decider: 'ann', pid: process.pid, host: hostname() });
    await second.keep();
    await second.release();
    expect(holder().decider).toBe('ann');
    await first.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is taken over by a running session once its holder has died, so a third session hears of the second', async () => {
    await lockDecisions(path, 'ann');
    const second = await lockDecisions(path, 'bob');
    writeFileSync(`${path}.lock`, JSON.stringify({ ...holder(), pid: DEAD_PID })); // ann killed with -9
    await second.keep();
    expect(holder().decider).toBe('bob');
    expect((await lockDecisions(path, 'cat')).other?.decider).toBe('bob');
  });

  it('counts a lock from another host as live, since its pid cannot be checked there', async () => {
    writeFileSync(`${path}.lock`, JSON.stringify({ decider: 'dan', pid: DEAD_PID, host: `not-${hostname()}`, started: 'x' }));
    expect((await lockDecisions(path, 'ann')).other?.decider).toBe('dan');
  });
});
