import { suggestClosest } from '../text/suggest.js';
import { DERIVED_FIELDS, STANDARD_FIELDS, WIN_LOSS_FIELDS } from '../text/fields.js';
import { agingFieldOf } from './normalize.js';
import type { Config } from './schema.js';
import { foldText } from '../text/folding.js';
import type { IssueArgs, IssueCode, Severity } from '../issues.js';
import { parseLabelRange } from '../requests/ranges.js';
import type { FeatureRequest } from '../types.js';

/** A path into the config document: keys and list indices. */
export type ConfigPath = readonly (string | number)[];

/** A config problem before it is located in the file: the loader turns `path` into line and column. */
export type ConfigFinding = {
  [C in IssueCode]: {
    code: C;
    severity: Severity;
    args: IssueArgs[C];
    path: ConfigPath;
    /** The finding is about the key at `path` (a name), not its value. */
    isKey?: boolean;
  };
}[IssueCode];

/** `criteria.effort.map.XL`, `horizons[1].min_score` */
export function formatConfigPath(path: ConfigPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Checks a schema-valid config for what a schema cannot express: clashes between names, fields nothing defines. */
/** `detectable`: fields the reader recognises by header (the synonym table), which a config may use without naming a column. */
export function checkConfig(config: Config, detectable: Iterable<string> = []): ConfigFinding[] {
  return [
    ...findFoldedClashes(Object.keys(config.criteria ?? {}), ['criteria'], 'CRITERION_NAME_CLASH'),
    ...Object.entries(config.criteria ?? {}).flatMap(([name, c]) =>
      findFoldedClashes(Object.keys(c.map ?? {}), ['criteria', name, 'map'], 'MAP_KEY_CLASH'),
    ),
    ...findHeaderClashes(config.columns),
    ...findUnknownEscalationFields(config, detectable),
    ...findConditionRanges(config),
    ...findUnreachableHorizons(config),
    ...findNameClashes(
      config.horizons.map((h) => h.name),
      (i) => ['horizons', i, 'name'],
      'HORIZON_NAME_CLASH',
    ),
    ...findNameClashes(
      config.escalation.map((r) => r.name),
      (i) => ['escalation', i, 'name'],
      'ESCALATION_NAME_CLASH',
    ),
  ];
}

/** Keys that differ only by case or spacing: the map reads them as one, so the later silently wins. */
function findFoldedClashes(keys: string[], parent: ConfigPath, code: 'CRITERION_NAME_CLASH' | 'MAP_KEY_CLASH'): ConfigFinding[] {
  const seen = new Map<string, string>();
  return keys.flatMap((key) => {
    const first = seen.get(foldText(key));
    if (first === undefined) {
      seen.set(foldText(key), key);
      return [];
    }
    return [finding(code, { name: key, first }, [...parent, key], true)];
  });
}

function findNameClashes(
  names: string[],
  pathOf: (i: number) => ConfigPath,
  code: 'HORIZON_NAME_CLASH' | 'ESCALATION_NAME_CLASH',
): ConfigFinding[] {
  return names.flatMap((name, i) => {
    const first = names.findIndex((n) => foldText(n) === foldText(name));
    return first < i ? [finding(code, { name, index: first }, pathOf(i))] : [];
  });
}

/** A header serves one field only, so the second field naming it would never get a value. */
function findHeaderClashes(columns: Config['columns']): ConfigFinding[] {
  const fields = Object.keys(columns);
  return fields.flatMap((field, i) => {
    const first = fields.findIndex((f) => foldText(columns[f]!) === foldText(columns[field]!));
    return first < i ? [finding('COLUMN_HEADER_CLASH', { header: columns[field]!, field: fields[first]! }, ['columns', field])] : [];
  });
}

/** The fields a config can read: the standard and detectable ones, derived ones, win/loss ones, and any it names. */
export function definedFields(config: Config, detectable: Iterable<string>): Set<string> {
  return new Set<string>([
    ...STANDARD_FIELDS,
    ...detectable,
    ...DERIVED_FIELDS,
    ...WIN_LOSS_FIELDS,
    ...Object.keys(config.columns),
    ...Object.values(config.criteria ?? {}).map((c) => c.field),
  ]);
}

function findUnknownEscalationFields(config: Config, detectable: Iterable<string>): ConfigFinding[] {
  const defined = definedFields(config, detectable);
  return config.escalation.flatMap((rule, i) =>
    Object.keys(rule.when)
      .filter((field) => !defined.has(field))
      .map((field) => finding('ESCALATION_FIELD_UNKNOWN', { field }, ['escalation', i, 'when', field], true)),
  );
}

function findConditionRanges(config: Config): ConfigFinding[] {
  return config.escalation.flatMap((rule, i) =>
    Object.entries(rule.when).flatMap(([field, c]) =>
      !Array.isArray(c) && 'min' in c && c.min !== undefined && c.max !== undefined && c.min > c.max
        ? [finding('MIN_ABOVE_MAX', { min: c.min, max: c.max }, ['escalation', i, 'when', field, 'min'])]
        : [],
    ),
  );
}

/** Scores lie in [0, 100]; a horizon above 100 can never be reached. */
function findUnreachableHorizons(config: Config): ConfigFinding[] {
  return config.horizons.flatMap((h, i) =>
    h.min_score !== undefined && h.min_score > 100
      ? [warning('HORIZON_UNREACHABLE', { minScore: h.min_score }, ['horizons', i, 'min_score'])]
      : [],
  );
}

function finding<C extends IssueCode>(code: C, args: IssueArgs[C], path: ConfigPath, isKey = false): ConfigFinding {
  return { code, severity: 'error', args, path, ...(isKey ? { isKey } : {}) } as ConfigFinding;
}

/** What an export showed: the header each field was found under, and the requests read with this config. */
export interface DataProfile {
  source: string;
  /** The export's header row. */
  header: readonly string[];
  columns: Readonly<Record<string, string>>;
  requests: readonly FeatureRequest[];
}

/** Checks a config against a real export: columns it names but lacks, fields it cannot find, map keys and values that do not meet. */
export function checkConfigAgainstData(config: Config, data: DataProfile): ConfigFinding[] {
  const absent = Object.entries(config.columns)
    .filter(([field]) => !(field in data.columns))
    .map(([field, header]) =>
      finding('COLUMN_NOT_FOUND', { source: data.source, header, ...closestHeader(header, data.header) }, ['columns', field]),
    );
  const undetected = Object.entries(config.criteria ?? {})
    .filter(([, c]) => !(c.field in config.columns) && !(c.field in data.columns) && !isDerived(c.field))
    .map(([name, c]) => warning('FIELD_NOT_DETECTED', { source: data.source, field: c.field }, ['criteria', name, 'field']));
  const unmatched = config.escalation.flatMap((rule, i) =>
    Object.keys(rule.when)
      .filter((field) => !(field in config.columns) && !(field in data.columns) && !isDerived(field))
      .map((field) =>
        warning('FIELD_NOT_DETECTED', { source: data.source, field, rule: rule.name }, ['escalation', i, 'when', field], true),
      ),
  );
  return [
    ...absent,
    ...undetected,
    ...unmatched,
    ...findUndatedMentions(config, data),
    ...findUncountedAccounts(config, data),
    ...Object.entries(config.criteria ?? {}).flatMap(([name, c]) => (c.map ? checkMapCoverage(name, c.field, c.map, data) : [])),
  ];
}

/** Without a column for its date field, decay and stale_after have nothing to count from. */
function findUndatedMentions(config: Config, data: DataProfile): ConfigFinding[] {
  if (!config.decay && config.stale_after === undefined) return [];
  const field = agingFieldOf(config);
  if (field in config.columns || field in data.columns) return [];
  const path = config.decay === undefined ? ['stale_after'] : config.decay.field === undefined ? ['decay'] : ['decay', 'field'];
  return [warning('FIELD_NOT_DETECTED', { source: data.source, field }, path)];
}

/** Without an account column no row names a customer, so `accounts` is 0 for every request. */
function findUncountedAccounts(config: Config, data: DataProfile): ConfigFinding[] {
  if ('account' in data.columns || 'account' in config.columns) return [];
  const args = { source: data.source, field: 'accounts' };
  const criteria = Object.entries(config.criteria ?? {})
    .filter(([, c]) => c.field === 'accounts' && !c.count_unattributed)
    .map(([name]) => warning('FIELD_NOT_DETECTED', args, ['criteria', name, 'field']));
  const rules = config.escalation.flatMap((rule, i) =>
    'accounts' in rule.when
      ? [warning('FIELD_NOT_DETECTED', { ...args, rule: rule.name }, ['escalation', i, 'when', 'accounts'], true)]
      : [],
  );
  return [...criteria, ...rules];
}

function isDerived(field: string): boolean {
  return (DERIVED_FIELDS as readonly string[]).includes(field);
}

function checkMapCoverage(name: string, field: string, map: Record<string, number>, data: DataProfile): ConfigFinding[] {
  if (!(field in data.columns)) return [];
  const counts = countTexts(data.requests, field);
  const keys = new Set(Object.keys(map).map(foldText));
  const unused = Object.keys(map)
    .filter((key) => !counts.has(foldText(key)))
    .map((key) => warning('MAP_KEY_UNUSED', { key, field, source: data.source }, ['criteria', name, 'map', key], true));
  // A range of the map's labels (M-L) is covered: it scores its middle label.
  const labels = new Map(Object.keys(map).map((key) => [foldText(key), 0]));
  const uncovered = [...counts]
    .filter(([folded, { text }]) => !keys.has(folded) && !parseLabelRange(text, { map: labels }))
    .map(([, { text, count }]) =>
      warning('MAP_VALUE_UNCOVERED', { text, field, requests: count, source: data.source }, ['criteria', name, 'map']),
    );
  return [...unused, ...uncovered];
}

/** Distinct text values of a field, case-folded, with the first spelling and the number of requests carrying each. */
export function countTexts(requests: readonly FeatureRequest[], field: string): Map<string, { text: string; count: number }> {
  const counts = new Map<string, { text: string; count: number }>();
  for (const request of requests) {
    for (const text of new Set((request.texts[field] ?? []).map(foldText))) {
      const original = request.texts[field]!.find((t) => foldText(t) === text)!;
      const entry = counts.get(text) ?? { text: original.trim(), count: 0 };
      counts.set(text, { ...entry, count: entry.count + 1 });
    }
  }
  return counts;
}

function warning<C extends IssueCode>(code: C, args: IssueArgs[C], path: ConfigPath, isKey = false): ConfigFinding {
  return { ...finding(code, args, path, isKey), severity: 'warning' };
}

function closestHeader(header: string, headers: readonly string[]): { suggestion?: string } {
  const suggestion = suggestClosest(header, headers.map((h) => h.trim()).filter(Boolean));
  return suggestion ? { suggestion } : {};
}
