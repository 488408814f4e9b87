import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import { fillMap } from '../core/starter.js';
import type { FeatureRequest } from '../core/types.js';

/** Where a project's config finds the schema when pm-rank is installed as a dev dependency. */
export const INSTALLED_SCHEMA = './node_modules/pm-rank/schema/scoring.schema.json';

/** What init learnt from an export: the header of each field and the requests read. */
export interface ExportProfile {
  source: string;
  columns: Readonly<Record<string, string>>;
  requests: readonly FeatureRequest[];
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
  const criteria = doc.get('criteria', true);
  if (!isMap(criteria)) return doc.toString();
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
