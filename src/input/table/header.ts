/**
 * A header as the synonym tables spell it: lower case, accents and width folded
 * (`Größe` -> `grosse`, full-width `ＩＤ` -> `id`), and the decorations exports add
 * removed: Jira's `Custom field (X)`, type suffixes (`Name [txt]`, `ARR [dec]`),
 * currency, unit and scale suffixes (`Amount (USD)`, `ARR ($)`, `Fit (1-5)`), punctuation.
 * Salesforce's `(converted)` stays as a word, since it tells which amount to prefer.
 */
export function normalizeHeader(header: string): string {
  return foldWidthAndAccents(header)
    .replace(/^custom field \((.*)\)$/, '$1')
    .replace(/\s*\[[a-z ]{2,12}\]$/, '')
    .replace(/\s*\((?:[a-z]{3}|[$€£¥]|k|m|%|\d+\s*[-–]\s*\d+)\)$/, '')
    .replace(/[_\-./:#()'"’,;|[\]{}*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part after a cross-object prefix (`Feature Request: Feature Request Name` -> `Feature Request Name`), if any. */
export function withoutObjectPrefix(header: string): string | undefined {
  // Salesforce writes `Object: Field`, Pipedrive `Deal - Field`.
  const match = /^[^:()]{2,60}:\s*(\S.*)$/.exec(header.trim()) ?? /^[^:()\-–]{2,40}\s[-–]\s(\S.*)$/.exec(header.trim());
  return match?.[1];
}

function foldWidthAndAccents(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .trim();
}
