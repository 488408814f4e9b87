import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDetectedDecoder, decode } from '../../../src/input/csv/decode.js';

/** Decodes `head` and then `rest` chunk by chunk with the detected UTF-8 decoder; the text and where it switched. */
async function decodeChunks(head: number[], ...rest: number[][]) {
  const switches: number[] = [];
  const iterator = Readable.from(rest.map((bytes) => Buffer.from(bytes)))[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let text = '';
  for await (const piece of decode(
    Buffer.from(head),
    iterator,
    createDetectedDecoder('utf-8'),
    () => undefined,
    (at) => switches.push(at),
  )) {
    text += piece;
  }
  return { text, switches };
}

const ascii = (text: string) => [...Buffer.from(text)];

describe('decode: detected UTF-8 that turns out not to be', () => {
  it('stays UTF-8 while every byte is, also with a character split across chunks', async () => {
    // é is C3 A9 in UTF-8, split between the two chunks
    expect(await decodeChunks(ascii('caf'), [0xc3], [0xa9, 0x21])).toEqual({ text: 'café!', switches: [] });
  });

  it('switches to windows-1252 at the first invalid byte past the head, keeping the UTF-8 before it', async () => {
    // head "ab" (bytes 0-1), then "é" in UTF-8 (bytes 2-3), then "caf" (4-6) and E9, windows-1252's é, at byte 7
    const result = await decodeChunks(ascii('ab'), [0xc3, 0xa9], [...ascii('caf'), 0xe9, ...ascii(' ok')], [0xe9]);
    expect(result).toEqual({ text: 'abécafé oké', switches: [7] });
  });

  it('an invalid byte after a character started in the previous chunk switches at that character', async () => {
    // E2 82 starts a three-byte character at byte 1; "A" cannot continue it. In windows-1252, E2 is â and 82 is ‚.
    expect(await decodeChunks(ascii('x'), [0xe2, 0x82], ascii('A'))).toEqual({ text: 'xâ‚A', switches: [1] });
  });

  it('a character cut off by the end of the file switches there', async () => {
    // C3 alone at byte 3: windows-1252's Ã
    expect(await decodeChunks(ascii('abc'), [0xc3])).toEqual({ text: 'abcÃ', switches: [3] });
  });
});
