import { inflateRawSync } from 'node:zlib';

/** One file in a zip, as its central directory states it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  compressedSize: number;
  /** The size it says it unpacks to; a zip bomb's may lie (see inflatesAsStated). */
  size: number;
  /** Where its local header starts. */
  offset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

/** The entries of a zip's central directory; undefined when it has none that can be read (cut short, or not a zip after all). */
export function listZipEntries(bytes: Buffer): ZipEntry[] | undefined {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return undefined;
  const entries: ZipEntry[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let count = bytes.readUInt16LE(end + 10); count > 0; count -= 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const nameEnd = at + 46 + bytes.readUInt16LE(at + 28);
    entries.push({
      name: bytes.toString('utf8', at + 46, nameEnd),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    });
    at = nameEnd + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The end record sits in the last 22 bytes, or before a comment of up to 64 KB. */
function findEndOfDirectory(bytes: Buffer): number {
  const last = bytes.length - END_RECORD_BYTES;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT_BYTES; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/**
 * Whether the entry unpacks to no more than the size it states. Node's zlib
 * stops at `maxOutputLength`, so a lying entry costs at most its stated size
 * in memory, and the spreadsheet library, which trusts no size, is only ever
 * given entries checked here.
 */
export function inflatesAsStated(bytes: Buffer, entry: ZipEntry): boolean {
  if (entry.offset + 30 > bytes.length || bytes.readUInt32LE(entry.offset) !== LOCAL_HEADER) return false;
  const start = entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length === entry.size;
  if (entry.method !== 8) return false;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) }).length === entry.size;
  } catch {
    return false;
  }
}
