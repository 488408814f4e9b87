/** Cells that mean "no value"; TBD is one for text, but in a number column it deserves a warning. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set(['', '-', '--', '—', 'n/a', 'na', 'none', 'null', 'tbd']);

const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** Whether a cell means "no value"; longer cells skip the lower-casing, which every cell of every row would pay. */
export function isPlaceholder(cell: string, placeholders: ReadonlySet<string> = PLACEHOLDERS): boolean {
  return cell.length <= LONGEST_PLACEHOLDER && placeholders.has(cell.toLowerCase());
}
