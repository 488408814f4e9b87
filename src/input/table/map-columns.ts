import { InputError } from '../../errors.js';
import { suggestClosest } from '../../core/text/suggest.js';
import { quote, quoteList } from '../../core/text/quote.js';
import { inferColumns, type ColumnChoice, type InferenceInput } from './infer-columns.js';

/** Where each field's cells are: a field may span repeated headers (Jira's several `Custom field (Client)`). */
export interface ColumnMap {
  indices: Map<string, number[]>;
  /** The header each field was read from, for summaries and messages. */
  headers: Record<string, string>;
  /** Each field's choice with its evidence, for `pm-rank columns`, the close-call note and the JSON summary. */
  choices: ColumnChoice[];
  /** Two sample values per column. */
  samples: string[][];
}

/**
 * Infers the export's columns (see inferColumns). A header the config names that the
 * export lacks stops the run, since scoring without it would be silently wrong;
 * `check` allows it, to report it as a finding among the others.
 */
export function mapColumns(source: string, input: InferenceInput, isMissingAllowed = false): ColumnMap {
  const { choices, missing, samples } = inferColumns(input);
  const absent = missing[0];
  if (absent && !isMissingAllowed) {
    const closest = suggestClosest(
      absent.header,
      input.header.map((h) => h.trim()),
    );
    const hint = closest ? `; did you mean ${quote(closest)}?` : ` (it has ${describeHeader(input.header)})`;
    throw new InputError(`${source} has no column ${quote(absent.header)} (columns.${absent.field})${hint}`);
  }
  const order = [...Object.keys(input.configured), ...input.wanted.map((w) => w.field)];
  const list = [...choices.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return {
    indices: new Map(list.map((c) => [c.field, c.indices])),
    headers: Object.fromEntries(list.map((c) => [c.field, c.header])),
    choices: list,
    samples,
  };
}

/** The header's cells, quoted, for messages about a header that lacks something: about 80 characters of it, however long the header. */
export function describeHeader(record: readonly string[]): string {
  return quoteList(record.filter((h) => h.trim()));
}
