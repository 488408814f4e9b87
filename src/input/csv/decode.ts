import { UsageError } from '../../errors.js';

/** UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252: what Excel writes. */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // A sample cut mid-file may end inside a character; only a whole file must end cleanly.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !isWholeFile });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function createDecoder(encoding: string): InstanceType<typeof TextDecoder> {
  try {
    return new TextDecoder(encoding);
  } catch (error) {
    throw new UsageError(`--encoding ${encoding} is not an encoding Node knows (try utf-8, windows-1252, utf-16le)`, { cause: error });
  }
}

export async function* decode(
  head: Buffer,
  rest: AsyncIterator<Buffer | string>,
  decoder: InstanceType<typeof TextDecoder>,
  onChunk: (bytes: number) => void,
): AsyncGenerator<string> {
  let bytes = head.length;
  yield decoder.decode(head, { stream: true });
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    onChunk(bytes);
    bytes += next.value.length;
    yield decoder.decode(Buffer.from(next.value), { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
