import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { fillMap } from '../core/config/starter.js';
import { isFieldInExport } from '../core/text/fields.js';
import type { FeatureRequest } from '../core/types.js';

/** Where a project's config finds the schema when pm-rank is installed as a dev dependency. */
export const INSTALLED_SCHEMA = './node_modules/pm-rank/schema/scoring.schema.json';

/** What init learnt from an export: the header of each field and the requests read. */
export interface ExportProfile {
  source: string;
  columns: Readonly<Record<string, string>>;
  requests: readonly FeatureRequest[];
  /** Every header of the export with two sample values, listed as comments for the PM to map by hand. */
  headers: readonly { header: string; samples: readonly string[] }[];
}

/**
 * The commented example, pointed at the installed schema and, given an export,
 * with its real headers under `columns` and its values in each map. Editing the
 * YAML document keeps every comment.
 */
export function renderStarterConfig(template: string, profile?: ExportProfile): string {
  const pointed = template.replace(/(\$schema=)\S+/, `$1${INSTALLED_SCHEMA}`);
  if (!profile) return pointed;
  // The commented-out column examples would only confuse next to the real ones.
  const doc = parseDocument(pointed.replace(/^(columns: \{\}\n)(?:# .*\n)+/m, '$1'));
  doc.setIn(['columns'], doc.createNode({ ...profile.columns }));
  const columns =
    doc.contents && isMap(doc.contents) ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'columns') : undefined;
  if (columns && isScalar(columns.key)) columns.key.commentBefore = describeHeaders(profile);
  const criteria = doc.get('criteria', true);
  if (!isMap(criteria)) return doc.toString();
  keepCriteriaWithData(doc, criteria, profile);
  for (const pair of criteria.items) {
    const criterion = pair.value;
    const current = isMap(criterion) ? criterion.get('map', true) : undefined;
    if (!isMap(criterion) || !isMap(current)) continue;
    const field = String(criterion.get('field'));
    if (!(field in profile.columns)) continue;
    const template = (current as YAMLMap).toJSON() as Record<string, number>;
    const fallback = Number(criterion.get('default') ?? criterion.get('missing') ?? 0);
    const { map, added } = fillMap(template, profile.requests, field, fallback);
    const node = doc.createNode(map);
    for (const item of isMap(node) ? node.items : []) {
      if (isScalar(item.key) && added.includes(String(item.key.value)) && isScalar(item.value)) {
        item.value.comment = ` found in ${profile.source}: set its score`;
      }
    }
    criterion.set('map', node);
  }
  reattachSectionComments(doc);
  return doc.toString({ flowCollectionPadding: false });
}

/** The export's headers as comment lines: what each column holds, for mapping the ones pm-rank did not guess. */
function describeHeaders(profile: ExportProfile): string {
  const read = new Set(Object.values(profile.columns));
  const lines = profile.headers.map(({ header, samples }) => {
    const example = samples.length > 0 ? `: ${samples.map((v) => JSON.stringify(oneLine(v))).join(', ')}` : ': (empty)';
    return ` ${read.has(header) ? '  ' : '- '}${JSON.stringify(oneLine(header))}${example}`;
  });
  return [
    ` The columns of ${profile.source}, with two values each ("-": not read). Name a header below to read it as a field.`,
    ...lines,
  ].join('\n');
}

/** A starter scores only with what the export has: criteria whose field no column holds are dropped (derived and win/loss fields stay). */
function keepCriteriaWithData(doc: Document, criteria: YAMLMap, profile: ExportProfile): void {
  const hasData = (field: string) => isFieldInExport(field, (column) => column in profile.columns);
  const kept = criteria.items.filter((pair) => isMap(pair.value) && hasData(String(pair.value.get('field'))));
  criteria.items = kept.length > 0 ? kept : [doc.createPair('demand', DEMAND_CRITERION)];
  // Likewise an escalation rule with a condition on a field the export lacks could never apply.
  const escalation = doc.get('escalation', true);
  if (isSeq(escalation)) {
    escalation.items = escalation.items.filter((rule) => {
      const when = isMap(rule) ? rule.get('when', true) : undefined;
      return !isMap(when) || when.items.every((condition) => isScalar(condition.key) && hasData(String(condition.key.value)));
    });
  }
}

/** When no column feeds any criterion, demand alone: how many accounts (and rows naming none) ask. */
const DEMAND_CRITERION = {
  description: 'How many accounts ask, rows that name none included (no other criterion found a column)',
  weight: 1,
  field: 'accounts',
  scale: 'log',
  max: 50,
  count_unattributed: true,
};

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/**
 * The yaml library files a comment that follows a nested mapping under that
 * mapping, so re-printing would indent the next section's heading comment.
 * Move what follows the blank line back before the next top-level key.
 */
function reattachSectionComments(doc: Document): void {
  const items = isMap(doc.contents) ? doc.contents.items : [];
  items.forEach((pair, i) => {
    const next = items[i + 1]?.key;
    if (!isMap(pair.value) || !pair.value.comment?.includes('\n\n') || !isScalar(next)) return;
    const [own, ...rest] = pair.value.comment.split('\n\n');
    pair.value.comment = own ?? '';
    next.commentBefore = [rest.join('\n\n'), next.commentBefore].filter(Boolean).join('\n');
    next.spaceBefore = true;
  });
}
