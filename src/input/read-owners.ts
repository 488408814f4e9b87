import { foldText } from '../core/text/folding.js';
import type { ScoringModel } from '../core/types.js';
import { readMentions, type ReadOptions } from './requests/read-requests.js';
import type { Source } from './source.js';

/**
 * Each account's owner from an owner column ("Account Owner"), the first the
 * export gives, keyed by folded account name; empty when there is no such column.
 * A second pass over an export already read: its warnings were given the first time.
 */
export async function readAccountOwners(source: Source, model: ScoringModel, options: ReadOptions): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  await readMentions(source, model, { ...options, textFields: ['owner'] }, ({ account, texts }) => {
    const owner = texts.owner?.[0]?.trim();
    if (account?.trim() && owner && !owners.has(foldText(account))) owners.set(foldText(account), owner);
  });
  return owners;
}
