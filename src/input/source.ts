import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';

/** An export to read: a path, or `-` for stdin. */
export interface Source {
  /** How messages name the source: the path as given, or `stdin`. */
  name: string;
  stream: Readable;
  /** Size in bytes when known (files), for progress and limits. */
  size?: number;
  /** The absolute path of a file, so another thread can open it too. */
  path?: string;
}

/**
 * 64 KB, not more: a chunk decodes to a string, and strings over 128 KB go
 * straight to V8's large-object space, which only a full collection frees.
 * With 1 MB chunks, reading the 1M-row benchmark export peaked at 178 MB of
 * memory for decoding and parsing alone; with 64 KB, at 59 MB.
 */
const CHUNK_BYTES = 64 * 1024;

export async function openSource(path: string, cwd: string, stdin: Readable): Promise<Source> {
  if (path === '-') return { name: 'stdin', stream: stdin };
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch((error: unknown) => {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`, { cause: error });
  });
  if (info.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory, expected a CSV file`);
  return fileSource(path, absolute, info.size);
}

/** A file known to exist, as a source named `name` in messages. */
export function fileSource(name: string, absolute: string, size: number): Source {
  const stream: ReadStream = createReadStream(absolute, { highWaterMark: CHUNK_BYTES });
  return { name, stream, size, path: absolute };
}

/** A file system error in plain words ("no such file", "permission denied"). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  return (code && words[code]) ?? (error instanceof Error ? error.message : String(error));
}
