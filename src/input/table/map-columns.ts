import { InputError } from '../../errors.js';
import { suggestClosest } from '../../core/suggest.js';
import { inferColumns, type ColumnChoice, type InferenceInput } from './infer-columns.js';

/** Where each field's cells are: a field may span repeated headers (Jira's several `Custom field (Client)`). */
export interface ColumnMap {
  indices: Map<string, number[]>;
  /** The header each field was read from, for summaries and messages. */
  headers: Record<string, string>;
  /** Each field's choice with its evidence, for `pm-rank columns`, the close-call note and the JSON summary. */
  choices: ColumnChoice[];
}

/** Longest header quoted in a message: a binary file or a runaway cell must not flood the terminal. */
const MAX_QUOTED = 80;

/**
 * Infers the export's columns (see inferColumns). A header the config names that the
 * export lacks stops the run, since scoring without it would be silently wrong;
 * `check` allows it, to report it as a finding among the others.
 */
export function mapColumns(source: string, input: InferenceInput, isMissingAllowed = false): ColumnMap {
  const { choices, missing } = inferColumns(input);
  const absent = missing[0];
  if (absent && !isMissingAllowed) {
    const closest = suggestClosest(
      absent.header,
      input.header.map((h) => h.trim()),
    );
    const hint = closest ? `; did you mean "${quoteHeader(closest)}"?` : ` (it has ${describeHeader(input.header)})`;
    throw new InputError(`${source} has no column "${quoteHeader(absent.header)}" (columns.${absent.field})${hint}`);
  }
  const order = [...Object.keys(input.configured), ...input.wanted.map((w) => w.field)];
  const list = [...choices.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return {
    indices: new Map(list.map((c) => [c.field, c.indices])),
    headers: Object.fromEntries(list.map((c) => [c.field, c.header])),
    choices: list,
  };
}

/** A header cut to a readable length. */
export function quoteHeader(header: string): string {
  const trimmed = header.trim();
  return trimmed.length > MAX_QUOTED ? `${trimmed.slice(0, MAX_QUOTED - 1)}…` : trimmed;
}

/** The header cells, quoted, for messages about a header that lacks something. */
export function describeHeader(record: readonly string[]): string {
  const cells = record.filter((h) => h.trim()).map((h) => `"${quoteHeader(h)}"`);
  return cells.length > 12 ? `${cells.slice(0, 12).join(', ')} and ${cells.length - 12} more` : cells.join(', ');
}
