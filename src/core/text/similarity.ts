import { foldText } from './folding.js';
import { editDistance } from './suggest.js';
import type { FeatureRequest } from '../types.js';

/** Words that carry no meaning in a feature title ("SSO via Okta" ~ "SSO for Okta"). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'via', 'with']);

/** A likely duplicate of a request and how similar its title is (0..1). */
export interface Duplicate<T extends FeatureRequest> {
  request: T;
  similarity: number;
}

/** Dice coefficient of the titles' word sets: 2|A∩B| / (|A|+|B|), case, punctuation and stop words ignored. */
export function titleSimilarity(a: string, b: string): number {
  const [left, right] = [titleWords(a), titleWords(b)];
  if (left.size + right.size === 0) return 0;
  const shared = [...left].filter((word) => right.has(word)).length;
  return (2 * shared) / (left.size + right.size);
}

/** Titles already split: triage compares one title with every other on each card. */
const wordsByTitle = new Map<string, Set<string>>();
const MAX_CACHED_TITLES = 100_000;

function titleWords(title: string): Set<string> {
  let words = wordsByTitle.get(title);
  if (words) return words;
  if (wordsByTitle.size >= MAX_CACHED_TITLES) wordsByTitle.clear();
  words = new Set(
    foldText(title)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word && !STOP_WORDS.has(word)),
  );
  wordsByTitle.set(title, words);
  return words;
}

/** The other requests whose titles reach the threshold, most similar first. */
export function findDuplicates<T extends FeatureRequest>(request: FeatureRequest, others: readonly T[], threshold: number): Duplicate<T>[] {
  return others
    .filter((other) => other.id !== request.id)
    .map((other) => ({ request: other, similarity: titleSimilarity(request.title, other.title) }))
    .filter((d) => d.similarity >= threshold && d.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity);
}

/**
 * Up to `count` titles a free-text citation may mean, most alike first: those that share a word with it
 * (by titleSimilarity) or are within half their length in edits, a typo ("Salesforce 2-way sync").
 */
export function suggestTitles(text: string, titles: readonly string[], count = 2): string[] {
  const folded = foldText(text);
  return titles
    .map((title) => {
      const other = foldText(title);
      return {
        title,
        similarity: titleSimilarity(text, title),
        distance: editDistance(folded, other) / Math.max(folded.length, other.length, 1),
      };
    })
    .filter((t) => t.similarity > 0 || t.distance <= 0.5)
    .sort((x, y) => y.similarity - x.similarity || x.distance - y.distance)
    .slice(0, count)
    .map((t) => t.title);
}
