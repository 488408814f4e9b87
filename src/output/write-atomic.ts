import { rmSync, statSync, type Stats } from 'node:fs';
import { chmod, link, lstat, readdir, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError } from '../input/source.js';
import { InputError, UsageError } from '../errors.js';

/**
 * Writes via a temp file beside the target and a rename, so a crash or a full
 * disk leaves either the old file or the new one, never half of either. A
 * symlink is written through (the link stays, its target is replaced, keeping
 * its mode); a character device or a pipe (/dev/null, /dev/stdout) is written
 * directly; a directory, block device or socket is refused.
 */
export async function writeAtomic(path: string, text: string, options: { isExclusive?: boolean; cwd?: string } = {}): Promise<void> {
  try {
    // Messages name the path as given; a relative one is the command's, not this process's (in-process runs differ).
    await placeAtomic(options.cwd === undefined ? path : resolve(options.cwd, path), text, options);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${path} already exists; pass --force to replace it`, { cause: error });
    throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing was changed`, { cause: error });
  }
}

/** writeAtomic's steps, throwing the file system's own errors: an exclusive write that finds the file gets EEXIST. */
export async function placeAtomic(path: string, text: string, options: { isExclusive?: boolean } = {}): Promise<void> {
  // link fails when the path exists, even as a link, so an exclusive write never replaces anything.
  if (options.isExclusive) return replaceFile(path, text, undefined, (temp) => link(temp, path));
  const info = await stat(path).catch(ifMissing(undefined));
  if (info && (info.isCharacterDevice() || info.isFIFO())) return writeFile(path, text);
  if (info && !info.isFile()) throw new UsageError(`cannot write ${path}: it is ${describeKind(info)}, not a file; choose a file name`);
  const target = await followLinks(path);
  return replaceFile(target, text, info, (temp) => rename(temp, target));
}

const TEMP_SUFFIX = '.tmp';

/** A new name beside `path` for a file on its way in or out; removeLeftoverTemps finds those a killed process left. */
export async function tempPathFor(path: string): Promise<string> {
  // Loaded here, not at start-up: crypto costs every run a few milliseconds, and most runs write to stdout.
  const { randomBytes } = await import('node:crypto');
  return join(dirname(path), `${tempPrefix(path)}${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** A temp file's name before its random part: 60 characters of the target's name at most, so it stays under the 255-byte limit on names. */
function tempPrefix(target: string): string {
  return `.${Array.from(basename(target)).slice(0, 60).join('')}.`;
}

/** Removes the temp files a killed writer of `path` left beside it; only call it when no writer of `path` runs. */
export async function removeLeftoverTemps(path: string): Promise<void> {
  const prefix = tempPrefix(path);
  const names = await readdir(dirname(path)).catch(() => []);
  const leftovers = names.filter(
    (n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX) && /^[0-9a-f]{8}$/.test(n.slice(prefix.length, -TEMP_SUFFIX.length)),
  );
  await Promise.all(leftovers.map((n) => rm(join(dirname(path), n), { force: true })));
}

/** Writes a temp file beside `target` (with the mode of the file it replaces) and hands it to `commit`; the temp file never outlives the call, not even a Ctrl+C. */
async function replaceFile(target: string, text: string, replaced: Stats | undefined, commit: (temp: string) => Promise<void>) {
  const temp = await tempPathFor(target);
  const removeOnSignal = (signal: NodeJS.Signals) => {
    rmSync(temp, { force: true });
    stopWatching();
    process.kill(process.pid, signal); // die of the signal as if unhandled, so the shell sees 130 or 143
  };
  const stopWatching = () => SIGNALS.forEach((signal) => process.off(signal, removeOnSignal));
  SIGNALS.forEach((signal) => process.once(signal, removeOnSignal));
  try {
    await writeFile(temp, text, { flag: 'wx' });
    if (replaced) await chmod(temp, replaced.mode & 0o7777);
    await commit(temp);
  } finally {
    stopWatching();
    // Cleanup must never hide the error that brought us here.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
/** Linux gives up after 40 links; so do we, instead of following a loop forever. */
const MAX_LINKS = 40;

/** The path a chain of symlinks ends at, which may not exist yet (a link to a new file writes that file); the rename goes there, leaving the links. */
async function followLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops += 1) {
    const info = await lstat(current).catch(ifMissing(undefined));
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

function ifMissing<T>(value: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };
}

function describeKind(info: Stats): string {
  return info.isDirectory() ? 'a directory' : info.isBlockDevice() ? 'a block device' : 'a socket';
}

/** Refuses an output path that is one of the inputs, also through a symlink or hard link: pm-rank never writes over what it reads. */
export function assertNotAnInput(output: string, inputs: readonly (string | undefined)[], cwd: string, flag = '-o'): void {
  const target = resolve(cwd, output);
  const targetId = fileId(target);
  const clash = inputs.find((input) => {
    if (!input || input === '-') return false;
    const path = resolve(cwd, input);
    return path === target || (targetId !== undefined && fileId(path) === targetId);
  });
  if (clash) throw new UsageError(`${flag} ${output} would overwrite the input ${clash}; choose another output file`);
}

/** Device and inode: the same for every name of one file. */
function fileId(path: string): string | undefined {
  try {
    const info = statSync(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined; // not there (yet): only the path comparison applies
  }
}
