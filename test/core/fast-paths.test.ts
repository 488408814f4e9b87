import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/core/text/folding.js';
import { parseQuantity } from '../../src/core/text/numbers.js';

// The hot path skips work when it can; these pin each shortcut to the plain definition it replaces.
describe('fast paths', () => {
  const spacey = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\n', '\u00a0', '\u2003', 'İ', 'x') });

  it('foldText equals trim, collapse every whitespace run to one space, lower-case', () => {
    fc.assert(fc.property(spacey, (text) => foldText(text) === text.trim().replace(/\s+/g, ' ').toLowerCase()));
  });

  it('parseQuantity reads a plain integer as itself, with either decimal convention', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('.' as const, ',' as const),
        (n, decimal) => parseQuantity(String(n), decimal)?.value === n,
      ),
    );
  });

  it.each([
    ['1234', 1234],
    ['007', 7],
    ['1,234', 1234],
    [' 42 ', 42],
  ])('parseQuantity(%j) = %d whether or not the shortcut applies', (text, value) => {
    expect(parseQuantity(text)?.value).toBe(value);
  });
});
