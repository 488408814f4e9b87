/** What an export's first bytes say it is: text (read as CSV), a zip (an .xlsx, perhaps), or a binary file pm-rank cannot read. */
export type Sniffed = { kind: 'text' } | { kind: 'zip' } | { kind: 'binary'; type: string };

/** A zip's local file header, or the end record of an empty one. */
const ZIP_MAGIC = ['PK\x03\x04', 'PK\x05\x06'];

/** Magic numbers of the binary files people pass by mistake, as latin1 strings, and what to call them. */
const SIGNATURES: readonly (readonly [magic: string, type: string])[] = [
  ['%PDF-', 'a PDF document'],
  ['\x89PNG\r\n\x1a\n', 'a PNG image'],
  ['\xff\xd8\xff', 'a JPEG image'],
  ['GIF87a', 'a GIF image'],
  ['GIF89a', 'a GIF image'],
  ['\x1f\x8b', 'a gzip archive'],
  ['\xfd7zXZ\x00', 'an xz archive'],
  ['7z\xbc\xaf\x27\x1c', 'a 7-Zip archive'],
  ['Rar!\x1a\x07', 'a RAR archive'],
  ['\x28\xb5\x2f\xfd', 'a zstd archive'],
  ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'an Excel 97-2003 workbook (.xls), a password-protected workbook, or another old Office file'],
  ['SQLite format 3\x00', 'an SQLite database'],
  ['\x7fELF', 'a program'],
];

/** At least this share of NUL bytes, and no UTF-16 byte-order mark: binary (a stray NUL in a CSV cell is allowed). */
const NUL_SHARE = 0.01;

/** Sniffs `head`, an export's first bytes; with `isEncodingGiven`, NUL bytes are the user's business (UTF-16 without a BOM). */
export function sniff(head: Uint8Array, isEncodingGiven: boolean): Sniffed {
  const start = Buffer.from(head.subarray(0, 16)).toString('latin1');
  if (ZIP_MAGIC.some((magic) => start.startsWith(magic))) return { kind: 'zip' };
  const known = SIGNATURES.find(([magic]) => start.startsWith(magic));
  if (known) return { kind: 'binary', type: known[1] };
  if (isEncodingGiven || hasUtf16Bom(head) || countNuls(head) < head.length * NUL_SHARE) return { kind: 'text' };
  return { kind: 'binary', type: 'a binary file (it has NUL bytes; UTF-16 text without a byte-order mark reads with --encoding utf-16le)' };
}

function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

function countNuls(head: Uint8Array): number {
  let count = 0;
  for (const byte of head) if (byte === 0) count += 1;
  return count;
}
