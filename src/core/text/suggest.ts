/** The candidate closest to a misspelling, when it is close enough to be what the user meant. */
export function suggestClosest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Levenshtein distance, with adjacent transpositions counted as one edit ("scael" -> "scale"). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Up to `count` candidates that look like a free-text title, most alike first:
 * those within half their length in edits, or sharing a word of four letters
 * or more ("Salesforce sync" -> "Salesforce two-way sync").
 */
export function suggestSimilar(text: string, candidates: readonly string[], count = 2): string[] {
  const words = significantWords(text);
  return candidates
    .map((candidate) => {
      const a = text.toLowerCase();
      const b = candidate.toLowerCase();
      const distance = editDistance(a, b) / Math.max(a.length, b.length, 1);
      const shared = [...significantWords(candidate)].filter((w) => words.has(w)).length;
      return { candidate, distance, shared };
    })
    .filter((c) => c.distance <= 0.5 || c.shared > 0)
    .sort((x, y) => y.shared - x.shared || x.distance - y.distance)
    .slice(0, count)
    .map((c) => c.candidate);
}

function significantWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4),
  );
}
