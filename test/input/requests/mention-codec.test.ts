import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../src/core/types.js';
import { createMentionDecoder, createMentionEncoder } from '../../../src/input/requests/mention-codec.js';

// Few distinct texts, so batches reuse dictionary entries; any string, so escaping is exercised too.
const text = fc.oneof(fc.constantFrom('FR-1', 'fr-1 ', 'Acme', 'ACME', 'Enterprise', ''), fc.string({ unit: 'binary' }));
const mention: fc.Arbitrary<Mention> = fc.record(
  {
    line: fc.nat(),
    ids: fc.array(text, { maxLength: 3 }),
    title: text,
    account: text,
    numbers: fc.dictionary(fc.constantFrom('deal_value', 'alignment', 'reach'), fc.double({ noNaN: true, noDefaultInfinity: true })),
    texts: fc.dictionary(fc.constantFrom('segment', 'status', 'effort'), fc.array(text, { minLength: 1, maxLength: 2 })),
  },
  { requiredKeys: ['line', 'ids', 'numbers', 'texts'] },
);

describe('mention codec: what the reading thread sends, the grouping thread gets back', () => {
  it.each([
    ['with every text in the dictionary', undefined],
    ['with a full dictionary, later texts sent as themselves', 2],
  ])('%s', (_name, maxCodes) => {
    fc.assert(
      fc.property(fc.array(fc.array(mention, { maxLength: 8 }), { maxLength: 4 }), (batches) => {
        const [encode, decode] = [createMentionEncoder(maxCodes), createMentionDecoder()];
        // -0 travels as 0 in JSON; it reads the same in every score and report.
        const expected = JSON.parse(JSON.stringify(batches)) as unknown;
        expect(batches.map((batch) => decode(encode(batch)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
