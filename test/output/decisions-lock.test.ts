import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/errors.js';
import { breakLock, lockDecisions, SAVE_LOCK_STALE_MS, withSaveLock } from '../../src/output/decisions-lock.js';

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

describe('withSaveLock', () => {
  const saveLock = () => `${path}.save-lock`;
  const lockOf = (holder: object) => writeFileSync(saveLock(), JSON.stringify({ decider: 'bob', host: hostname(), ...holder }));
  const save = vi.fn(() => {
    expect(readFileSync(saveLock(), 'utf8')).toContain('"decider": "ann"'); // held by this save while it runs
    return Promise.resolve('written');
  });
  beforeEach(() => void save.mockClear());

  it.each([
    ['its pid is dead on this host', { pid: DEAD_PID, started: new Date().toISOString() }],
    // process.pid is running; another host's pid cannot be checked: age alone makes these stale.
    [
      'it is older than the bound though its pid runs',
      { pid: process.pid, started: new Date(Date.now() - SAVE_LOCK_STALE_MS - 1000).toISOString() },
    ],
    ['it is older than the bound on another host', { pid: DEAD_PID, host: `not-${hostname()}`, started: '2026-01-01T00:00:00.000Z' }],
    ['its time cannot be read', { pid: process.pid, started: 'yesterday' }],
  ])('breaks a save lock left behind when %s, saves, and leaves no lock', async (_, holder) => {
    lockOf(holder);
    expect(await withSaveLock(path, 'ann', save)).toEqual({ isDone: true, value: 'written' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks a save lock that is not a lock pm-rank wrote (empty, or not JSON)', async () => {
    writeFileSync(saveLock(), '');
    expect(await withSaveLock(path, 'ann', save)).toMatchObject({ isDone: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a live saver, and gives up with who holds the lock when the wait is over, saving nothing', async () => {
    lockOf({ pid: process.pid, started: new Date().toISOString() });
    const held = readFileSync(saveLock(), 'utf8');
    expect(await withSaveLock(path, 'ann', save, 30)).toMatchObject({ isDone: false, heldBy: { decider: 'bob', pid: process.pid } });
    expect(save).not.toHaveBeenCalled();
    expect(readFileSync(saveLock(), 'utf8')).toBe(held);
  });

  it('saves once the live saver it waits for is done', async () => {
    lockOf({ pid: process.pid, started: new Date().toISOString() });
    setTimeout(() => rmSync(saveLock()), 50); // the other save done while this one waits
    expect(await withSaveLock(path, 'ann', save)).toEqual({ isDone: true, value: 'written' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lets one save at a time run, among savers that all start on the same stale lock', async () => {
    let [running, most] = [0, 0];
    const slowSave = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
    };
    for (let round = 0; round < 10; round++) {
      lockOf({ pid: DEAD_PID, started: new Date().toISOString() });
      const saves = await Promise.all(['ann', 'bob', 'cat'].map((decider) => withSaveLock(path, decider, slowSave)));
      expect(saves.map((s) => s.isDone)).toEqual([true, true, true]);
    }
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never removes a lock another saver put in place after the stale one was read, as a plain delete would', async () => {
    lockOf({ pid: DEAD_PID, started: new Date().toISOString() });
    const stale = readFileSync(saveLock(), 'utf8');
    lockOf({ decider: 'cat', pid: process.pid, started: new Date().toISOString() }); // cat broke it first and took the lock
    const cats = readFileSync(saveLock(), 'utf8');
    await breakLock(saveLock(), stale);
    expect(readFileSync(saveLock(), 'utf8')).toBe(cats);
    expect(readdirSync(dir)).toEqual(['decisions.yaml.save-lock']);
    await breakLock(saveLock(), cats);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('releases the lock when the save fails', async () => {
    await expect(withSaveLock(path, 'ann', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with the path and the reason when no lock can be made there', async () => {
    const missing = join(dir, 'gone', 'decisions.yaml');
    await expect(withSaveLock(missing, 'ann', save)).rejects.toThrow(InputError);
    await expect(withSaveLock(missing, 'ann', save)).rejects.toThrow(
      `cannot save ${missing}: cannot create ${missing}.save-lock: no such file`,
    );
  });
});
