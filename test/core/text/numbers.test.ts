import { describe, expect, it } from 'vitest';
import { decimalSeparatorOf, parseQuantity, readAmount, type AmountConvention } from '../../../src/core/text/numbers.js';

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

describe('parseQuantity: shapes with two readings', () => {
  it.each([
    ['€1.500', '.', 1.5, 1500, '.'],
    ['€1.500', ',', 1500, 1.5, '.'],
    ['-$2,500', '.', -2500, -2.5, ','],
    ['1,500k', '.', 1_500_000, 1500, ','], // 1,500 thousand or 1.5 thousand
  ] as const)('%s (decimal %s) reads %d, or %d', (text, decimal, value, otherValue, separator) => {
    expect(parseQuantity(text, decimal)).toMatchObject({ value, otherValue, ambiguousSeparator: separator });
  });

  it.each(['1.234,56', '250,000.00', "80'000", '0,125', '1234.567', '12.5', '1.234.567'])('%s proves its reading', (text) => {
    expect(parseQuantity(text)?.ambiguousSeparator).toBeUndefined();
  });
});

describe('readAmount', () => {
  const none: AmountConvention = { isDeclared: false };
  const provenPoint: AmountConvention = { decimal: '.', isDeclared: false };
  const provenComma: AmountConvention = { decimal: ',', isDeclared: false };
  const declaredComma: AmountConvention = { decimal: ',', isDeclared: true };

  it.each([
    // A shape that proves itself is read as written, whatever the column says.
    ['1.234,56 €', 'EUR', provenPoint, 1234.56, undefined],
    ["CHF 250'000", 'CHF', provenPoint, 250000, undefined],
    // Three digits after one separator: thousands, amounts carrying no or two decimals.
    ['€80.000', 'EUR', none, 80000, undefined],
    ['$250,000', 'USD', provenPoint, 250000, undefined],
    ['1.500', undefined, none, 1500, undefined],
    ['1,500', undefined, none, 1500, undefined],
    // In doubt when the column's proven convention makes the separator a decimal point...
    ['€1.500', 'EUR', provenPoint, 1500, 1.5],
    ['1,500', undefined, provenComma, 1500, 1.5],
    ['$250,000', 'USD', provenComma, 250000, 250],
    // ...or, without one, the currency's usual style does: EUR writes 1,5 for one and a half.
    ['EUR 150,000', 'EUR', none, 150000, 150],
    // A column proven to write 1,234.56 outranks it: CRMs format every currency in the user's locale.
    ['EUR 123,456', 'EUR', provenPoint, 123456, undefined],
    // The user's --decimal-comma decides cells without a currency of their own, not those with one.
    ['1,500', undefined, declaredComma, 1.5, undefined],
    ['$1,500', 'USD', declaredComma, 1500, 1.5],
    // Three-decimal currencies: KWD 1.500 is one and a half dinars, and never certain.
    ['KWD 1.500', 'KWD', none, 1.5, 1500],
    ['KWD 1,500', 'KWD', none, 1500, 1.5],
  ] as const)('%s (%s) -> %d, else %s', (text, currency, convention, value, otherValue) => {
    const decimal = convention.decimal ?? '.';
    const reading = readAmount(parseQuantity(text, decimal)!, currency, convention);
    expect(reading.value).toBeCloseTo(value, 10);
    if (otherValue === undefined) expect(reading.otherValue).toBeUndefined();
    else expect(reading.otherValue).toBeCloseTo(otherValue, 10);
  });
});
