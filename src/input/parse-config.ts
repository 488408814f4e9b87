import { isCollection, isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { z } from 'zod';
import { checkConfig, formatConfigPath, type ConfigFinding, type ConfigPath } from '../core/config/rules.js';
import { configSchema, knownKeysAt, type Config } from '../core/config/schema.js';
import { toScoringModel } from '../core/config/normalize.js';
import { suggestClosest } from '../core/text/suggest.js';
import type { Issue, ScoringModel } from '../core/types.js';
import { ConfigError } from '../errors.js';
import { KNOWN_FIELDS } from './table/synonyms/index.js';
import { MAX_CONFIG_BYTES } from './limits.js';

const MAX_ALIAS_COUNT = 100;
/** Deeper nesting is refused before parsing: a scoring model is a few levels deep, and the parser would take seconds. */
export const MAX_NESTING_DEPTH = 32;
/** A broken file can have thousands of syntax errors; the first ones are what the user needs. */
const MAX_SHOWN_ERRORS = 20;

export interface ParsedConfig {
  config?: Config;
  issues: Issue[];
  /** Places a finding found later (against data, say) in the file, like the loader's own. */
  locate: (finding: ConfigFinding) => Issue;
}

/** A validated config, the model made from it, and where it came from. */
export interface LoadedConfig {
  /** The path read, or "default model". */
  source: string;
  isDefault: boolean;
  config: Config;
  model: ScoringModel;
}

/** Validates config text read elsewhere (a git revision, say); throws ConfigError listing every problem. */
export function loadConfigText(text: string, source: string, isDefault = false): LoadedConfig {
  const { config, issues } = parseConfig(text, source);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!config || errors.length > 0) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    const more = errors.length > MAX_SHOWN_ERRORS ? `\n(${errors.length - MAX_SHOWN_ERRORS} more not shown)` : '';
    const shown = errors.slice(0, MAX_SHOWN_ERRORS).map(formatConfigIssue).join('\n');
    throw new ConfigError(`invalid config (${count}):\n${shown}${more}`);
  }
  return { source, isDefault, config, model: toScoringModel(config) };
}

/** `scoring.yaml:14:11 criteria.effort.weight: expected a positive number, got "high"` */
export function formatConfigIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.col].filter((part) => part !== undefined).join(':');
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

/** Parses and validates config text; every problem comes back located by line and column. */
export function parseConfig(text: string, file: string): ParsedConfig {
  const { value, issues, locate } = parseYamlAs(text, file, configSchema, knownKeysAt, (config) => checkConfig(config, KNOWN_FIELDS));
  return value === undefined ? { issues, locate } : { config: value, issues, locate };
}

/**
 * Parses YAML (refusing huge, deep or alias-bombed input first), validates it
 * with a schema and then with `check` for what a schema cannot express; every
 * problem comes back as an issue located by line and column.
 */
export function parseYamlAs<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  knownKeys: (path: readonly (string | number)[]) => string[],
  check: (value: z.output<S>) => ConfigFinding[] = () => [],
): { value?: z.output<S>; issues: Issue[]; locate: (finding: ConfigFinding) => Issue } {
  const unlocated = (code: string, message: string) => ({
    issues: [{ code, severity: 'error' as const, file, message }],
    locate: (f: ConfigFinding): Issue => ({ code: f.code, severity: f.severity, file, path: formatConfigPath(f.path), message: f.message }),
  });
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    return unlocated('CONFIG_TOO_LARGE', `is over ${MAX_CONFIG_BYTES / 1024} KB; a scoring model is a page, not megabytes`);
  }
  const tooDeep = unlocated(
    'YAML_TOO_DEEP',
    `refused: nested more than ${MAX_NESTING_DEPTH} levels deep; a scoring model is a few levels deep`,
  );
  if (measureNesting(text) > MAX_NESTING_DEPTH) return tooDeep;
  const lineCounter = new LineCounter();
  // The parser's own duplicate-key check compares each key with every earlier one: 45 s for a 55k-key map. keyProblems is linear.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const locate = (f: ConfigFinding): Issue => ({
    code: f.code,
    severity: f.severity,
    ...at(locatePath(doc, f.path, f.isKey === true)),
    path: formatConfigPath(f.path),
    message: f.message,
  });
  const syntax: Issue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX',
    severity: doc.errors.includes(e) ? 'error' : 'warning',
    ...at(e.pos[0]),
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (doc.errors.length > 0) return { issues: syntax, locate };
  // The text scan can undercount (explicit `? ` keys holding collections); the parsed tree cannot.
  if (depthOf(doc.contents) > MAX_NESTING_DEPTH) return tooDeep;
  const duplicates = keyProblems(doc.contents).map(({ key, code }): Issue => ({
    code,
    severity: 'error',
    ...at(key.range?.[0] ?? 0),
    message:
      code === 'DUPLICATE_KEY'
        ? `duplicate key "${String(key.value)}"`
        : `key "__proto__" cannot be read: it names the object's prototype, so it would be dropped; rename it`,
  }));
  if (duplicates.length > 0) return { issues: sortByPosition([...syntax, ...duplicates]), locate };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return unlocated('YAML_ALIAS_LIMIT', `refused: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = schema.safeParse(data ?? {}, { reportInput: true });
  if (!result.success) {
    const findings = result.error.issues.flatMap((issue) => toFindings(issue, knownKeys, writtenAt(doc, issue.path)));
    return { issues: sortByPosition([...syntax, ...findings.map(locate)]), locate };
  }
  return { value: result.data, issues: sortByPosition([...syntax, ...check(result.data).map(locate)]), locate };
}

/** File order, so a reader fixes problems top to bottom. */
export function sortByPosition(issues: Issue[]): Issue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/**
 * Nesting depth from the text alone, in one pass and without recursion: block
 * indentation levels, compact "- - " items, and flow brackets outside quotes.
 * Comments and block scalars may overcount, which matters only far above any real config.
 */
export function measureNesting(text: string): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  for (const line of text.split('\n')) {
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (flow === 0) {
      const indent = line.length - body.length;
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
    }
    const dashes = countLeadingDashes(body);
    let quote: string | undefined;
    for (const ch of body) {
      if (quote) quote = ch === quote ? undefined : quote;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#') break;
      else if (ch === '[' || ch === '{') flow += 1;
      else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
      deepest = Math.max(deepest, indents.length + dashes + flow);
    }
  }
  return deepest;
}

/** Compact nested items: "- - - x" (or "? ? x", explicit keys) is three levels on one line. */
function countLeadingDashes(body: string): number {
  let count = 0;
  let i = 0;
  while ((body[i] === '-' || body[i] === '?') && (body[i + 1] === ' ' || body[i + 1] === undefined)) {
    count += 1;
    i += 2;
    while (body[i] === ' ') i += 1;
  }
  return count;
}

/** Nesting depth of a parsed document, keys included (`? ` makes a key a collection), without recursion. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (isPair(node)) stack.push([node.key, depth], [node.value, depth]);
    else if (isCollection(node)) {
      max = Math.max(max, depth);
      if (depth <= MAX_NESTING_DEPTH) for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return max;
}

/**
 * Every key that repeats an earlier key of its map, compared as toJS would make them property names (so `1`
 * and `"1"` clash), and every `__proto__` key, which a JavaScript object would silently drop (a request id too).
 */
function keyProblems(root: unknown): { key: Scalar; code: 'DUPLICATE_KEY' | 'PROTOTYPE_KEY' }[] {
  const repeated: { key: Scalar; code: 'DUPLICATE_KEY' | 'PROTOTYPE_KEY' }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isCollection(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        stack.push(item);
        if (!isMap(node) || !isPair(item) || !isScalar(item.key)) continue;
        const name = String(item.key.value);
        if (name === '__proto__') repeated.push({ key: item.key, code: 'PROTOTYPE_KEY' });
        else if (seen.has(name)) repeated.push({ key: item.key, code: 'DUPLICATE_KEY' });
        else seen.add(name);
      }
    }
  }
  return repeated;
}

/** A number's text as the file spells it (1e400, not the Infinity it parses to), for messages. */
function writtenAt(doc: Document, path: readonly PropertyKey[]): string | undefined {
  if (path.some((key) => typeof key === 'symbol')) return undefined;
  const node: unknown = doc.getIn(path as (string | number)[], true);
  return isScalar(node) && typeof node.value === 'number' ? node.source : undefined;
}

function toFindings(
  issue: z.core.$ZodIssue,
  knownKeys: (path: readonly (string | number)[]) => string[],
  written: string | undefined,
): ConfigFinding[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: 'UNKNOWN_KEY',
      severity: 'error',
      path: [...path, key],
      isKey: true,
      message: unknownKeyMessage(key, knownKeys(path)),
    }));
  }
  return [{ code: issueCode(issue), severity: 'error', path, message: describeIssue(issue, written) }];
}

function unknownKeyMessage(key: string, known: string[]): string {
  const suggestion = suggestClosest(key, known);
  return suggestion ? `unknown key "${key}"; did you mean "${suggestion}"?` : `unknown key "${key}" (expected one of: ${known.join(', ')})`;
}

function issueCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return (issue.params?.code as string | undefined) ?? 'INVALID_VALUE';
  const codes: Partial<Record<string, string>> = {
    invalid_type: 'INVALID_TYPE',
    too_small: 'OUT_OF_RANGE',
    too_big: 'OUT_OF_RANGE',
    invalid_value: 'INVALID_VALUE',
    invalid_format: 'INVALID_FORMAT',
    invalid_union: 'INVALID_VALUE',
  };
  return codes[issue.code] ?? 'INVALID_VALUE';
}

/** Zod's facts in the style of our messages: what was expected, what was found. */
function describeIssue(issue: z.core.$ZodIssue, written: string | undefined): string {
  const got = written ?? ('input' in issue ? describeValue(issue.input) : undefined);
  const found = got === undefined ? '' : `, got ${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return got === 'nothing' ? `expected ${article(issue.expected)}, but it is missing` : `expected ${article(issue.expected)}${found}`;
    case 'too_small':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${found}`;
      return `${issue.message}${found}`;
    case 'too_big':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}${found}`;
      return `${issue.message}${found}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${found}`;
    case 'invalid_union':
      return `expected {min, max} for a number or a list of values for text${found}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** The offset of a path's node: a key's own scalar when the finding is about the key, else the deepest node that exists (a missing key is reported at its parent). */
function locatePath(doc: Document, path: ConfigPath, isKey: boolean): number {
  const key = isKey ? keyNode(doc, path.slice(0, -1), path.at(-1)!) : undefined;
  return (key ?? nearestNode(doc, path))?.range?.[0] ?? 0;
}

function nearestNode(doc: Document, path: ConfigPath): YamlNode | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

function keyNode(doc: Document, path: ConfigPath, key: string | number): YamlNode | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
  return isScalar(pair?.key) ? pair.key : undefined;
}
