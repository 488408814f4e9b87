/** Case- and space-insensitive form of a text, for matching map keys, titles and accounts. */
export function foldText(text: string): string {
  // Called for every cell that names a request, account or category: skip the regex when no run of spaces needs it.
  const folded = text.trim().toLowerCase();
  return NEEDS_SPACE_FOLD.test(folded) ? folded.replace(/\s+/g, ' ') : folded;
}

const NEEDS_SPACE_FOLD = /\s\s|[^\S ]/;
