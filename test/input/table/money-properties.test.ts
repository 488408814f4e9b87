import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRequests } from '../../../src/input/requests/read-requests.js';
import { modelOf } from '../../core/model-fixtures.js';

const model = modelOf({
  currency: { base: 'USD', rates: { EUR: 2 } },
  criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } },
});

function read(csv: string) {
  return readRequests({ name: 'deals.csv', stream: Readable.from([csv]) }, model, {});
}

/** An amount as CRMs write one: bare (`12,500`, in whatever currency the row is in) or with its own sign. */
const amount = fc
  .tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom('', '$', 'EUR '))
  .map(([value, sign]) => `"${sign}${value.toLocaleString('en-US')}"`);

/** One request per row, each with an account of its own, so a row's amount is its request's deal value. */
function csvOf(amounts: readonly string[], codes?: readonly string[]): string {
  const header = codes ? 'Title,Account,Amount,CurrencyIsoCode' : 'Title,Account,Amount';
  const rows = amounts.map((a, i) => `R${i},Account ${i},${a}${codes ? `,${codes[i]}` : ''}`);
  return `${header}\n${rows.join('\n')}\n`;
}

describe('currency-code columns (properties)', () => {
  it('a code column that names the base currency on every row changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(amount, { minLength: 1, maxLength: 12 }), async (amounts) => {
        const without = await read(csvOf(amounts));
        const withBase = await read(
          csvOf(
            amounts,
            amounts.map(() => 'USD'),
          ),
        );
        expect(withBase.requests).toEqual(without.requests);
        expect(withBase.issues).toEqual(without.issues);
      }),
      { numRuns: 30 },
    );
  });

  it("a row's code changed to a currency without a rate removes exactly that row's amount, with one warning", async () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom<string>('USD', 'EUR')), {
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        rows.chain((r) => fc.tuple(fc.constant(r), fc.nat(r.length - 1))),
        async ([rows, changed]) => {
          const amounts = rows.map(([value]) => String(value));
          const codes = rows.map(([, code]) => code);
          const before = await read(csvOf(amounts, codes));
          const after = await read(csvOf(amounts, codes.with(changed, 'SEK')));
          // The row's request loses its deal value, its account's and the note of a conversion: nothing else changes.
          const withoutAmount = (r: (typeof before.requests)[number]) => ({
            ...r,
            dealValue: undefined,
            numbers: {},
            texts: {},
            accounts: [{ name: r.accounts[0]!.name }],
          });
          const expected = before.requests.map((r, i) => (i === changed ? withoutAmount(r) : r));
          expect(after.requests).toEqual(expected);
          expect(after.issues.map((i) => [i.code, i.line])).toEqual([['CURRENCY_WITHOUT_RATE', changed + 2]]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
