import { foldText } from '../../core/text.js';
import { COLUMN_SYNONYMS, normalizeHeader } from './column-synonyms.js';

/** Where each field's cells are: a field may span repeated headers (Jira's several `Labels`). */
export interface ColumnMap {
  indices: Map<string, number[]>;
  /** The header each field was read from, for summaries and messages. */
  headers: Record<string, string>;
}

/**
 * Finds each wanted field's columns: the configured header (case-insensitive,
 * trimmed) when there is one, else the first synonym the export uses. A header
 * serves one field only; configured columns claim theirs first.
 */
export function mapColumns(header: readonly string[], configured: Readonly<Record<string, string>>, wanted: Iterable<string>): ColumnMap {
  const map: ColumnMap = { indices: new Map(), headers: {} };
  const claimed = new Set<number>();
  const fields = [...new Set([...Object.keys(configured), ...wanted])];
  const assign = (field: string, matches: (h: string) => boolean) => {
    const found = header.flatMap((h, i) => (!claimed.has(i) && h.trim() !== '' && matches(h) ? [i] : []));
    if (found.length === 0) return false;
    found.forEach((i) => claimed.add(i));
    map.indices.set(field, found);
    map.headers[field] = header[found[0]!]!.trim();
    return true;
  };
  for (const field of fields.filter((f) => f in configured)) {
    const wantedHeader = foldText(configured[field]!);
    assign(field, (h) => foldText(h) === wantedHeader);
  }
  for (const field of fields.filter((f) => !(f in configured))) {
    for (const synonym of COLUMN_SYNONYMS[field] ?? [normalizeHeader(field)]) {
      if (assign(field, (h) => normalizeHeader(h) === synonym)) break;
    }
  }
  return map;
}
