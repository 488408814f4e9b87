import { countTexts } from './rules.js';
import { foldText } from '../text/folding.js';
import type { FeatureRequest } from '../types.js';

/** A map rebuilt from the values an export uses: known values keep their score, new ones start at `fallback`. */
export interface FilledMap {
  map: Record<string, number>;
  /** Values the template did not know, to be reviewed by a PM. */
  added: string[];
}

/** The map a starter config should have for a field, given the requests read from an export. */
export function fillMap(
  template: Readonly<Record<string, number>>,
  requests: readonly FeatureRequest[],
  field: string,
  fallback: number,
): FilledMap {
  const found = countTexts(requests, field);
  const kept = Object.entries(template).filter(([key]) => found.has(foldText(key)));
  const known = new Set(kept.map(([key]) => foldText(key)));
  // A value named __proto__ would vanish from the map a config is read into; it is left for the PM to see in check.
  const added = [...found].filter(([folded]) => !known.has(folded) && folded !== '__proto__').map(([, { text }]) => text);
  return { map: Object.fromEntries([...kept, ...added.map((text) => [text, fallback] as const)]), added };
}
