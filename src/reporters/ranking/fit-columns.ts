import stringWidth from 'string-width';

/** What the layout needs to know of a column. */
export interface ColumnSpec {
  /** Display width of its widest cell, header included. */
  natural: number;
  /** Narrowest it may get; absent, the column never narrows. */
  min?: number;
  /** Columns are hidden in increasing order when even their narrowest does not fit; absent, never hidden. */
  hideOrder?: number;
  /** Spare width goes to columns in increasing order, each up to its natural width. */
  growOrder?: number;
}

/** Each column's width, or undefined when it is hidden. */
export type ColumnWidths = (number | undefined)[];

/** Width of a boxed table row: each cell padded by a space either side, a border before each and one at the end. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w + 3, 1);
}

/**
 * Widths that fit a table into `total` columns: hide columns by their order until the
 * narrowest widths fit, then hand the spare width back, so a wide terminal shows more.
 * Without a total, every column has its natural width.
 */
export function fitColumns(specs: readonly ColumnSpec[], total?: number): ColumnWidths {
  if (total === undefined) return specs.map((s) => s.natural);
  const narrowest = specs.map((s) => Math.min(s.natural, s.min ?? s.natural));
  const widths: ColumnWidths = [...narrowest];
  for (const i of inOrder(specs, 'hideOrder')) {
    if (tableWidth(shown(widths)) <= total) break;
    widths[i] = undefined;
  }
  let spare = total - tableWidth(shown(widths));
  for (const i of inOrder(specs, 'growOrder')) {
    const width = widths[i];
    if (width === undefined) continue;
    // Below the narrowest widths only on a terminal too small for them: better cramped than wrapped.
    const extra = Math.max(1 - width, Math.min(spare, specs[i]!.natural - width));
    widths[i] = width + extra;
    spare -= extra;
  }
  return widths;
}

function inOrder(specs: readonly ColumnSpec[], key: 'hideOrder' | 'growOrder'): number[] {
  return specs
    .flatMap((s, i) => (s[key] === undefined ? [] : [{ i, order: s[key] }]))
    .sort((a, b) => a.order - b.order)
    .map(({ i }) => i);
}

function shown(widths: ColumnWidths): number[] {
  return widths.filter((w) => w !== undefined);
}

/** The display width of a text: wide characters count two, colour codes none. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts a one-line text to a display width, marking the cut with "…". */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    used += displayWidth(char);
    if (used > width - 1) break;
    out += char;
  }
  return `${out}…`;
}
