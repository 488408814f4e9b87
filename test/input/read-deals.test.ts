import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readDeals } from '../../src/input/read-deals.js';
import { modelOf } from '../core/model-fixtures.js';

const model = modelOf({
  criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } },
  currency: { base: 'USD', rates: { EUR: 2 } },
  columns: { title: 'Feature Request' },
});

function read(content: string) {
  return readDeals({ name: 'deals.csv', stream: Readable.from([Buffer.from(content)]) }, model);
}

describe('readDeals', () => {
  it('reads amounts in each deal currency as the request export does: a code column converts, a missing rate warns', async () => {
    // EUR 100 x 2 = 200; SEK has no rate: missing, with one warning.
    const csv = 'Deal Name,Stage,Amount,Currency,Feature Requests\nA,Closed Lost,100,EUR,FR-1\nB,Closed Lost,100,SEK,FR-1\n';
    const { rows, issues } = await read(csv);
    expect(rows.map((r) => r.amount)).toEqual([200, undefined]);
    expect(issues.map((i) => [i.code, i.line])).toEqual([['CURRENCY_WITHOUT_RATE', 3]]);
  });

  it('maps HubSpot deal headers and parses money as the request export does', async () => {
    const csv =
      'Deal Name,Company name,Deal Stage,Amount,Close Date,Closed Lost Reason,Feature Requests\nAcme renewal,Acme,closedlost,€1.5k,2026-03-01,Price,"FR-1; FR-2"\n';
    const { rows, summary } = await read(csv);
    // €1.5k = EUR 1,500 x 2 = 3,000 USD
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Acme renewal',
        account: 'Acme',
        stage: 'closedlost',
        amount: 3000,

        reason: 'Price',
        cited: ['FR-1; FR-2'],
      },
    ]);
    expect(summary.columns).toMatchObject({
      deal: 'Deal Name',
      stage: 'Deal Stage',
      reason: 'Closed Lost Reason',
      cited: 'Feature Requests',
    });
  });

  it('lets a deals file use "Feature Request" for citations although the config maps it to request titles', async () => {
    const { summary } = await read('Opportunity Name,Stage,Feature Request\nA,Closed Won,FR-1\n');
    expect(summary.columns.cited).toBe('Feature Request');
  });

  it('warns about a bad amount with line, column and value', async () => {
    const { issues } = await read('Opportunity Name,Stage,Amount,Requests Cited\nA,Closed Won,lots,FR-1\n');
    expect(issues).toMatchObject([{ code: 'INVALID_NUMBER', line: 2, column: 'Amount', value: 'lots' }]);
  });

  it.each([
    ['Opportunity Name,Amount,Requests Cited\n', /columns\.stage/],
    ['Opportunity Name,Stage,Amount\n', /columns\.cited/],
    ['', /is empty/],
  ])('refuses a header without what a win/loss review needs: %j', async (csv, message) => {
    await expect(read(csv)).rejects.toThrow(message);
  });
});
