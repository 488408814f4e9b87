import { parseDate } from '../../core/text/dates.js';
import { parseQuantity } from '../../core/text/numbers.js';
import { foldText } from '../../core/text/folding.js';
import { isPlaceholder } from './cells.js';

/** What a sample of a column's cells looks like: the content evidence of column inference. */
export interface ColumnProfile {
  /** Share of sampled rows with a value (placeholders such as `n/a` count as empty). */
  fill: number;
  /** Distinct values over filled cells. */
  distinct: number;
  /** Shares of filled cells of each shape. */
  number: number;
  money: number;
  /** Whole numbers 1-10: a PM's score. */
  scale: number;
  /** T-shirt sizes (XS-XXL, Small/Medium/Large). */
  size: number;
  date: number;
  /** Ids: `ABC-123`, `#123`, `FR-0042`, plain numbers, UUIDs. */
  id: number;
  /** Per separator (`;` as multi-select and multi-picklist fields export, `,` as feedback tools list linked features), how the cells list values. */
  lists: Readonly<Record<ListSeparator, ListShape>>;
  /** Mean length of filled cells. */
  length: number;
  /** The first two distinct filled values, for showing the choice. */
  samples: string[];
  /** Folded distinct values (capped), to match against the model's map keys. */
  values: ReadonlySet<string>;
}

export type ListSeparator = ';' | ',';

export interface ListShape {
  /** Share of filled cells that list several values. */
  share: number;
  /** Share of those with a part that also stands alone or recurs in another list: a list of values, not a title that has a `;`. */
  known: number;
}

const SEPARATORS: readonly ListSeparator[] = [';', ','];
const SIZES = new Set([
  'xxs',
  'xs',
  's',
  'm',
  'l',
  'xl',
  'xxl',
  'xxxl',
  'small',
  'medium',
  'large',
  'x large',
  'extra large',
  'xsmall',
  'xlarge',
]);
const ID_SHAPE =
  /^(?:#?\d{1,12}|[A-Za-z][A-Za-z0-9]{0,9}-\d{1,9}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9]{15}|[A-Za-z0-9]{18})$/;
const HAS_DIGIT = /\d/;
/** Project-key ids: letters, a hyphen, digits. */
const KEY_SHAPE = /^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,9}$/;
const MONEY_MARK = /[$€£¥₹]|(?:^|[\s\d])(?:[A-Z]{3})(?:$|[\s\d])/;
const MAX_VALUES = 500;

/** Profiles one column over the sampled records. */
export function profileColumn(records: readonly (readonly string[])[], index: number): ColumnProfile {
  const counts = { filled: 0, number: 0, money: 0, scale: 0, size: 0, date: 0, id: 0, length: 0 };
  const values = new Set<string>();
  const samples: string[] = [];
  const lists: Record<ListSeparator, string[]> = { ';': [], ',': [] };
  for (const record of records) {
    const cell = (record[index] ?? '').trim();
    if (isPlaceholder(cell)) continue;
    counts.filled += 1;
    counts.length += cell.length;
    const folded = foldText(cell);
    if (!values.has(folded)) {
      if (samples.length < 2) samples.push(cell);
      if (values.size < MAX_VALUES) values.add(folded);
    }
    tally(counts, cell, folded);
    for (const separator of SEPARATORS) {
      if (isList(cell, separator) && lists[separator].length < MAX_VALUES) lists[separator].push(folded);
    }
  }
  const share = (n: number) => (counts.filled === 0 ? 0 : n / counts.filled);
  return {
    fill: records.length === 0 ? 0 : counts.filled / records.length,
    distinct: share(values.size),
    number: share(counts.number),
    money: share(counts.money),
    scale: share(counts.scale),
    size: share(counts.size),
    date: share(counts.date),
    id: share(counts.id),
    lists: {
      ';': listShape(lists[';'], ';', values, counts.filled),
      ',': listShape(lists[','], ',', values, counts.filled),
    },
    length: share(counts.length),
    samples,
    values,
  };
}

type Counts = Record<'number' | 'money' | 'scale' | 'size' | 'date' | 'id', number>;

/** Most cells are words: only a cell with a digit can be a number, a date or a numeric id, so the rest skip those parsers. */
function tally(counts: Counts, cell: string, folded: string): void {
  if (SIZES.has(folded)) counts.size += 1;
  if (!HAS_DIGIT.test(cell)) return;
  if (ID_SHAPE.test(cell)) counts.id += 1;
  if (cell.length <= 30 && parseDate(cell) !== undefined) counts.date += 1;
  // `REQ-201` would read as 201 in a currency called REQ.
  if (cell.length > 40 || KEY_SHAPE.test(cell)) return;
  const quantity = parseQuantity(cell) ?? (cell.includes(',') ? parseQuantity(cell, ',') : undefined);
  if (!quantity) return;
  counts.number += 1;
  if (quantity.currency || MONEY_MARK.test(cell)) counts.money += 1;
  if (Number.isInteger(quantity.value) && quantity.value >= 1 && quantity.value <= 10 && !quantity.currency) counts.scale += 1;
}

function isList(cell: string, separator: ListSeparator): boolean {
  return cell.includes(separator) && cell.split(separator).every((part) => part.trim() !== '');
}

/** Lists whose parts are seen elsewhere: alone in a cell, or in another list (multi-select values recur; a title's fragments do not). */
function listShape(lists: readonly string[], separator: ListSeparator, values: ReadonlySet<string>, filled: number): ListShape {
  const partsOf = lists.map((list) => [...new Set(list.split(separator).map((part) => part.trim()))]);
  const listsWith = new Map<string, number>();
  for (const part of partsOf.flat()) listsWith.set(part, (listsWith.get(part) ?? 0) + 1);
  const known = partsOf.filter((parts) => parts.some((part) => values.has(part) || listsWith.get(part)! > 1)).length;
  return { share: filled === 0 ? 0 : lists.length / filled, known: lists.length === 0 ? 0 : known / lists.length };
}
