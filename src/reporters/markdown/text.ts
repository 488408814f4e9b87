import { escapeControls, requestName } from '../words/format.js';

/**
 * Makes a value from the CSV (or the config) safe to put anywhere in a markdown
 * document: inline text, a table cell, a heading, HTML. Line breaks become
 * spaces; HTML is entity-escaped; markdown punctuation is backslash-escaped, so
 * a title cannot close a table cell, open a code span or link, start a heading
 * or list, mention someone or inject markup. GitHub links `#12` and `@name` in
 * the rendered text, after backslashes are gone, so a word joiner (invisible)
 * follows them; dollars are shielded from GitHub's math. Other control
 * characters show as \u001b, so the document is safe to print on a terminal too.
 */
export function escapeMarkdown(value: string): string {
  const escaped = value
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}|#~@!]/g, '\\$&')
    .replace(/(\\[#@])(?=[\p{L}\p{N}_])/gu, '$1&#8288;')
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return shieldDollars(escapeControls(escaped));
}

/**
 * Every dollar sign as `<span>$</span>`, as GitHub's documentation advises, so that
 * two amounts on a line ("($60K), Brightpath ($18K)") never render as math. Idempotent.
 */
export function shieldDollars(markdown: string): string {
  return markdown.replace(/<span>\$<\/span>|\$/g, '<span>$$</span>');
}

/** "FR-101 SSO via Okta (SAML)", or the title alone when the request has no id of its own; each part through `text`. */
export function requestLabel(request: { id: string; title: string }, text: (value: string) => string = escapeMarkdown): string {
  return requestName(request, text);
}

/** A markdown table; cells must already be escaped. */
export function renderMarkdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * A function that replaces every name in a text with a neutral phrase: whole
 * words, ignoring case and spacing, longest name first. The patterns are built
 * once, and a cheap substring test skips the names a text cannot contain, so a
 * report with thousands of accounts stays fast.
 */
export function createRedactor(names: readonly string[], replacement = 'a customer'): (text: string) => string {
  const distinct = [...new Set(names.map(flatten).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  const patterns = distinct.map((name) => ({
    key: name.toLowerCase(),
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'),
  }));
  return (text) => {
    const folded = flatten(text).toLowerCase();
    return patterns.reduce((out, { key, pattern }) => (folded.includes(key) ? out.replace(pattern, replacement) : out), text);
  };
}

function flatten(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
