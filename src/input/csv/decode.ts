import { UsageError } from '../../errors.js';

/** UTF-8 (with or without BOM), UTF-16 by BOM, Shift_JIS (Japanese Excel), else Windows-1252: what Excel writes. */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (decodesAs('utf-8', head, isWholeFile) !== undefined) return 'utf-8';
  return isJapanese(decodesAs('shift_jis', head, isWholeFile)) ? 'shift_jis' : 'windows-1252';
}

/** The sample decoded, or undefined when it is not valid in the encoding; a sample cut mid-file may end inside a character. */
function decodesAs(encoding: string, head: Uint8Array, isWholeFile: boolean): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(head, { stream: !isWholeFile });
  } catch {
    return undefined;
  }
}

/**
 * Valid Shift_JIS with kana in it. European Windows-1252 text is almost never valid Shift_JIS
 * (an accented letter followed by a space or punctuation is not), and never decodes to kana,
 * which needs the rare bytes 0x82 and 0x83 as lead bytes.
 */
function isJapanese(text: string | undefined): boolean {
  return text !== undefined && (text.match(/[\u3040-\u30ff]/g)?.length ?? 0) >= 2;
}

export function createDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new UsageError(`--encoding ${encoding} is not an encoding Node knows (try utf-8, windows-1252, utf-16le)`, { cause: error });
  }
}

/** A detected encoding's decoder: UTF-8 strictly, so decode() notices an invalid byte past the sample and switches. */
export function createDetectedDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
}

/** The single-byte encoding an export that is not UTF-8 after all is read in: what Excel writes. */
export const FALLBACK_ENCODING = 'windows-1252';

/**
 * Decodes the chunks as they stream. A strict UTF-8 decoder that meets an invalid byte
 * (past the sample detection saw) keeps the valid text before it and decodes the rest
 * as windows-1252, telling `onSwitch` the byte offset: never U+FFFD in silence.
 */
export async function* decode(
  head: Buffer,
  rest: AsyncIterator<Buffer | string>,
  decoder: InstanceType<typeof TextDecoder>,
  onChunk: (bytes: number) => void,
  onSwitch: (offset: number) => void = () => undefined,
): AsyncGenerator<string> {
  let current = decoder;
  let bytes = 0;
  /** The start of a character the strict decoder holds until the next chunk completes it. */
  let held: Uint8Array = new Uint8Array(0);
  function* decodeChunk(chunk: Uint8Array): Generator<string> {
    if (!current.fatal) {
      yield current.decode(chunk, { stream: true });
      return;
    }
    let text: string;
    try {
      text = current.decode(chunk, { stream: true });
    } catch {
      const start = bytes - held.length;
      const pending = Buffer.concat([held, chunk]);
      const valid = validUtf8Length(pending);
      // Only a byte-order mark at the very start of the file is one; later, those bytes are text.
      yield new TextDecoder('utf-8', { ignoreBOM: start > 0 }).decode(pending.subarray(0, valid));
      // Reported once the text before it is parsed, so the line is the one the byte is on.
      onSwitch(start + valid);
      current = new TextDecoder(FALLBACK_ENCODING);
      yield current.decode(pending.subarray(valid), { stream: true });
      return;
    }
    held = heldBytes(held, chunk);
    yield text;
  }
  yield* decodeChunk(head);
  bytes = head.length;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    onChunk(bytes);
    const chunk = Buffer.from(next.value);
    yield* decodeChunk(chunk);
    bytes += chunk.length;
  }
  if (current.fatal && held.length > 0) {
    // A character cut off by the end of the file is not UTF-8 either.
    onSwitch(bytes - held.length);
    yield new TextDecoder(FALLBACK_ENCODING).decode(held);
    return;
  }
  const tail = current.decode();
  if (tail) yield tail;
}

/** The bytes at the end of `chunk` (after `held`) that start a character not yet complete; the chunk is known valid UTF-8. */
function heldBytes(held: Uint8Array, chunk: Uint8Array): Uint8Array {
  const end = chunk.length >= 3 ? chunk.subarray(-3) : Buffer.concat([held, chunk]).subarray(-3);
  for (let back = 1; back <= end.length; back += 1) {
    const byte = end[end.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? end.slice(end.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** How many leading bytes are whole, valid UTF-8 characters, by binary search with the platform's decoder (run once, on the chunk that failed). */
function validUtf8Length(bytes: Uint8Array): number {
  // A prefix that is valid UTF-8 but for a character cut at its end: true up to the first invalid byte, false after.
  const isValidStart = (end: number) => decodes(bytes.subarray(0, end), true);
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isValidStart(middle)) low = middle;
    else high = middle - 1;
  }
  // Drop the start of the character the invalid byte cut short.
  while (low > 0 && !decodes(bytes.subarray(0, low), false)) low -= 1;
  return low;
}

function decodes(bytes: Uint8Array, isStream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: isStream });
    return true;
  } catch {
    return false;
  }
}
