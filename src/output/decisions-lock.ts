import { link, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../errors.js';
import { describeFsError } from '../input/source.js';
import { placeAtomic, removeLeftoverTemps, tempPathFor } from './write-atomic.js';

/** Who holds a lock beside a decisions file: FILE.lock for a triage session, FILE.save-lock for one save. */
export interface LockHolder {
  decider: string;
  pid: number;
  host: string;
  /** ISO time the session started, or the save. */
  started: string;
}

export interface DecisionsLock {
  /** The session already triaging this file, if another one is. */
  other?: LockHolder;
  /** Takes the lock over once its holder has gone, so a session started later still learns of this one. */
  keep(): Promise<void>;
  release(): Promise<void>;
}

/** A save takes milliseconds: a save lock this old belongs to a saver that hangs, or died on another host. */
export const SAVE_LOCK_STALE_MS = 10_000;
/** How long a save waits for another process's save before giving up. */
export const SAVE_LOCK_WAIT_MS = 2_000;

/**
 * Marks the file as being triaged. The lock warns, it does not exclude: a second
 * session is told who else is at work and goes on, since every save merges.
 * A lock whose process is gone (same host, pid not running) is stale and replaced;
 * at start that also removes the temp files a killed session left, as no writer owns them.
 */
export async function lockDecisions(path: string, decider: string): Promise<DecisionsLock> {
  const lockPath = `${path}.lock`;
  const me = holderNow(decider);
  // A folder where no lock can be made: no warning, and saving will say why.
  const takeSessionLock = () => takeLock(lockPath, me, isGone).catch((): Taken => ({ isHeld: false }));
  let taken = await takeSessionLock();
  if (taken.isHeld) await Promise.all([path, lockPath, saveLockPath(path)].map(removeLeftoverTemps));
  return {
    ...(taken.other ? { other: taken.other } : {}),
    keep: async () => {
      if (!taken.isHeld) taken = await takeSessionLock();
    },
    release: async () => {
      if (taken.isHeld) await releaseLock(lockPath, me);
    },
  };
}

/**
 * Runs one save (read, merge, write) holding FILE.save-lock, so no other process
 * saves the file between this one's read and its rename. Waits for another saver
 * up to `waitMs`, then gives up with the holder it waited for; breaks a stale lock.
 * A signal that would end the process mid-save is held back until the lock is released.
 */
export async function withSaveLock<T>(
  path: string,
  decider: string,
  save: () => Promise<T>,
  waitMs = SAVE_LOCK_WAIT_MS,
): Promise<{ isDone: true; value: T } | { isDone: false; heldBy?: LockHolder }> {
  const deadline = Date.now() + waitMs;
  let heldBy: LockHolder | undefined;
  for (let pause = 1; ; pause = Math.min(2 * pause, 50)) {
    const me = holderNow(decider);
    const taken = await takeSaveLock(path, me);
    if (taken.isHeld) return { isDone: true, value: await deferSignals(() => saveThenRelease(save, saveLockPath(path), me)) };
    heldBy = taken.other ?? heldBy;
    if (Date.now() >= deadline) return { isDone: false, ...(heldBy ? { heldBy } : {}) };
    await sleep(pause * (0.5 + Math.random())); // jittered, so two waiters do not retry in step
  }
}

/** A folder where no save lock can be made fails the save, as its write would. */
async function takeSaveLock(path: string, me: LockHolder): Promise<Taken> {
  const lockPath = saveLockPath(path);
  try {
    return await takeLock(lockPath, me, isStaleSave);
  } catch (error) {
    throw new InputError(`cannot save ${path}: cannot create ${lockPath}: ${describeFsError(error)}; nothing was changed`, {
      cause: error,
    });
  }
}

function saveLockPath(path: string): string {
  return `${path}.save-lock`;
}

function holderNow(decider: string): LockHolder {
  return { decider, pid: process.pid, host: hostname(), started: new Date().toISOString() };
}

function textOf(holder: LockHolder): string {
  return `${JSON.stringify(holder, null, 2)}\n`;
}

interface Taken {
  isHeld: boolean;
  other?: LockHolder;
}

/**
 * Creates the lock, whole or not at all (a temp file linked into place), breaking
 * a stale one; reports the live holder instead when there is one. Throws when no
 * file can be created there.
 */
async function takeLock(lockPath: string, me: LockHolder, isStale: (holder: LockHolder) => boolean): Promise<Taken> {
  // Twice at most: once more after breaking a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await placeAtomic(lockPath, textOf(me), { isExclusive: true });
      return { isHeld: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    const other = parseHolder(text);
    if (other && !isStale(other)) return { isHeld: false, other };
    await breakLock(lockPath, text);
  }
  return { isHeld: false };
}

/**
 * Removes the stale lock read as `text`. Moved aside first, not deleted: when two
 * processes break one stale lock, the slower one may move the winner's new lock
 * instead, and then puts it back. Exported for its test.
 */
export async function breakLock(lockPath: string, text: string): Promise<void> {
  const aside = await tempPathFor(lockPath);
  try {
    await rename(lockPath, aside);
  } catch {
    return; // gone already
  }
  if ((await readFile(aside, 'utf8').catch(() => undefined)) !== text) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

/** Removes the lock if it is still this one: a lock judged stale may have been replaced by another process's. */
async function releaseLock(lockPath: string, me: LockHolder): Promise<void> {
  if ((await readFile(lockPath, 'utf8').catch(() => undefined)) === textOf(me)) await rm(lockPath, { force: true });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as LockHolder) : undefined;
  } catch {
    return undefined; // not a lock pm-rank wrote: treated as stale
  }
}

function isStaleSave(holder: LockHolder): boolean {
  const age = Date.now() - Date.parse(holder.started);
  return isGone(holder) || !(age < SAVE_LOCK_STALE_MS); // an unreadable time (NaN) is no proof of life
}

/** On another host the pid cannot be checked, so that holder counts as running. */
function isGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM'; // EPERM: alive, owned by another user
  }
}

async function saveThenRelease<T>(save: () => Promise<T>, lockPath: string, me: LockHolder): Promise<T> {
  try {
    return await save();
  } finally {
    await releaseLock(lockPath, me);
  }
}

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `work`; a signal that would end the process meanwhile ends it only once `work` is done. */
async function deferSignals<T>(work: () => Promise<T>): Promise<T> {
  let caught: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => void (caught ??= signal);
  ENDING_SIGNALS.forEach((signal) => process.on(signal, hold));
  try {
    return await work();
  } finally {
    ENDING_SIGNALS.forEach((signal) => process.off(signal, hold));
    if (caught) process.kill(process.pid, caught);
  }
}
