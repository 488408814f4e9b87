import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../src/core/analysis/explain.js';
import type { Criterion } from '../../../src/core/types.js';
import { createScrubber, removeMoney, salesPhrase } from '../../../src/reporters/words/sales.js';

describe('removeMoney', () => {
  it.each([
    ['SSO for the renewal ($1.2M deal)', 'SSO for the renewal (deal)'],
    ['Worth USD 120,000.00 a year', 'Worth a year'],
    ['€50k upsell', 'upsell'],
    ['1.234.567,89 € pipeline', 'pipeline'],
    ['Blocks a 250K renewal', 'Blocks a renewal'],
    ['$85,292.54', ''],
    ['Import 500,000 rows', 'Import rows'],
    // no amount: a currency list, versions, years and ids stay
    ['Mehrwährungsrechnungen (€; £; CHF)', 'Mehrwährungsrechnungen (€; £; CHF)'],
    ['SAML 2.0 for FR-101 in 2026', 'SAML 2.0 for FR-101 in 2026'],
    ['B2B invoices, M365 sync', 'B2B invoices, M365 sync'],
    ['Call alert() on $5 and $10', 'Call alert() on and'],
  ])('%j -> %j', (text, expected) => {
    expect(removeMoney(text)).toBe(expected);
  });
});

describe('createScrubber', () => {
  const scrub = createScrubber([
    'Northgate Pharmaceuticals',
    'Atlas Freight Systems',
    'Vantage Point Media',
    'Bluewater Retail Co.',
    'Twin Two',
  ]);

  it.each([
    ['Northgate asked for SSO', 'a customer asked for SSO'],
    ["Atlas Freight's ask: EDI", "a customer's ask: EDI"],
    ['Export for atlas freight systems', 'Export for a customer'],
    ['Vantage wants webhooks', 'a customer wants webhooks'],
    ['Bluewater Retail Co. too', 'a customer too'],
    // generic words of the names alone name no one
    ['Media library and point-in-time restore', 'Media library and point-in-time restore'],
    ['Freight rates for Systems teams', 'Freight rates for Systems teams'],
    ['Northgate ($1.2M deal)', 'a customer (deal)'],
    // a word of a name in lower case is an ordinary word: "Twin Two" asked, but "line two" stays
    ['Line one, line two', 'Line one, line two'],
    ['Two wants SSO', 'a customer wants SSO'],
  ])('%j -> %j', (text, expected) => {
    expect(scrub(text)).toBe(expected);
  });
});

describe('salesPhrase', () => {
  const contribution = (raw: string | number): Contribution => ({
    criterion: 'x',
    field: 'x',
    score: { raw, normalized: 1, points: 10, isMissing: false },
    maxPoints: 10,
    lostPoints: 0,
  });
  const criterion = (field: string, extra: Partial<Criterion> = {}): Criterion => ({
    name: `${field}_fit`,
    weight: 1,
    field,
    transform: { kind: 'linear', min: 1, max: 5 },
    missing: 0,
    ...extra,
  });
  const plain = (text: string) => text;

  it('names the segment, and never a key, a scale or a value of the model', () => {
    expect(salesPhrase(criterion('segment'), contribution('Enterprise'), 'strong', plain)).toBe('a strong fit for Enterprise customers');
    expect(salesPhrase(criterion('alignment'), contribution(1), 'weak', plain)).toBe('less aligned with our current product strategy');
    expect(salesPhrase(criterion('effort'), contribution('XL'), 'weak', plain)).toBe('a large piece of work');
    // without a label, a criterion has no words but its name, a model key: it is left out
    expect(salesPhrase(criterion('reach'), contribution(900), 'strong', plain)).toBeUndefined();
    expect(salesPhrase(criterion('reach', { label: 'how many users it reaches' }), contribution(900), 'weak', plain)).toBe(
      'weaker on how many users it reaches',
    );
  });

  it("uses the config's phrase, with {value}", () => {
    const custom = criterion('segment', { sales: { strong: 'built for {value} teams like yours' } });
    expect(salesPhrase(custom, contribution('Mid-Market'), 'strong', plain)).toBe('built for Mid-Market teams like yours');
  });

  it('fills {value} with text only: a number is an internal scale, so the next phrase that needs none is used', () => {
    const custom = criterion('alignment', { sales: { strong: 'scores {value} on fit' } });
    expect(salesPhrase(custom, contribution(4), 'strong', plain)).toBe('closely aligned with our product strategy');
    const labelled = criterion('reach', { label: 'reach', sales: { strong: 'reaches {value} users' } });
    expect(salesPhrase(labelled, contribution(900), 'strong', plain)).toBe('strong on reach');
  });
});
