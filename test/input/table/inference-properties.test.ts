import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequests } from '../../../src/core/scoring/score.js';
import { loadConfig } from '../../../src/input/load-config.js';
import { readRequests } from '../../../src/input/requests/read-requests.js';
import { ROOT } from '../../helpers/exec.js';

// The Salesforce fixture, and what the inference must find in it whatever is done to its header.
const rows: string[][] = parse(readFileSync(join(ROOT, 'fixtures/requests.csv')), { bom: true, relax_column_count: true });
const [header, ...body] = rows as [string[], ...string[][]];

/** Other names each read header goes by, in the languages the synonym tables cover. */
const RENAMES: Record<string, string[]> = {
  'Account Name': ['Company', 'Kunde', 'Nom du compte', 'Cliente', '取引先名'],
  Amount: ['ARR', 'Auftragswert', 'Montant', 'Importe', '金額', 'Opportunity: Amount'],
  Segment: ['Customer Segment', 'Kundensegment', 'Segmento', 'Account: Segment [list]'],
  'Request ID': ['Feature ID', 'Custom field (Request ID)', 'Anfrage-ID'],
  'Feature Request': ['Feature Request: Feature Request Name', 'Titel', 'Requested feature', 'Funcionalidad'],
  'Strategic Alignment': ['Strategic Fit', 'Strategische Ausrichtung', 'Alignement stratégique'],
  Effort: ['T-Shirt Size', 'Aufwand', 'Esfuerzo', '工数'],
  Status: ['Statut', 'Estado', 'ステータス'],
};
/** Empty columns whose headers sound at least as good as the real ones. */
const DECOYS = [
  'Custom field (Request ID)',
  'Deal Value',
  'Feature Request Title',
  'Customer Segment',
  'Account',
  'Effort Estimate',
  'Title',
];

const model = (await loadConfig(undefined, '/')).model;

async function ranking(table: string[][]): Promise<string[]> {
  const text = stringify(table);
  const { requests } = await readRequests({ name: 'export.csv', stream: Readable.from([text]) }, model, {});
  return rankRequests(scoreRequests(requests, model)).map((r) => `${r.id} ${r.score.toFixed(6)}`);
}

const expected = await ranking(rows);

/** A table with its columns in a new order (footers, being one cell long, keep theirs). */
function permute(table: string[][], order: number[]): string[][] {
  return table.map((row) => (row.length === header.length ? order.map((i) => row[i] ?? '') : row));
}

describe('column inference does not depend on how an export spells or orders its header', () => {
  it('reads the fixture as the independent reference ranks it', () => {
    expect(expected).toHaveLength(15); // 15 requests: see test/helpers/expected-rankings.ts
  });

  it('shuffled columns, empty decoys and renamed headers never change the ranking', async () => {
    const arbitrary = fc.record({
      order: fc.shuffledSubarray(
        header.map((_, i) => i),
        { minLength: header.length, maxLength: header.length },
      ),
      decoys: fc.subarray(DECOYS),
      renames: fc.array(fc.nat(), { minLength: header.length, maxLength: header.length }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ order, decoys, renames }) => {
        const renamed = header.map((h, i) => {
          const names = RENAMES[h];
          return names && renames[i]! % (names.length + 1) > 0 ? names[(renames[i]! % (names.length + 1)) - 1]! : h;
        });
        // A decoy never shares a name with a real column: that would make it a repeated header, read on purpose.
        const extra = decoys.filter((d) => !renamed.includes(d));
        const table = [renamed, ...body].map((row, r) =>
          row.length === header.length ? [...row, ...extra.map((d) => (r === 0 ? d : ''))] : row,
        );
        const shuffled = permute(table, [...order, ...extra.map((_, i) => header.length + i)]);
        expect(await ranking(shuffled)).toEqual(expected);
      }),
      { numRuns: 40, seed: 20261130 },
    );
  });
});
