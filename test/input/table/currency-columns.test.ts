import { describe, expect, it } from 'vitest';
import { findCurrencyCodeColumns, isConvertedAmountHeader, toCurrencyCode } from '../../../src/input/table/currency-columns.js';

describe('isConvertedAmountHeader', () => {
  it.each([
    ['Amount (converted)', true],
    ['AMOUNT (CONVERTED)', true],
    ['Amount in company currency', true],
    ['amount_in_home_currency', true],
    ['ARR (converted)', true],
    ['Amount', false],
    ['Amount (converted) Currency', false], // the code column beside it
    ['Notes (converted)', false], // not an amount
  ])('%s -> %s', (header, expected) => {
    expect(isConvertedAmountHeader(header)).toBe(expected);
  });
});

describe('findCurrencyCodeColumns', () => {
  it("pairs Salesforce's `X Currency` with X, and a generic code column with every amount not converted", () => {
    const header = ['Amount Currency', 'Amount', 'Amount (converted) Currency', 'Amount (converted)', 'Currency', 'ARR'];
    const sample = [['ZAR', '1', 'USD', '2', 'EUR', '3']];
    // Amount -> Amount Currency (0); Amount (converted) -> its own (2); ARR -> the generic Currency (4).
    expect(findCurrencyCodeColumns(header, sample, [1, 3, 5], undefined)).toEqual(
      new Map([
        [1, 0],
        [3, 2],
        [5, 4],
      ]),
    );
  });

  it('takes a currency header only when its cells are ISO 4217 codes, and a configured column without looking', () => {
    const header = ['Amount', 'Currency'];
    const words = [
      ['1', 'Euro'],
      ['2', 'Dollar'],
    ];
    expect(findCurrencyCodeColumns(header, words, [0], undefined)).toEqual(new Map());
    expect(findCurrencyCodeColumns(header, words, [0], 1)).toEqual(new Map([[0, 1]]));
  });
});

describe('toCurrencyCode', () => {
  it.each([
    ['USD', 'USD'],
    [' eur ', 'EUR'],
    ['ZAR', 'ZAR'],
    ['XYZ', undefined],
    ['Euro', undefined],
    ['$', undefined],
  ])('%j -> %s', (cell, expected) => {
    expect(toCurrencyCode(cell)).toBe(expected);
  });
});
