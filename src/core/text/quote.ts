/** The most a message quotes of a file's text: enough to recognise a header, never a dump of a binary file. */
export const QUOTE_MAX = 80;

/** `text` trimmed and in double quotes, cut to `max` characters with an ellipsis. */
export function quote(text: string, max = QUOTE_MAX): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return `"${trimmed}"`;
  // By code point, so the cut never splits an emoji into half a surrogate pair.
  return `"${Array.from(trimmed)
    .slice(0, max - 1)
    .join('')}…"`;
}

/** The items quoted and joined, about `max` characters of them, then how many more: a list of headers or sheets never floods a message. */
export function quoteList(items: readonly string[], max = QUOTE_MAX): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const quoted = quote(item, max);
    if (shown.length > 0 && length + quoted.length > max) break;
    shown.push(quoted);
    length += quoted.length + 2;
  }
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
