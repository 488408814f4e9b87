/** A decimal separator. */
export type Decimal = '.' | ',';

/** A number read from a cell, with the currency it was written in, if any. */
export interface Quantity {
  value: number;
  currency?: string;
  /** The other reading of a shape that allows two (`1.500`: 1500 or 1.5), when the cell has that shape. */
  otherValue?: number;
  /** The separator of that shape. */
  ambiguousSeparator?: Decimal;
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  US$: 'USD',
  CA$: 'CAD',
  C$: 'CAD',
  AU$: 'AUD',
  A$: 'AUD',
  R$: 'BRL',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
};
const SYMBOL_PATTERN = Object.keys(CURRENCY_SYMBOLS)
  .map((s) => s.replace(/\$/g, '\\$'))
  .join('|');
const CURRENCY_PREFIX = new RegExp(`^(?:(${SYMBOL_PATTERN})|([A-Z]{3})(?![a-z]))\\s*`);
const CURRENCY_SUFFIX = new RegExp(`\\s*(?:(${SYMBOL_PATTERN})|(?<![a-z])([A-Z]{3}))$`);
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
const DIGITS = /^\d[\d.,' ]*$|^[.,]\d+$/;
const PLAIN_INTEGER = /^\d{1,15}$/;

/**
 * Reads numbers as people type them into CRMs and spreadsheets: `USD 120,000.00`,
 * `$1.2M`, `€50k`, `1.234.567,89 €`, `(1,000)`, `80%`. `decimal` settles the one
 * ambiguous shape, a single separator followed by exactly three digits (`1,234`).
 * Returns undefined for anything that is not a number.
 */
export function parseQuantity(text: string, decimal: Decimal = '.'): Quantity | undefined {
  // Most cells are plain integers (ids, scores, amounts without decoration): skip the regex work.
  if (PLAIN_INTEGER.test(text)) return { value: Number(text) };
  let s = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  let sign = 1;
  if (/^\(.*\)$/.test(s)) [s, sign] = [s.slice(1, -1).trim(), -1];
  if (s.startsWith('-') || s.startsWith('−')) [s, sign] = [s.slice(1).trim(), -sign];
  const currency = takeCurrency(s);
  s = currency.rest;
  if (s.startsWith('-')) [s, sign] = [s.slice(1).trim(), -sign];
  let scale = 1;
  const percent = /\s*%$/.exec(s);
  if (percent) [s, scale] = [s.slice(0, percent.index), 0.01];
  const suffix = /\s*([kKmMbB][mMnN]?)$/.exec(s);
  if (suffix && !percent) {
    const multiplier = MULTIPLIERS[suffix[1]!.toLowerCase()];
    if (multiplier === undefined) return undefined;
    [s, scale] = [s.slice(0, suffix.index), multiplier];
  }
  if (!DIGITS.test(s)) return undefined;
  const value = toNumber(s, decimal, sign * scale);
  if (value === undefined) return undefined;
  const quantity: Quantity = { value };
  if (currency.code) quantity.currency = currency.code;
  const ambiguous = AMBIGUOUS_SHAPE.exec(s)?.[1] as Decimal | undefined;
  if (ambiguous) {
    quantity.ambiguousSeparator = ambiguous;
    quantity.otherValue = toNumber(s, decimal === '.' ? ',' : '.', sign * scale)!;
  }
  return quantity;
}

/** One separator between 1-3 digits (not a lone 0) and exactly three: a thousands group or a decimal part. */
const AMBIGUOUS_SHAPE = /^(?!0[.,])\d{1,3}([.,])\d{3}$/;

function toNumber(digits: string, decimal: Decimal, factor: number): number | undefined {
  const plain = toPlainDecimal(digits, decimal);
  if (plain === undefined) return undefined;
  const value = factor * Number(plain);
  // + 0 makes -0 plain 0: a negative zero means nothing in an export, and JSON (the reading thread's format) cannot carry it.
  return Number.isFinite(value) ? value + 0 : undefined;
}

function takeCurrency(s: string): { code?: string; rest: string } {
  const prefix = CURRENCY_PREFIX.exec(s);
  if (prefix) return { code: codeOf(prefix), rest: s.slice(prefix[0].length) };
  const suffix = CURRENCY_SUFFIX.exec(s);
  if (suffix) return { code: codeOf(suffix), rest: s.slice(0, suffix.index) };
  return { rest: s };
}

function codeOf(match: RegExpExecArray): string {
  return match[1] ? CURRENCY_SYMBOLS[match[1]]! : match[2]!;
}

/** Rewrites `1.234,5` or `1,234.5` as `1234.5`; undefined when the grouping is not in thousands. */
function toPlainDecimal(s: string, decimal: Decimal): string | undefined {
  const digits = s.replace(/[' ]/g, '');
  const separator = decimalSeparatorOf(digits) ?? decimal;
  const thousands = separator === '.' ? ',' : '.';
  const [whole = '', fraction, ...extra] = digits.split(separator);
  const groups = whole.split(thousands);
  if (extra.length > 0 || groups.slice(1).some((g) => g.length !== 3)) return undefined;
  return fraction === undefined ? groups.join('') : `${groups.join('')}.${fraction}`;
}

/**
 * The decimal separator a number's shape proves, or undefined when it could be
 * either (`1,234`, `1.234`) or has none. Used to detect a column's convention.
 */
export function decimalSeparatorOf(text: string): Decimal | undefined {
  const digits = text.replace(/[^\d.,]/g, '');
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const separator = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : undefined;
  if (!separator) return undefined;
  const count = digits.split(separator).length - 1;
  if (count > 1) return separator === '.' ? ',' : '.';
  // Only `1,234` to `999.999` could be either; `0,125` and `1234,567` cannot be thousands.
  const [whole = '', fraction = ''] = digits.split(separator);
  const couldBeThousands = fraction.length === 3 && whole.length >= 1 && whole.length <= 3 && whole !== '0';
  return couldBeThousands ? undefined : separator;
}

/** Currencies whose amounts are usually written `1.234,56` (EUR in de/fr/es/it/nl style) or `1,234.56`. */
const USUAL_DECIMAL = new Map<string, Decimal>([
  ...'EUR BRL ARS CLP COP DKK NOK SEK PLN CZK HUF RON TRY RUB IDR VND'.split(' ').map((c) => [c, ','] as const),
  ...'USD GBP CHF JPY CNY INR AUD CAD NZD SGD HKD MXN ILS KRW ZAR'.split(' ').map((c) => [c, '.'] as const),
]);
/** ISO 4217 currencies with three minor units, where `1.500` is as likely 1.5 as 1500. */
const THREE_DECIMAL_CURRENCIES = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** The decimal separator a currency's amounts are usually written with, when it has a usual one. */
export function usualDecimalOf(currency: string | undefined): Decimal | undefined {
  return currency === undefined ? undefined : USUAL_DECIMAL.get(currency);
}

/** How a money column writes numbers, as far as anything proves it. */
export interface AmountConvention {
  /** The decimal separator the column's other cells prove, or the user declared. */
  decimal?: Decimal;
  /** Declared by the user (--decimal-comma): it then decides cells that name no currency of their own. */
  isDeclared: boolean;
}

/** A money cell's value; otherValue is set when the other reading of its shape is plausible too. */
export interface AmountReading {
  value: number;
  otherValue?: number;
}

/**
 * Reads a money cell by its own shape and currency, whatever the column's majority.
 * A shape that proves its separators (`1.234,56`, `250,000.00`, `80'000`) is read
 * as written. A shape that allows two readings (`€1.500`) is read as thousands,
 * since amounts carry no or two decimals, and is in doubt when the column's proven
 * convention, or without one the currency's usual style, makes that separator the
 * decimal point.
 * Currencies with three decimals (KWD) read `1.500` as 1.5, always in doubt.
 */
export function readAmount(quantity: Quantity, currency: string | undefined, convention: AmountConvention): AmountReading {
  const separator = quantity.ambiguousSeparator;
  if (separator === undefined) return quantity;
  if (convention.isDeclared && quantity.currency === undefined) return { value: quantity.value };
  // The thousands reading is the larger by a factor of 1000, whichever the column parsed with.
  const isValueThousands = Math.abs(quantity.value) >= Math.abs(quantity.otherValue!);
  const asThousands = isValueThousands ? quantity.value : quantity.otherValue!;
  const asDecimal = isValueThousands ? quantity.otherValue! : quantity.value;
  if (currency !== undefined && THREE_DECIMAL_CURRENCIES.has(currency)) {
    return separator === '.' ? { value: asDecimal, otherValue: asThousands } : { value: asThousands, otherValue: asDecimal };
  }
  // How the export writes numbers outranks the currency's usual style: CRMs format every currency in the user's locale.
  const isInDoubt = (convention.decimal ?? usualDecimalOf(currency)) === separator;
  return isInDoubt ? { value: asThousands, otherValue: asDecimal } : { value: asThousands };
}
