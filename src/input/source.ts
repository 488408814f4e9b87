import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { describeBytes } from './limits.js';

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

/** A file that holds more than its reader allows; thrown before more than the limit is read. */
export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`over ${maxBytes} bytes`);
    this.name = 'TooLargeError';
  }
}

/**
 * A small text file (a config, decisions), read up to `maxBytes` and no further:
 * a name linked to /dev/zero or a pipe that never ends fails at the limit, not after eating memory.
 */
export async function readTextFile(absolute: string, maxBytes: number): Promise<string> {
  const file = await open(absolute, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - size));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return new TextDecoder().decode(Buffer.concat(chunks, size));
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (size > maxBytes) throw new TooLargeError(maxBytes);
    }
  } finally {
    await file.close();
  }
}

/** A file system error in plain words ("no such file", "permission denied"). */
export function describeFsError(error: unknown): string {
  if (error instanceof TooLargeError) return `it is over ${describeBytes(error.maxBytes)}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
    ENAMETOOLONG: 'the file name is too long',
    ELOOP: 'too many levels of symbolic links',
  };
  return (code && words[code]) ?? (error instanceof Error ? error.message : String(error));
}
