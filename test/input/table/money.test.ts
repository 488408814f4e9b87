import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/core/config/schema.js';
import { readRequests } from '../../../src/input/requests/read-requests.js';
import { modelOf } from '../../core/model-fixtures.js';
import { formatIssue } from '../../../src/reporters/words/issues.js';

function modelWith(currency: Config['currency'], columns: Config['columns'] = {}) {
  return modelOf({ columns, currency, criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } } });
}

function read(csv: string, currency: Config['currency'] = { base: 'USD', rates: { EUR: 1.1, CHF: 1.25 } }) {
  return readRequests({ name: 'deals.csv', stream: Readable.from([csv]) }, modelWith(currency), {});
}

const valuesOf = (requests: { id: string; dealValue?: number }[]) => requests.map((r) => [r.id, r.dealValue]);

describe('money per cell', () => {
  it("reads each amount by its own currency and shape, whatever the column's majority", async () => {
    // $250,000: USD groups with "," -> 250000. €80.000: EUR groups with "." -> 80000 x 1.1 = 88000.
    // 1.234,56 € proves its decimal comma -> 1234.56 x 1.1 = 1358.016. CHF 250'000 -> 250000 x 1.25 = 312500.
    // The column's votes tie (USD and CHF for ".", EUR and the proven cell for ","), so nothing is in doubt.
    const csv = 'Title,Amount\nA,"$250,000"\nB,€80.000\nC,"1.234,56 €"\nD,CHF 250\'000\n';
    const { requests, issues } = await read(csv);
    expect(valuesOf(requests)).toEqual([
      ['A', 250000],
      ['B', expect.closeTo(88000, 6)],
      ['C', expect.closeTo(1358.016, 6)],
      ['D', 312500],
    ]);
    expect(issues).toEqual([]);
  });

  it('warns about an amount whose reading the column contradicts, with both readings', async () => {
    // The column's cells prove "." is its decimal point, so €1.500 may mean 1.5; read as 1500 x 1.1 = 1650.
    const csv = 'Title,Amount\nA,"$1,234.56"\nB,"$2,000.00"\nC,€1.500\n';
    const { requests, issues } = await read(csv);
    expect(requests[2]!.dealValue).toBeCloseTo(1650, 6);
    expect(issues).toMatchObject([{ code: 'AMBIGUOUS_AMOUNT', severity: 'warning', line: 4, column: 'Amount', value: '€1.500' }]);
    expect(formatIssue(issues[0]!)).toBe(
      'deals.csv:4 column "Amount": "€1.500" could be 1500 or 1.5; read as 1500 (write 1500 or 1.5 without separators to be sure)',
    );
  });

  it('counts an amount in a currency without a rate as missing, with one warning per currency naming its rows and the YAML to add', async () => {
    const rows = ['A,SEK 10', 'B,$5', 'C,SEK 20', 'D,NOK 1', ...['E', 'F', 'G', 'H', 'I'].map((id) => `${id},SEK 1`)];
    const { requests, issues } = await read(`Title,Amount\n${rows.join('\n')}\n`);
    expect(valuesOf(requests)).toEqual([
      ['A', undefined],
      ['B', 5],
      ['C', undefined],
      ['D', undefined],
      ...['E', 'F', 'G', 'H', 'I'].map((id) => [id, undefined]),
    ]);
    // SEK on lines 2, 4, 6, 7, 8, 9, 10: the first five named, two more counted.
    expect(issues.map((i) => [i.code, i.line, i.path])).toEqual([
      ['CURRENCY_WITHOUT_RATE', 2, 'currency.rates.SEK'],
      ['CURRENCY_WITHOUT_RATE', 5, 'currency.rates.NOK'],
    ]);
    expect(formatIssue(issues[0]!)).toBe(
      'deals.csv:2: no rate from SEK to USD, so the deal values of 7 lines (2, 4, 6, 7, 8 and 2 more) count as missing; add "SEK: <USD per SEK>" under currency: rates: in the config',
    );
  });

  it('applies a currency-code column to amounts without a sign of their own, and warns about a code it cannot read', async () => {
    // A: 100 EUR x 1.1 = 110. B: the cell's own $ wins over the code column: 100. C: empty code, a bare number: 100.
    // E-L: USD, the base. 10 of the 11 codes are ISO codes, enough to take the column for one.
    const usd = ['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];
    const csv = `Title,Amount,CurrencyIsoCode\nA,100,EUR\nB,$100,EUR\nC,100,\nD,100,Euros\n${usd.map((id) => `${id},7,usd`).join('\n')}\n`;
    const { requests, issues, summary } = await read(csv);
    expect(valuesOf(requests)).toEqual([
      ['A', expect.closeTo(110, 6)],
      ['B', 100],
      ['C', 100],
      ['D', undefined],
      ...usd.map((id) => [id, 7]),
    ]);
    expect(summary.columns.currency).toBe('CurrencyIsoCode');
    expect(issues).toMatchObject([{ code: 'INVALID_CURRENCY', line: 5, column: 'CurrencyIsoCode', value: 'Euros' }]);
  });

  it('takes a configured columns.currency whatever its header says', async () => {
    // 100 EUR x 2 = 200; the column's header names no currency, the config does.
    const model = modelWith({ base: 'USD', rates: { EUR: 2 } }, { currency: 'Devise du contrat' });
    const csv = 'Title,Amount,Devise du contrat\nA,100,EUR\n';
    const { requests, summary } = await readRequests({ name: 'x.csv', stream: Readable.from([csv]) }, model, {});
    expect(requests[0]!.dealValue).toBe(200);
    expect(summary.columns.currency).toBe('Devise du contrat');
  });

  it('does not take a column of words for currency codes, whatever its header', async () => {
    const csv = 'Title,Amount,Currency\nA,100,Euro\nB,200,Dollar\n';
    const { requests, summary } = await read(csv);
    expect(valuesOf(requests)).toEqual([
      ['A', 100],
      ['B', 200],
    ]);
    expect(summary.columns.currency).toBeUndefined();
  });

  it('says which currencies were converted, how, and for which requests', async () => {
    // EUR 10 x 1.1 = 11 (by rate); the converted column's USD 30 for the GBP row (by column).
    const csv = 'Title,Amount,Amount (converted)\nA,EUR 10,\nB,GBP 20,USD 30\nC,USD 5,USD 5\n';
    const { requests, summary } = await read(csv);
    expect(valuesOf(requests)).toEqual([
      ['A', expect.closeTo(11, 6)],
      ['B', 30],
      ['C', 5],
    ]);
    expect(requests.map((r) => r.texts.converted_from)).toEqual([['EUR'], ['GBP'], undefined]);
    expect(summary.conversions).toEqual({ EUR: { rate: 1.1, rows: 1 }, GBP: { column: 'Amount (converted)', rows: 1 } });
    expect(summary.columns.deal_value).toBe('Amount (converted)');
  });

  it('keeps a configured deal value column even beside a converted one', async () => {
    const model = modelWith({ base: 'USD', rates: { EUR: 2 } }, { deal_value: 'Amount' });
    const csv = 'Title,Amount,Amount (converted)\nA,EUR 10,USD 11\n';
    const { requests } = await readRequests({ name: 'x.csv', stream: Readable.from([csv]) }, model, {});
    expect(requests[0]!.dealValue).toBe(20); // EUR 10 x 2, the configured column at the config's rate
  });
});
