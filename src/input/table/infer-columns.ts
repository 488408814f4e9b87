import { foldText } from '../../core/text/folding.js';
import { normalizeHeader, withoutObjectPrefix } from './header.js';
import { profileColumn, type ColumnProfile, type ListSeparator } from './profile-column.js';
import { FIELD_SYNONYMS } from './synonyms/index.js';
import type { Candidate, ColumnChoice } from '../../core/read-summary.js';

export type { Candidate, ColumnChoice } from '../../core/read-summary.js';

/** What a field's cells should look like, which decides how its content evidence is weighed. */
export type FieldKind = 'id' | 'title' | 'name' | 'text' | 'money' | 'number' | 'category' | 'score' | 'size' | 'date';

/** One field the reader wants, and what it knows of the field's values. */
export interface WantedField {
  field: string;
  kind: FieldKind;
  /** Folded values the model's map scores (segments, sizes): cells that match them are strong evidence. */
  mapKeys?: ReadonlySet<string>;
}

export interface InferenceInput {
  header: readonly string[];
  /** The first rows of data, as read. */
  sample: readonly (readonly string[])[];
  /** Field -> the header the config names for it; these are taken as they are. */
  configured: Readonly<Record<string, string>>;
  wanted: readonly WantedField[];
  /** Fields the reader does not need but whose headers must not be taken for wanted ones ("Account Owner" is not the account). */
  rivals?: readonly WantedField[];
}

/** A configured header the export lacks, with the closest header it has. */
export interface MissingColumn {
  field: string;
  header: string;
}

export interface ColumnInference {
  choices: Map<string, ColumnChoice>;
  missing: MissingColumn[];
  /** Two sample values per column, for showing every header (init's comments, the prompt's list). */
  samples: string[][];
}

/** Below this, a column is not considered at all. */
const MIN_SCORE = 0.25;
/** A runner-up within this share of the choice's score makes the choice a close one. */
const CLOSE_SHARE = 0.85;
/** A column filled in under this share of the best-filled candidate never wins: an empty `Request ID` loses to a filled `Issue key`. */
const NEAR_EMPTY_SHARE = 0.2;
/** A linked-feature column filled in this share of rows is the request, though other rows link none. */
const MIN_LINK_FILL = 0.2;
/** Header evidence from here up is a header that names the field (with or without an object prefix). */
const EXACT_SCORE = 0.9;
/** What content that refutes a named header leaves of its score: enough to win when nothing else fits. */
const REFUTED_EXACT_FIT = 0.45;

/**
 * Words that, inside a longer header, mean the column is about something else:
 * `Account Owner` is a person, `Feature Request ID` an id, `Company size` a segment.
 * They only rule out a partial match; a header that is exactly a synonym still counts.
 */
const FOREIGN_WORDS: Readonly<Partial<Record<FieldKind, readonly string[]>>> = {
  id: [
    'account',
    'company',
    'contact',
    'owner',
    'opportunity',
    'deal',
    'parent',
    'customer',
    'user',
    'organization',
    'org',
    'ticket',
    'note',
    'conversation',
    'record',
    'row',
    'case',
    'lead',
    'project',
    'requester',
  ],
  title: [
    'id',
    'key',
    'owner',
    'date',
    'type',
    'status',
    'count',
    'votes',
    'deal',
    'opportunity',
    'account',
    'company',
    'contact',
    'file',
    'user',
    'number',
    'url',
    'link',
    'stage',
    'email',
  ],
  name: [
    'id',
    'owner',
    'number',
    'type',
    'email',
    'phone',
    'website',
    'domain',
    'created',
    'manager',
    'industry',
    'segment',
    'tier',
    'size',
    'region',
    'country',
    'city',
    'revenue',
    'employees',
    'date',
    'url',
    'parent',
  ],
  money: ['date', 'probability', 'stage', 'currency', 'id', 'name', 'count', 'type', 'owner', 'forecast', 'category', 'annual', 'weighted'],
  date: ['by', 'owner'],
};

/**
 * Chooses a column for each wanted field from header and content evidence together.
 * A header that is a synonym of the field is strong evidence; a header that contains
 * one is weaker; the sample's content then confirms or refutes it (amounts for money,
 * ids for ids, the model's map values for segments). Each column serves one field;
 * repeated headers (Jira's several `Custom field (Client)`) are all read.
 */
export function inferColumns(input: InferenceInput): ColumnInference {
  const profiles = input.header.map((_, i) => profileColumn(input.sample, i));
  const hasSample = input.sample.length > 0;
  const choices = new Map<string, ColumnChoice>();
  const claimed = new Set<number>();
  const missing = claimConfigured(input, profiles, choices, claimed);
  const fields = [...input.wanted, ...(input.rivals ?? [])].filter((f) => !(f.field in input.configured));
  const forms = input.header.map(headerForms);
  const candidates = new Map(fields.map((f) => [f.field, rankCandidates(f, forms, profiles, hasSample)]));
  const ranked = [...candidates].flatMap(([field, list]) => list.map((candidate, order) => ({ field, candidate, order })));
  ranked.sort((a, b) => b.candidate.score - a.candidate.score || a.order - b.order);
  for (const { field, candidate } of ranked) {
    if (choices.has(field) || claimed.has(candidate.index)) continue;
    const name = normalizeHeader(candidate.header);
    const runnerUp = candidates.get(field)!.find((c) => !claimed.has(c.index) && normalizeHeader(c.header) !== name);
    choices.set(field, choose(field, candidate, input.header, profiles, claimed, runnerUp));
  }
  readLinkedFeatures(choices, input.header, candidates.get('title') ?? [], profiles, claimed);
  const wanted = new Set(input.wanted.map((f) => f.field));
  for (const field of choices.keys()) if (!wanted.has(field) && !(field in input.configured)) choices.delete(field);
  return { choices, missing, samples: profiles.map((p) => p.samples) };
}

/**
 * Feedback tools export one row per note, post or ticket, with the feature it is
 * linked to: the feature is then the request, even where only some rows link one.
 * The row's own id and status (a ticket's) must not stand for the request's.
 */
function readLinkedFeatures(
  choices: Map<string, ColumnChoice>,
  header: readonly string[],
  titles: readonly Candidate[],
  profiles: readonly ColumnProfile[],
  claimed: Set<number>,
): void {
  const title = choices.get('title');
  const link = titles.find((c) => isHeaderOf('feature_link', c.header) && c.fill >= MIN_LINK_FILL);
  if (!title || title.isConfigured || !link) return;
  if (link.index !== title.indices[0]) {
    const holder = [...choices.values()].find((c) => c.field !== 'title' && c.indices.includes(link.index));
    if (holder && holder.field !== 'notes') return;
    if (holder) choices.delete('notes');
    title.indices.forEach((i) => claimed.delete(i));
    claimed.add(link.index);
    const reason = `rows are notes, tickets or deals linked to a feature: the feature is the request, "${title.header}" the row's own title`;
    choices.set('title', {
      ...withoutSplit(title),
      header: link.header,
      indices: [link.index],
      score: link.score,
      reasons: [...link.reasons, reason],
      samples: link.samples,
      runnerUp: titles.find((c) => c.index === title.indices[0])!,
      isClose: false,
      ...splitOf('title', profiles[link.index]!, link.header),
    });
  }
  const id = choices.get('id');
  if (id && !id.isConfigured && !isHeaderOf('request_id', id.header)) dropRowField(choices, 'id');
  // A ticket's or note's status (open, solved, processed) is the row's; a Salesforce opportunity's feature status is the request's.
  const status = choices.get('status');
  const hasRowTitle = header.some((h, i) => i !== link.index && isHeaderOf('row_title', h));
  if (status && !status.isConfigured && !isHeaderOf('request_status', status.header) && (hasRowTitle || hasRowPrefix(status.header))) {
    dropRowField(choices, 'status');
  }
}

function dropRowField(choices: Map<string, ColumnChoice>, field: 'id' | 'status'): void {
  const choice = choices.get(field)!;
  choices.delete(field);
  choices.get('title')!.reasons.push(`"${choice.header}" is the row's ${field}, not the request's`);
}

/** `Deal - Status`, `Ticket: Status`: a field of the row's own object. */
function hasRowPrefix(header: string): boolean {
  const inner = withoutObjectPrefix(header);
  return inner !== undefined && !isHeaderOf('feature_link', header.slice(0, header.length - inner.length).replace(/[\s:\-–]+$/, ''));
}

function withoutSplit(choice: ColumnChoice): ColumnChoice {
  const { split: _split, ...rest } = choice;
  return rest;
}

function isHeaderOf(kind: string, header: string): boolean {
  const normalized = normalizeHeader(withoutObjectPrefix(header) ?? header);
  return FIELD_SYNONYMS.get(kind)?.includes(normalized) ?? false;
}

function claimConfigured(
  input: InferenceInput,
  profiles: readonly ColumnProfile[],
  choices: Map<string, ColumnChoice>,
  claimed: Set<number>,
): MissingColumn[] {
  const missing: MissingColumn[] = [];
  for (const [field, header] of Object.entries(input.configured)) {
    const wantedHeader = foldText(header);
    const indices = input.header.flatMap((h, i) => (foldText(h) === wantedHeader && !claimed.has(i) ? [i] : []));
    if (indices.length === 0) {
      missing.push({ field, header });
      continue;
    }
    indices.forEach((i) => claimed.add(i));
    const first = indices[0]!;
    choices.set(field, {
      field,
      header: input.header[first]!.trim(),
      indices,
      isConfigured: true,
      score: 1,
      reasons: [`named in the config's columns.${field}`],
      samples: profiles[first]!.samples,
      isClose: false,
      ...splitOf(field, profiles[first]!, input.header[first]!),
    });
  }
  return missing;
}

function choose(
  field: string,
  candidate: Candidate,
  header: readonly string[],
  profiles: readonly ColumnProfile[],
  claimed: Set<number>,
  runnerUp: Candidate | undefined,
): ColumnChoice {
  const name = normalizeHeader(header[candidate.index]!);
  const indices = header.flatMap((h, i) =>
    i === candidate.index || (!claimed.has(i) && normalizeHeader(h) === name && profiles[i]!.fill > 0) ? [i] : [],
  );
  indices.sort((a, b) => (a === candidate.index ? -1 : b === candidate.index ? 1 : a - b));
  indices.forEach((i) => claimed.add(i));
  const split = splitOf(field, profiles[candidate.index]!, candidate.header);
  const reasons = [
    ...candidate.reasons,
    ...(indices.length > 1 ? [`${indices.length} columns of that name, all read`] : []),
    ...(split.split ? [`cells list several values with "${split.split}", each read`] : []),
  ];
  return {
    field,
    header: candidate.header,
    indices,
    isConfigured: false,
    score: candidate.score,
    reasons,
    samples: candidate.samples,
    ...(runnerUp ? { runnerUp } : {}),
    isClose: runnerUp !== undefined && runnerUp.score >= candidate.score * CLOSE_SHARE,
    ...split,
  };
}

/**
 * Multi-select cells split when enough of them list values seen elsewhere; a title
 * that merely has a `;` does not. A comma splits only a linked-features column, where
 * feedback tools join feature names with it; elsewhere commas are part of titles and names.
 */
function splitOf(field: string, profile: ColumnProfile, header: string): { split?: string } {
  if (field !== 'id' && field !== 'title' && field !== 'account' && field !== 'segment') return {};
  const separators: ListSeparator[] = isHeaderOf('feature_link', header) ? [';', ','] : [';'];
  const split = separators.find((separator) => profile.lists[separator].share >= 0.05 && profile.lists[separator].known >= 0.5);
  return split ? { split } : {};
}

/** Every column that could be the field, best first; near-empty ones are dropped when a filled one exists. */
function rankCandidates(
  wanted: WantedField,
  header: readonly HeaderForms[],
  profiles: readonly ColumnProfile[],
  hasSample: boolean,
): Candidate[] {
  const synonyms = FIELD_SYNONYMS.get(wanted.field) ?? [normalizeHeader(wanted.field)];
  const foreign = FOREIGN_WORDS[wanted.kind] ?? [];
  const list: Candidate[] = [];
  header.forEach((h, index) => {
    const profile = profiles[index]!;
    const byHeader = headerEvidence(h, synonyms, foreign);
    const byContent = contentEvidence(wanted, profile);
    const headerScore = byHeader?.score ?? contentOnlyScore(wanted, profile, byContent.fit);
    if (headerScore === 0) return;
    const fillFactor = hasSample ? 0.6 + 0.4 * profile.fill : 1;
    // A header that names the field keeps its column even when the cells disagree: the reader then warns cell by cell.
    const fit = headerScore >= EXACT_SCORE ? Math.max(byContent.fit, REFUTED_EXACT_FIT) : byContent.fit;
    const score = headerScore * fit * fillFactor;
    if (score < MIN_SCORE) return;
    const reasons = [
      byHeader?.reason ?? 'no header evidence',
      ...(hasSample ? [byContent.reason, `filled in ${percent(profile.fill)} of rows`] : []),
    ];
    list.push({ index, header: h.text, score, reasons, samples: profile.samples, fill: profile.fill });
  });
  const bestFill = Math.max(0, ...list.map((c) => c.fill));
  // An empty column stays a candidate only while no candidate has values.
  return list.filter((c) => c.fill >= bestFill * NEAR_EMPTY_SHARE && (c.fill > 0 || bestFill === 0)).sort((a, b) => b.score - a.score);
}

/** A header in the forms matching compares, worked out once per column rather than once per field. */
interface HeaderForms {
  text: string;
  normalized: string;
  /** Normalized, after a cross-object prefix, when there is one. */
  inner?: string;
  words: readonly string[];
}

function headerForms(header: string): HeaderForms {
  const normalized = normalizeHeader(header);
  const prefixless = withoutObjectPrefix(header);
  return {
    text: header.trim(),
    normalized,
    ...(prefixless === undefined ? {} : { inner: normalizeHeader(prefixless) }),
    words: normalized.split(' '),
  };
}

/** How strongly the header names the field: exactly a synonym, a synonym after a cross-object prefix, or a synonym inside it. */
function headerEvidence(
  header: HeaderForms,
  synonyms: readonly string[],
  foreign: readonly string[],
): { score: number; reason: string } | undefined {
  const quoted = `"${header.text.slice(0, 80)}"`;
  const exact = synonyms.indexOf(header.normalized);
  if (exact >= 0) return { score: 1 - 0.002 * Math.min(exact, 50), reason: `header ${quoted} is a name for it` };
  const inner = header.inner === undefined ? -1 : synonyms.indexOf(header.inner);
  if (inner >= 0) return { score: 1 - 0.002 * Math.min(inner, 50), reason: `header ${quoted} names it after its object` };
  if (header.words.some((w) => foreign.includes(w))) return undefined;
  let best: { score: number; reason: string } | undefined;
  for (const synonym of synonyms) {
    if (!containsPhrase(header, synonym)) continue;
    const score = 0.5 + 0.3 * (synonym.length / header.normalized.length);
    if (!best || score > best.score) best = { score, reason: `header ${quoted} contains "${synonym}"` };
  }
  return best;
}

const UNSPACED_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Whole words for spaced scripts; any substring for scripts written without spaces (Japanese). */
function containsPhrase(header: HeaderForms, phrase: string): boolean {
  if (phrase.length < 2 || !header.normalized.includes(phrase)) return false;
  return UNSPACED_SCRIPT.test(phrase) || ` ${header.normalized} `.includes(` ${phrase} `);
}

/** Without a header that names it, only unmistakable content counts: amounts with currency signs, long distinct texts for titles. */
function contentOnlyScore(wanted: WantedField, profile: ColumnProfile, fit: number): number {
  if (wanted.kind === 'money' && profile.money >= 0.8) return 0.45;
  if (wanted.kind === 'title' && fit === 1 && profile.length >= 12 && profile.distinct >= 0.5) return 0.35;
  return 0;
}

/** How well a column's content fits the field's kind, from 0 (refuted) to 1 (confirmed), with the reason. */
function contentEvidence(wanted: WantedField, p: ColumnProfile): { fit: number; reason: string } {
  const mapShare = shareOfKeys(p.values, wanted.mapKeys);
  if (mapShare >= 0.3) return { fit: 1, reason: `${percent(mapShare)} of its values are in the model's map` };
  switch (wanted.kind) {
    case 'id':
      if (p.money >= 0.5) return { fit: 0.1, reason: 'amounts, not ids' };
      if (p.id >= 0.8) return { fit: 1, reason: 'values shaped like ids' };
      return p.length <= 24 ? { fit: 0.6, reason: 'short values' } : { fit: 0.2, reason: 'long texts, not ids' };
    case 'title':
      if (p.number >= 0.5) return { fit: 0.15, reason: 'numbers, not titles' };
      return p.length >= 3 ? { fit: 1, reason: 'texts' } : { fit: 0.5, reason: 'very short texts' };
    case 'name':
      return p.number >= 0.5 ? { fit: 0.2, reason: 'numbers, not names' } : { fit: 1, reason: 'names' };
    case 'money':
      if (p.number < 0.6) return { fit: 0.1, reason: 'not amounts' };
      return { fit: 0.85 + 0.15 * p.money, reason: p.money >= 0.5 ? 'amounts with currencies' : 'numbers' };
    case 'number':
      return p.number >= 0.6 ? { fit: 1, reason: 'numbers' } : { fit: 0.2, reason: 'not numbers' };
    case 'score':
      if (p.scale >= 0.6) return { fit: 1, reason: 'scores from 1 to 10' };
      return p.number >= 0.6 ? { fit: 0.7, reason: 'numbers' } : { fit: 0.3, reason: 'not scores' };
    case 'size':
      if (p.size >= 0.6) return { fit: 1, reason: 'T-shirt sizes' };
      return p.number >= 0.6 ? { fit: 0.8, reason: 'numbers' } : { fit: 0.3, reason: 'not sizes' };
    case 'category':
      if (p.number >= 0.5 && p.size < 0.5) return { fit: 0.2, reason: 'numbers, not categories' };
      return p.values.size <= 12 || p.distinct <= 0.5
        ? { fit: 1, reason: 'a few repeated values' }
        : { fit: 0.6, reason: 'many different values' };
    case 'date':
      return p.date >= 0.6 ? { fit: 1, reason: 'dates' } : { fit: 0.2, reason: 'not dates' };
    case 'text':
      return { fit: 1, reason: 'texts' };
  }
}

function shareOfKeys(values: ReadonlySet<string>, keys: ReadonlySet<string> | undefined): number {
  if (!keys || keys.size === 0 || values.size === 0) return 0;
  let found = 0;
  for (const value of values) if (keys.has(value)) found += 1;
  return found / values.size;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
