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
  release(): Promise<void>;
}

/**
 * Marks the file as being triaged. The lock warns, it does not exclude: a second
 * session is told who else is at work and goes on, since every save merges.
 * A lock whose process is gone (same host, pid not running) is stale and replaced;
 * only then are temp files left by a killed session removed, as no writer can own them.
 */
export async function lockDecisions(path: string, decider: string): Promise<DecisionsLock> {
  const lockPath = `${path}.lock`;
  const me: LockHolder = { decider, pid: process.pid, host: hostname(), started: new Date().toISOString() };
  // Twice at most: once more after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, `${JSON.stringify(me, null, 2)}\n`, { flag: 'wx' });
      await removeLeftoverTemps(path);
      return { release: () => releaseLock(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break; // a read-only folder: no lock, and saving will say why
    }
    const other = await readHolder(lockPath);
    if (other && isRunning(other)) return { other, release: () => Promise.resolve() };
    await rm(lockPath, { force: true });
  }
  return { release: () => Promise.resolve() };
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
