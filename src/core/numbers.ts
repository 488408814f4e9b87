/** A decimal separator. */
export type Decimal = '.' | ',';

/** A number read from a cell, with the currency it was written in, if any. */
export interface Quantity {
  value: number;
  currency?: string;
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
  const plain = toPlainDecimal(s, decimal);
  if (plain === undefined) return undefined;
  const value = sign * Number(plain) * scale;
  if (!Number.isFinite(value)) return undefined;
  // + 0 makes -0 plain 0: a negative zero means nothing in an export, and JSON (the reading thread's format) cannot carry it.
  const quantity: Quantity = { value: value + 0 };
  if (currency.code) quantity.currency = currency.code;
  return quantity;
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
