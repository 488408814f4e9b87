import { describe, expect, it } from 'vitest';
import { decimalSeparatorOf, parseQuantity } from '../../src/core/numbers.js';

describe('parseQuantity', () => {
  it.each([
    ['120000', '.', 120000, undefined],
    ['USD 120,000.00', '.', 120000, 'USD'],
    ['$1.2M', '.', 1200000, 'USD'],
    ['€50k', '.', 50000, 'EUR'],
    ['1.234.567,89 €', '.', 1234567.89, 'EUR'],
    ['(1,000)', '.', -1000, undefined],
    ['-$2,500', '.', -2500, 'USD'],
    ['£40.000', ',', 40000, 'GBP'],
    ['12.500,00', '.', 12500, undefined],
    ['1,234', '.', 1234, undefined], // ambiguous shape: the column's convention decides
    ['1,234', ',', 1.234, undefined],
    ['0,125', '.', 0.125, undefined], // a lone 0 is never a thousands group
    ['3,5', '.', 3.5, undefined],
    ["1'234'567", '.', 1234567, undefined],
    ['1 234 567,5', ',', 1234567.5, undefined],
    ['80%', '.', 0.8, undefined],
    ['2.5 MM', '.', 2500000, undefined],
    ['CHF 1,000', '.', 1000, 'CHF'],
    ['US$ 7', '.', 7, 'USD'],
    ['72000.0', '.', 72000, undefined],
  ] as const)('%s (decimal %s) -> %d %s', (text, decimal, value, currency) => {
    const quantity = parseQuantity(text, decimal);
    expect(quantity?.value).toBeCloseTo(value, 10);
    expect(quantity?.currency).toBe(currency);
  });

  it.each(['TBD', 'abc', '1.2.3', '12,34,567', '$', '1e5', '5x', '', 'k'])('%j is not a number', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('reads past the largest double as no number, scaled or not', () => {
    // 9...9 (306 digits) is 1e306; times k (1e3) is 1e309, past 1.8e308.
    expect(parseQuantity(`${'9'.repeat(306)}k`)).toBeUndefined();
    expect(parseQuantity('9'.repeat(400))).toBeUndefined();
  });

  it('reads a negative zero as plain 0', () => {
    expect(Object.is(parseQuantity('-0')?.value, 0)).toBe(true);
    expect(Object.is(parseQuantity('(0.00)')?.value, 0)).toBe(true);
  });
});

describe('decimalSeparatorOf', () => {
  it.each([
    ['1,234.56', '.'],
    ['1.234,56', ','],
    ['1.234.567', ','],
    ['1,234,567', '.'],
    ['3,5', ','],
    ['0.125', '.'],
    ['1234.567', '.'],
    ['1,234', undefined],
    ['999.999', undefined],
    ['42', undefined],
  ] as const)('%s -> %s', (text, expected) => {
    expect(decimalSeparatorOf(text)).toBe(expected);
  });
});
