import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { removeLeftoverTemps } from './write-atomic.js';

/** Who is triaging a decisions file: written beside it as FILE.lock. */
export interface LockHolder {
  decider: string;
  pid: number;
  host: string;
  /** ISO time the session started. */
  started: string;
}

export interface DecisionsLock {
  /** The session already triaging this file, if another one is. */
  other?: LockHolder;
  /** Takes the lock over once its holder has gone, so a session started later still learns of this one. */
  keep(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Marks the file as being triaged. The lock warns, it does not exclude: a second
 * session is told who else is at work and goes on, since every save merges.
 * A lock whose process is gone (same host, pid not running) is stale and replaced;
 * at start that also removes the temp files a killed session left, as no writer owns them.
 */
export async function lockDecisions(path: string, decider: string): Promise<DecisionsLock> {
  const lockPath = `${path}.lock`;
  const me: LockHolder = { decider, pid: process.pid, host: hostname(), started: new Date().toISOString() };
  let taken = await takeLock(lockPath, me);
  if (taken.isHeld) await removeLeftoverTemps(path);
  return {
    ...(taken.other ? { other: taken.other } : {}),
    keep: async () => {
      if (!taken.isHeld) taken = await takeLock(lockPath, me);
    },
    release: async () => {
      if (taken.isHeld) await releaseLock(lockPath);
    },
  };
}

/** Creates the lock, replacing a stale one; reports the live holder instead when there is one. */
async function takeLock(lockPath: string, me: LockHolder): Promise<{ isHeld: boolean; other?: LockHolder }> {
  // Twice at most: once more after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, `${JSON.stringify(me, null, 2)}\n`, { flag: 'wx' });
      return { isHeld: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break; // a read-only folder: no lock, and saving will say why
    }
    const other = await readHolder(lockPath);
    if (other && isRunning(other)) return { isHeld: false, other };
    await rm(lockPath, { force: true });
  }
  return { isHeld: false };
}

/** Removes the lock if it is still this process's: a later session may have replaced a lock it judged stale. */
async function releaseLock(lockPath: string): Promise<void> {
  const holder = await readHolder(lockPath);
  if (holder?.pid === process.pid && holder.host === hostname()) await rm(lockPath, { force: true });
}

async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as LockHolder) : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** On another host the pid cannot be checked, so that lock counts as live. */
function isRunning(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}
