import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCollection, isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { configSchema, knownKeysAt, toScoringModel, type Config } from '../core/model.js';
import { suggestClosest } from '../core/suggest.js';
import type { Issue, ScoringModel } from '../core/types.js';
import { ConfigError } from '../errors.js';
import { describeFsError } from './open-source.js';

/** The default model ships as the commented example, so the two cannot drift. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../scoring.example.yaml', import.meta.url));
export const DEFAULT_CONFIG_NAME = 'scoring.yaml';
/** Larger configs are refused before parsing: a scoring model is a page, not megabytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_ALIAS_COUNT = 100;
/** A broken file can have thousands of syntax errors; the first ones are what the user needs. */
const MAX_SHOWN_ERRORS = 20;
/** A scoring model nests 5 levels (escalation[0].when.deal_value.min); deeper is an attack or a mistake. */
export const MAX_CONFIG_DEPTH = 32;

export interface LoadedConfig {
  /** The path read, or "default model". */
  source: string;
  isDefault: boolean;
  config: Config;
  model: ScoringModel;
}

export interface ParsedConfig {
  config?: Config;
  issues: Issue[];
}

/** Finds and validates the config: --config, else ./scoring.yaml, else the embedded default. Throws ConfigError listing every problem. */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  const found = path ?? (await findLocalConfig(cwd));
  const file = found ?? DEFAULT_CONFIG_PATH;
  const text = await readFile(resolve(cwd, file), 'utf8').catch((error: unknown) => {
    throw new ConfigError(`cannot read config ${file}: ${describeFsError(error)}`, { cause: error });
  });
  const source = found ?? 'default model';
  const { config, issues } = parseConfig(text, source);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!config || errors.length > 0) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    const more = errors.length > MAX_SHOWN_ERRORS ? `\n(${errors.length - MAX_SHOWN_ERRORS} more not shown)` : '';
    const shown = errors.slice(0, MAX_SHOWN_ERRORS).map(formatConfigIssue).join('\n');
    throw new ConfigError(`invalid config (${count}):\n${shown}${more}`);
  }
  return { source, isDefault: !found, config, model: toScoringModel(config) };
}

async function findLocalConfig(cwd: string): Promise<string | undefined> {
  const candidate = resolve(cwd, DEFAULT_CONFIG_NAME);
  return readFile(candidate).then(
    () => DEFAULT_CONFIG_NAME,
    () => undefined,
  );
}

/** `scoring.yaml:14:11 criteria.effort.weight: expected a positive number, got "high"` */
export function formatConfigIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.col].filter((part) => part !== undefined).join(':');
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

/** Parses and validates config text; every problem comes back located by line and column. */
export function parseConfig(text: string, file: string): ParsedConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    return {
      issues: [
        {
          code: 'CONFIG_TOO_LARGE',
          severity: 'error',
          file,
          message: `is over ${MAX_CONFIG_BYTES / 1024} KB; a scoring model is a page, not megabytes`,
        },
      ],
    };
  }
  // Checked before parsing too: the parser takes seconds on a megabyte of [[[[.
  if (flowDepthOf(text) > MAX_CONFIG_DEPTH || compactDepthOf(text) > MAX_CONFIG_DEPTH) return { issues: [tooDeep(file)] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const syntax: Issue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX',
    severity: doc.errors.includes(e) ? 'error' : 'warning',
    ...at(e.pos[0]),
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (doc.errors.length > 0) return { issues: syntax };
  if (depthOf(doc.contents) > MAX_CONFIG_DEPTH) return { issues: [tooDeep(file)] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return {
      issues: [
        {
          code: 'YAML_ALIAS_LIMIT',
          severity: 'error',
          file,
          message: `refused: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const result = configSchema.safeParse(data ?? {}, { reportInput: true });
  if (result.success) return { config: result.data, issues: syntax };
  const issues = result.error.issues.flatMap((issue) => toIssues(issue, doc, at));
  return { issues: [...syntax, ...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0)) };
}

function tooDeep(file: string): Issue {
  return {
    code: 'CONFIG_TOO_DEEP',
    severity: 'error',
    file,
    message: `nests deeper than ${MAX_CONFIG_DEPTH} levels; a scoring model needs 5`,
  };
}

/** Deepest [ / { nesting outside quotes and comments: an upper bound of the flow depth, found in one pass. */
export function flowDepthOf(text: string): number {
  let [depth, max, quote, isComment] = [0, 0, '', false];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (isComment) isComment = char !== '\n';
    else if (quote) {
      if (char === '\\' && quote === '"') i += 1;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) isComment = true;
    else if (char === '[' || char === '{') max = Math.max(max, (depth += 1));
    else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return max;
}

/** Most "- " / "? " indicators opening one line (`- - - a` is a list in a list in a list). */
export function compactDepthOf(text: string): number {
  let max = 0;
  for (const match of text.matchAll(/^[ \t]*((?:[-?][ \t]+)+)/gm)) {
    max = Math.max(max, match[1]!.replace(/[ \t]/g, '').length);
  }
  return max;
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
      if (depth <= MAX_CONFIG_DEPTH) for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return max;
}

type Locate = (offset: number) => { file: string; line: number; col: number };

function toIssues(issue: z.core.$ZodIssue, doc: Document, at: Locate): Issue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: 'UNKNOWN_KEY',
      severity: 'error',
      ...at(keyNode(doc, path, key)?.range?.[0] ?? nearestNode(doc, path)?.range?.[0] ?? 0),
      path: dotPath([...path, key]),
      message: unknownKeyMessage(key, knownKeysAt(path)),
    }));
  }
  const node = nearestNode(doc, path);
  return [
    {
      code: issueCode(issue),
      severity: 'error',
      ...at(node?.range?.[0] ?? 0),
      path: dotPath(path),
      message: describeIssue(issue),
    },
  ];
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
function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? describeValue(issue.input) : undefined;
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

function dotPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The deepest node that exists on the path: a missing key is reported at its parent. */
function nearestNode(doc: Document, path: readonly (string | number)[]): YamlNode | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

function keyNode(doc: Document, path: readonly (string | number)[], key: string): YamlNode | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return isScalar(pair?.key) ? pair.key : undefined;
}
