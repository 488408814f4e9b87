import type { RankedRequest } from '../core/types.js';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/** Compact money for people: $1.2M, €450K, $950. */
export function formatMoney(value: number | undefined, currency: string | undefined): string {
  if (value === undefined) return '—';
  const abs = Math.abs(value);
  const [scaled, suffix] = abs >= 1e9 ? [abs / 1e9, 'B'] : abs >= 1e6 ? [abs / 1e6, 'M'] : abs >= 1e3 ? [abs / 1e3, 'K'] : [abs, ''];
  const digits = suffix && scaled < 100 ? 1 : 0;
  const number = `${scaled.toFixed(digits).replace(/\.0$/, '')}${suffix}`;
  const symbol = currency ? SYMBOLS[currency] : '';
  const amount = symbol ? `${symbol}${number}` : currency ? `${number} ${currency}` : number;
  return value < 0 ? `-${amount}` : amount;
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
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
