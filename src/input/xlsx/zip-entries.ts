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

/** The entries of a zip's central directory; undefined when it has none that can be read (cut short, zip64, or not a zip after all). */
export function listZipEntries(bytes: Buffer): ZipEntry[] | undefined {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return undefined;
  const entries: ZipEntry[] = [];
  let at = bytes.readUInt32LE(end + 16);
  for (let count = bytes.readUInt16LE(end + 10); count > 0; count -= 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const nameEnd = at + 46 + bytes.readUInt16LE(at + 28);
    const extraEnd = nameEnd + bytes.readUInt16LE(at + 30);
    if (hasZip64Sizes(bytes, nameEnd, extraEnd)) return undefined;
    entries.push({
      name: bytes.toString('utf8', at + 46, nameEnd),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    });
    at = extraEnd + bytes.readUInt16LE(at + 32);
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
 * Whether the entry unpacks to exactly the size it states. Node's zlib stops
 * at `maxOutputLength`, so a lying entry costs at most its stated size in
 * memory. The spreadsheet library trusts no size but sizes its buffers by the
 * local header, so that must agree with the directory, and carry no zip64
 * sizes of its own.
 */
export function inflatesAsStated(bytes: Buffer, entry: ZipEntry): boolean {
  const local = entry.offset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) return false;
  const isSizedAfterData = (bytes.readUInt16LE(local + 6) & 8) !== 0 && bytes.readUInt32LE(local + 22) === 0;
  if (!isSizedAfterData && (bytes.readUInt32LE(local + 18) !== entry.compressedSize || bytes.readUInt32LE(local + 22) !== entry.size)) {
    return false;
  }
  const extraStart = local + 30 + bytes.readUInt16LE(local + 26);
  const start = extraStart + bytes.readUInt16LE(local + 28);
  if (hasZip64Sizes(bytes, extraStart, start)) return false;
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length === entry.size;
  if (entry.method !== 8) return false;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) }).length === entry.size;
  } catch {
    return false;
  }
}

/** Whether an extra field between `from` and `to` holds zip64 sizes (header id 1): no workbook under the size limits needs them. */
function hasZip64Sizes(bytes: Buffer, from: number, to: number): boolean {
  for (let at = from; at + 4 <= Math.min(to, bytes.length); at += 4 + bytes.readUInt16LE(at + 2)) {
    if (bytes.readUInt16LE(at) === 1) return true;
  }
  return false;
}
