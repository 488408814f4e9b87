/** Case- and space-insensitive form of a text, for matching map keys, titles and accounts. */
export function foldText(text: string): string {
  // Called for every cell that names a request, account or category: skip the regex when no run of spaces needs it.
  const folded = text.trim().toLowerCase();
  return NEEDS_SPACE_FOLD.test(folded) ? folded.replace(/\s+/g, ' ') : folded;
}

const NEEDS_SPACE_FOLD = /\s\s|[^\S ]/;

/** Distinct texts a folder remembers; past it, texts are folded afresh (an export of unique names should not double its memory). */
const MAX_REMEMBERED_TEXTS = 100_000;

/** A text as first seen, shared by every later copy, and its folded form. */
export interface FoldedText {
  text: string;
  folded: string;
}

/**
 * A memoized foldText that also interns: an export repeats the same account,
 * segment and status text on many rows, so each distinct text is folded once,
 * and every row's copy can give way to one shared string.
 */
export function createTextFolder(): (text: string) => FoldedText {
  const seen = new Map<string, FoldedText>();
  return (text) => {
    let entry = seen.get(text);
    if (!entry) {
      entry = { text, folded: foldText(text) };
      if (seen.size < MAX_REMEMBERED_TEXTS) seen.set(text, entry);
    }
    return entry;
  };
}
