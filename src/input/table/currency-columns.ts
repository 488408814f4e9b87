import { foldText } from '../../core/text/folding.js';
import { normalizeHeader } from './header.js';
import { FIELD_SYNONYMS } from './synonyms/index.js';
import type { ColumnMap } from './map-columns.js';

const MONEY_FIELD = 'deal_value';
/** The field of a column naming each row's currency. */
export const CURRENCY_FIELD = 'currency';

/** Headers of a column naming each row's currency (Salesforce, HubSpot, Dynamics, Pipedrive; de, fr, es, pt, nl, ja), after normalizeHeader. */
const CURRENCY_HEADERS = new Set([
  'currency',
  'currency code',
  'currencyisocode',
  'currency iso code',
  'iso currency code',
  'opportunity currency',
  'deal currency',
  'deal currency code',
  'transaction currency',
  'währung',
  'devise',
  'moneda',
  'moeda',
  'valuta',
  '通貨',
]);

/** `Amount (converted)` (Salesforce), `Amount in company currency` (HubSpot), `amount_in_home_currency` (its API name). */
const CONVERTED_MARKER = /\s*(?:\(converted\)|\bin (?:company|home|corporate) currency\b)\s*/i;
/** Share of a sample's filled cells that must be ISO 4217 codes for a currency header to count. */
const MIN_CODE_SHARE = 0.9;

/** Whether a header names an amount the CRM already converted to its company currency. */
export function isConvertedAmountHeader(header: string): boolean {
  const spaced = header.replace(/_/g, ' ').trim();
  const base = withoutConvertedMarker(header);
  return base !== spaced && FIELD_SYNONYMS.get(MONEY_FIELD)!.includes(normalizeHeader(base));
}

function withoutConvertedMarker(header: string): string {
  return header.replace(/_/g, ' ').replace(CONVERTED_MARKER, ' ').trim();
}

/**
 * Reads deal values from a converted amount column first when the export has one,
 * the CRM having converted them with its own dated rates; the column in each
 * deal's own currency stays, for rows without a converted amount. A configured
 * columns.deal_value is left as the user chose it.
 */
export function preferConvertedAmount(columns: ColumnMap, header: readonly string[], isConfigured: boolean): ColumnMap {
  if (isConfigured) return columns;
  const converted = header.flatMap((h, i) => (isConvertedAmountHeader(h) ? [i] : []));
  if (converted.length === 0) return columns;
  // The amounts in each deal's own currency stay as the fallback: `Amount` beside `Amount (converted)`.
  const raw = converted.map((i) => foldText(withoutConvertedMarker(header[i]!)));
  const sources = header.flatMap((h, i) => (raw.includes(foldText(h)) ? [i] : []));
  const others = [...new Set([...(columns.indices.get(MONEY_FIELD) ?? []), ...sources])].filter((i) => !converted.includes(i));
  const indices = [...converted, ...others];
  const chosen = header[converted[0]!]!.trim();
  columns.indices.set(MONEY_FIELD, indices);
  columns.headers[MONEY_FIELD] = chosen;
  const choice = columns.choices.find((c) => c.field === MONEY_FIELD);
  const fallback = others.length > 0 ? `; rows without one fall back to "${header[others[0]!]!.trim()}"` : '';
  const reason = `the CRM converted "${chosen}" to its company currency with its own rates${fallback}`;
  // A rule, not a close call: the runner-up is the raw amount read as a fallback.
  if (choice) Object.assign(choice, { header: chosen, indices, reasons: [...choice.reasons, reason], isClose: false });
  return columns;
}

/**
 * For each amount column, the column that names its rows' currency: `Amount
 * Currency` for `Amount` (Salesforce's report export), else a column headed like
 * `CurrencyIsoCode` or `Currency` for every amount not already converted, when
 * the sample's cells are ISO 4217 codes. A configured columns.currency needs no sample.
 */
export function findCurrencyCodeColumns(
  header: readonly string[],
  sample: readonly string[][],
  amountColumns: readonly number[],
  configured: number | undefined,
): Map<number, number> {
  const codeColumns = new Map<number, number>();
  const isCodeColumn = (i: number) => i === configured || holdsCurrencyCodes(sample, i);
  const amounts = amountColumns.map((i) => ({ index: i, prefix: foldText(header[i]!) }));
  for (const [i, h] of header.entries()) {
    const folded = foldText(h);
    const amount = amounts.find((a) => folded === `${a.prefix} currency`);
    if (amount && isCodeColumn(i)) codeColumns.set(amount.index, i);
  }
  const generic = configured ?? header.findIndex((h, i) => CURRENCY_HEADERS.has(normalizeHeader(h)) && isCodeColumn(i));
  if (generic < 0) return codeColumns;
  for (const { index } of amounts) {
    if (!codeColumns.has(index) && !isConvertedAmountHeader(header[index]!)) codeColumns.set(index, generic);
  }
  return codeColumns;
}

function holdsCurrencyCodes(sample: readonly string[][], index: number): boolean {
  let filled = 0;
  let codes = 0;
  for (const record of sample) {
    const cell = record[index]?.trim();
    if (!cell) continue;
    filled += 1;
    if (toCurrencyCode(cell)) codes += 1;
  }
  return filled > 0 && codes >= filled * MIN_CODE_SHARE;
}

let isoCodes: ReadonlySet<string> | undefined;

/** The ISO 4217 code a cell names (`usd ` -> USD), or undefined. */
export function toCurrencyCode(cell: string): string | undefined {
  const code = cell.trim().toUpperCase();
  if (code.length !== 3) return undefined;
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return isoCodes.has(code) ? code : undefined;
}
