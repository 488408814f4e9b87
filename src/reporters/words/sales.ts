import type { Contribution } from '../../core/analysis/explain.js';
import type { Criterion } from '../../core/types.js';
import { createRedactor } from '../markdown/text.js';

/**
 * Words of company names that say nothing about which company it is: legal forms, trades and
 * everyday words. A customer is recognisable by its other words ("Northgate", "Atlas").
 */
const GENERIC_WORDS = new Set(
  (
    'a an and the of for in on at to by with from de del la le les et und der die das van von y e ' +
    'inc incorporated corp corporation co company llc llp lp ltd limited plc gmbh ag kg sa sas sarl srl spa bv nv ab as oy pty kk se ' +
    'group holding holdings systems system solutions services service technologies technology tech software labs lab partners ' +
    'international global worldwide industries industry enterprises enterprise media financial finance bank banking capital ' +
    'health healthcare insurance energy logistics manufacturing analytics learning dental retail consulting networks network ' +
    'digital data cloud department human credit union university college school hospital clinic city county state national ' +
    'american europe european north south east west new first united general pharmaceuticals pharma motors foods airlines ' +
    'communications telecom trust fund ventures studio studios agency association foundation institute center centre ' +
    'freight shipping transport construction realty legal medical pharmacy education engineering security marketing ' +
    'payments fintech mobile web games gaming travel hotels automotive aerospace chemicals mining farms ' +
    'point line one prime smart open next star sun blue green red bright gold silver'
  ).split(' '),
);

// An amount: a currency sign or code with a number, or a number with K, M, B or thousands separators.
const CURRENCY = String.raw`(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|INR|SEK|NOK|DKK)\b)`;
const NUMBER = String.raw`\d[\d.,' ]*\d|\d`;
const SCALE = String.raw`(?:\s?(?:[kKmMbB]n?|mm|thousand|million|billion)\b)?`;
const MONEY = new RegExp(
  [
    String.raw`${CURRENCY}\s?(?:${NUMBER})${SCALE}`,
    String.raw`(?:${NUMBER})${SCALE}\s?${CURRENCY}`,
    String.raw`\b\d+(?:[.,]\d+)?\s?(?:[kKmMbB]|mm|bn)\b`,
    String.raw`\b\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?\b`,
  ].join('|'),
  'gu',
);

/** Removes amounts from a text, and the brackets and spaces they leave: "SSO ($1.2M deal)" -> "SSO (deal)". */
export function removeMoney(text: string): string {
  // Marks where amounts were, so only the brackets and spaces around them are tidied ("alert()" stays).
  return text
    .replace(MONEY, '\u0000')
    .replace(/\(\s*\u0000[\s\u0000]*\)/g, '')
    .replace(/\(\s*\u0000\s*/g, '(')
    .replace(/\s*\u0000\s*\)/g, ')')
    .replace(/\s*\u0000\s*/g, ' ')
    .trim();
}

/**
 * A function that takes customers out of a text for sales: full names, then any run of words
 * of the names that holds a distinctive one ("Northgate asked", "Atlas Freight's ask"),
 * become "a customer"; amounts are removed.
 */
export function createScrubber(names: readonly string[]): (text: string) => string {
  const redactFull = createRedactor(names);
  const nameWords = new Set(names.flatMap(wordsOf));
  const isDistinctive = (word: string) => nameWords.has(word.toLowerCase()) && !GENERIC_WORDS.has(word.toLowerCase()) && isNameCase(word);
  return (text) => removeMoney(replaceNameRuns(redactFull(text), nameWords, isDistinctive));
}

/** Capitalised, or in a script without case: "two" in a title is a word, "Two" may be a name. */
function isNameCase(word: string): boolean {
  const first = word[0]!;
  return first === first.toUpperCase() && !/^\d/.test(first);
}

function wordsOf(name: string): string[] {
  return (name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1);
}

/** Replaces each run of name words (joined by spaces, dots, dashes or &) that holds a distinctive word. */
function replaceNameRuns(text: string, nameWords: ReadonlySet<string>, isDistinctive: (word: string) => boolean): string {
  // Words sit at the odd indices, with what separates them in between.
  const tokens = text.split(/([\p{L}\p{N}]+)/u);
  const isNameWord = (i: number) => nameWords.has(tokens[i]!.toLowerCase());
  const out = [tokens[0]!];
  for (let start = 1; start < tokens.length;) {
    let end = start;
    while (isNameWord(start) && end + 2 < tokens.length && /^[\s.&-]+$/.test(tokens[end + 1]!) && isNameWord(end + 2)) end += 2;
    const words = tokens.slice(start, end + 1).filter((_, k) => k % 2 === 0);
    const isName = isNameWord(start) && words.some(isDistinctive);
    out.push(isName ? 'a customer' : tokens.slice(start, end + 1).join(''), tokens[end + 1] ?? '');
    start = end + 2;
  }
  return out.join('');
}

const DEFAULT_PHRASES: Record<string, { strong: string; weak: string }> = {
  segment: { strong: 'a strong fit for {value} customers', weak: 'outside the customer segments we focus on' },
  alignment: { strong: 'closely aligned with our product strategy', weak: 'less aligned with our current product strategy' },
  effort: { strong: 'quick to build', weak: 'a large piece of work' },
  accounts: { strong: 'asked for by many customers', weak: 'asked for by few customers so far' },
};

/**
 * What a criterion says about a request, in words sales can forward: the config's `sales` phrase,
 * the default for its field, or its `label`; undefined when none fits, since the criterion's own
 * name is a model key. {value} is filled only with text (a segment): a number is an internal scale.
 */
export function salesPhrase(
  criterion: Criterion,
  contribution: Contribution,
  side: 'strong' | 'weak',
  text: (value: string) => string,
): string | undefined {
  const raw = contribution.score.raw;
  const value = typeof raw === 'string' ? raw : undefined;
  const labelled = criterion.label === undefined ? undefined : `${side === 'strong' ? 'strong on' : 'weaker on'} ${criterion.label}`;
  const phrase = [criterion.sales?.[side], DEFAULT_PHRASES[criterion.field]?.[side], labelled].find(
    (p) => p !== undefined && (value !== undefined || !p.includes('{value}')),
  );
  return phrase === undefined ? undefined : text(phrase.replaceAll('{value}', value ?? ''));
}
