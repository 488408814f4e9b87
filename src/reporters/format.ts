import type { RankedRequest } from '../core/types.js';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/** Compact money for people: $1.2M, €450K, $950. */
export function formatMoney(value: number | undefined, currency: string | undefined): string {
  if (value === undefined) return '—';
  const symbol = currency ? SYMBOLS[currency] : '';
  const number = compactNumber(Math.abs(value));
  const amount = symbol ? `${symbol}${number}` : currency ? `${number} ${currency}` : number;
  return value < 0 ? `-${amount}` : amount;
}

const UNITS: [string, number][] = [
  ['', 1],
  ['K', 1e3],
  ['M', 1e6],
  ['B', 1e9],
];

function compactNumber(abs: number): string {
  let unit = Math.max(
    0,
    UNITS.findLastIndex(([, size]) => abs >= size),
  );
  // 999,999 rounds to 1000K: move up a unit so it reads 1M.
  if (Number(scaleTo(abs, unit)) >= 1000 && unit < UNITS.length - 1) unit += 1;
  return `${scaleTo(abs, unit)}${UNITS[unit]![0]}`;
}

function scaleTo(abs: number, unit: number): string {
  const scaled = abs / UNITS[unit]![1];
  return scaled.toFixed(unit > 0 && scaled < 100 ? 1 : 0).replace(/\.0$/, '');
}

export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** The criteria that earned the most points, strongest first: "deal_value 36.8, alignment 22.5". */
export function topDrivers(request: RankedRequest, count = 2): string {
  return Object.entries(request.criteria)
    .filter(([, c]) => c.points > 0)
    .sort((a, b) => b[1].points - a[1].points)
    .slice(0, count)
    .map(([name, c]) => `${name} ${c.points.toFixed(1)}`)
    .join(', ');
}

/** Segments of the accounts asking, as one cell. */
export function segmentsOf(request: RankedRequest): string[] {
  return request.texts.segment ?? [];
}

export function truncate(text: string, width: number): string {
  const flat = escapeControls(text.replace(/\s+/g, ' ').trim());
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// C0 and C1 controls but tab and newline, and the bidi overrides that reorder what a terminal shows.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Shows control characters from input as \u001b, so a cell cannot move the cursor, clear the screen or set a link. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
