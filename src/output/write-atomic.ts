import { statSync } from 'node:fs';
import { link, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError } from '../input/source.js';
import { InputError, UsageError } from '../errors.js';

/**
 * Writes via a temp file in the same folder and a rename, so a crash or a full
 * disk leaves either the old file or the new one, never half of either.
 */
export async function writeAtomic(path: string, text: string, options: { isExclusive?: boolean } = {}): Promise<void> {
  try {
    await placeAtomic(path, text, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${path} already exists; pass --force to replace it`, { cause: error });
    throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing was changed`, { cause: error });
  }
}

/** writeAtomic's temp file and rename, throwing the file system's own errors: an exclusive write that finds the file gets EEXIST. */
export async function placeAtomic(path: string, text: string, options: { isExclusive?: boolean } = {}): Promise<void> {
  const temp = await tempPathFor(path);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    // link fails when the target exists, so an exclusive write can never replace a file created meanwhile.
    if (options.isExclusive) await link(temp, path);
    else await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}

const TEMP_SUFFIX = '.tmp';

/** A new name beside `path` for a file on its way in or out; removeLeftoverTemps finds those a killed process left. */
export async function tempPathFor(path: string): Promise<string> {
  // Loaded here, not at start-up: crypto costs every run a few milliseconds, and most runs write to stdout.
  const { randomBytes } = await import('node:crypto');
  return join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** Removes the temp files a killed writer of `path` left beside it; only call it when no writer of `path` runs. */
export async function removeLeftoverTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => []);
  const leftovers = names.filter(
    (n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX) && /^[0-9a-f]{8}$/.test(n.slice(prefix.length, -TEMP_SUFFIX.length)),
  );
  await Promise.all(leftovers.map((n) => rm(join(dirname(path), n), { force: true })));
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
