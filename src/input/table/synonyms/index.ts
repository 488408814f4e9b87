import { normalizeHeader } from '../header.js';
import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { JA } from './ja.js';
import { NL } from './nl.js';
import { PT } from './pt.js';
import type { SynonymTable } from './types.js';

/** Every language's table; English first, so its order breaks ties. Adding a language is adding a file here. */
const TABLES: readonly SynonymTable[] = [EN, DE, FR, ES, PT, NL, JA];

/** Field -> its header synonyms, normalized, in order of preference (each language's order kept, English first). */
export const FIELD_SYNONYMS: ReadonlyMap<string, readonly string[]> = mergeTables(TABLES);

/** Every field some language names a header for. */
export const KNOWN_FIELDS: readonly string[] = [...FIELD_SYNONYMS.keys()];

function mergeTables(tables: readonly SynonymTable[]): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const table of tables) {
    for (const [field, synonyms] of Object.entries(table)) {
      const list = merged.get(field) ?? [];
      for (const synonym of synonyms ?? []) {
        const normalized = normalizeHeader(synonym);
        if (!list.includes(normalized)) list.push(normalized);
      }
      merged.set(field, list);
    }
  }
  return merged;
}
