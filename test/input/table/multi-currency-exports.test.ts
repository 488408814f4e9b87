import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/core/config/schema.js';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequests } from '../../../src/core/scoring/score.js';
import { readRequests } from '../../../src/input/requests/read-requests.js';
import { modelOf } from '../../core/model-fixtures.js';

// Layouts and sources: test/data/multi-currency/README.md.
const DATA = join(import.meta.dirname, '../../data/multi-currency');

async function rank(file: string, currency: Config['currency'], columns: Config['columns'] = {}) {
  const model = modelOf({ columns, currency, criteria: { money: { weight: 1, field: 'deal_value', scale: 'linear', min: 0, max: 1e6 } } });
  const read = await readRequests({ name: file, stream: createReadStream(join(DATA, file)) }, model, {});
  const ranked = rankRequests(scoreRequests(read.requests, model));
  return { ...read, ranking: ranked.map((r) => [r.id, r.dealValue]) };
}

describe('multi-currency CRM exports rank by the right amount', () => {
  it('a Salesforce report: Amount (converted) over the ZAR, ILS, EUR and JPY amounts beside it', async () => {
    // No rates in the config: every row has a converted amount, in USD.
    // Offline mode: Karoo 160,000 + Tel Aviv 100,000 = 260,000; SSO via Okta: Acme 90,000 + Nordwind 165,000 = 255,000;
    // Audit log: Osaka 83.86 (JPY 10,000 read as dollars would have made it 10,000).
    const { ranking, issues, summary, requests } = await rank('salesforce-report-formatted.csv', { rates: {} });
    expect(ranking).toEqual([
      ['Offline mode', 260000],
      ['SSO via Okta', 255000],
      ['Audit log', 83.86],
    ]);
    expect(issues).toEqual([]);
    expect(summary).toMatchObject({ currency: 'USD', columns: { deal_value: 'Amount (converted)' } });
    expect(summary.conversions).toEqual({
      ZAR: { column: 'Amount (converted)', rows: 1 },
      ILS: { column: 'Amount (converted)', rows: 1 },
      EUR: { column: 'Amount (converted)', rows: 1 },
      JPY: { column: 'Amount (converted)', rows: 1 },
    });
    expect(requests.find((r) => r.id === 'Offline mode')!.texts.converted_from).toEqual(['ZAR', 'ILS']);
  });

  it("a Salesforce report exported as details: each amount's own currency column", async () => {
    // SSO via Okta: 90,000 + 165,000 = 255,000; Offline mode: 160,000; Audit log: 83.86.
    const { ranking, issues, summary } = await rank('salesforce-report-details.csv', { base: 'USD', rates: {} });
    expect(ranking).toEqual([
      ['SSO via Okta', 255000],
      ['Offline mode', 160000],
      ['Audit log', 83.86],
    ]);
    expect(issues).toEqual([]);
    expect(summary.columns).toMatchObject({ deal_value: 'Amount (converted)', currency: 'Amount (converted) Currency' });
  });

  it('a Salesforce data export: CurrencyIsoCode converts each bare Amount, and a currency without a rate is missing, not a stop', async () => {
    // MXN 1,500,000 x 0.05 = 75,000 + USD 95,000 -> SSO via Okta 170,000. PEN 250,000 x 0.27 = 67,500 -> Offline mode;
    // COP 276,000,000 has no rate: missing, where read as dollars it would have been the largest deal by far.
    // Audit log: 180,000 with an empty code, a bare number in the base currency.
    const columns = { id: 'Feature_Request__c' };
    const withoutCop = await rank('salesforce-data-export-opportunity.csv', { base: 'USD', rates: { MXN: 0.05, PEN: 0.27 } }, columns);
    expect(withoutCop.ranking).toEqual([
      ['Audit log', 180000],
      ['SSO via Okta', 170000],
      ['Offline mode', 67500],
    ]);
    expect(withoutCop.issues.map((i) => [i.code, i.line, i.path])).toEqual([['CURRENCY_WITHOUT_RATE', 2, 'currency.rates.COP']]);
    // With COP at 0.00025: 276,000,000 x 0.00025 = 69,000 -> Offline mode 67,500 + 69,000 = 136,500.
    const withCop = await rank(
      'salesforce-data-export-opportunity.csv',
      { base: 'USD', rates: { MXN: 0.05, PEN: 0.27, COP: 0.00025 } },
      columns,
    );
    expect(withCop.ranking).toEqual([
      ['Audit log', 180000],
      ['SSO via Okta', 170000],
      ['Offline mode', 136500],
    ]);
    expect(withCop.issues).toEqual([]);
  });

  it('a HubSpot deals export: Amount in company currency, and the deal currency for a row without one', async () => {
    // SSO via Okta: Helix 162,000 (company currency) + Maple CAD 200,000 x 0.75 = 150,000 (no company-currency amount) = 312,000.
    // Salesforce two-way sync: Polaris 220,000 + Kestrel 60,000 = 280,000; its JPY 9,000,000 as dollars would have ranked it first.
    const { ranking, issues, summary } = await rank('hubspot-deals-company-currency.csv', { base: 'USD', rates: { CAD: 0.75 } });
    expect(ranking).toEqual([
      ['SSO via Okta', 312000],
      ['Salesforce two-way sync', 280000],
    ]);
    expect(issues).toEqual([]);
    expect(summary.columns).toMatchObject({ deal_value: 'Amount in company currency', currency: 'Currency' });
    expect(summary.conversions).toEqual({
      EUR: { column: 'Amount in company currency', rows: 1 },
      JPY: { column: 'Amount in company currency', rows: 1 },
      CAD: { rate: 0.75, rows: 1 },
    });
  });
});
