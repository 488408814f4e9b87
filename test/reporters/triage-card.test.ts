import { describe, expect, it } from 'vitest';
import { scoreRequest } from '../../src/core/scoring/score.js';
import { renderTriageCard } from '../../src/reporters/triage-card.js';
import { modelOf, requestOf } from '../core/model-fixtures.js';

const model = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { S: 1, L: 0 } } } });
const request = scoreRequest(
  requestOf({
    id: 'FR-1',
    title: 'SSO via Okta',
    dealValue: 150000,
    accounts: [{ name: 'Beta' }, { name: 'Acme', dealValue: 150000 }],
    texts: { segment: ['Enterprise'], notes: ['CISO wants SAML\nbefore signing'] },
  }),
  model,
);
/** The card of the one request of a session of one. */
const ONLY_CARD = { color: false, index: 1, count: 1, place: 1, total: 1, potential: 100, model: { kind: 'weighted' as const } };
const duplicate = scoreRequest(requestOf({ id: 'FR-2', title: 'SAML SSO for Okta users' }), model);

describe('renderTriageCard', () => {
  it('shows the request, its accounts by deal, notes and likely duplicates', () => {
    const card = renderTriageCard(request, {
      color: false,
      index: 2,
      count: 9,
      place: 4,
      total: 37,
      potential: 100,
      model: { kind: 'weighted' },
      currency: 'USD',
      duplicates: [{ request: duplicate, similarity: 2 / 3 }],
    });
    expect(card).toMatchInlineSnapshot(`
      "
      [2/9] FR-1 SSO via Okta
        score      0.0 (could reach 100.0) · #4 of 37
        deal value $150K from 2 accounts
          Acme $150K
          Beta —
        segments   Enterprise
        note       CISO wants SAML before signing
        maybe same as FR-2 SAML SSO for Okta users (67% similar)
      "
    `);
  });

  it('shows a resumed request with its mark, its decided horizon and the answers already given', () => {
    const decided = {
      ...request,
      horizon: 'Now',
      decision: {
        decision: 'defer' as const,
        reason: 'After the platform work',
        horizon: 'Later',
        values: { effort: 'S' },
        distinctFrom: ['FR-2'],
      },
    };
    const card = renderTriageCard(decided, {
      color: false,
      index: 1,
      count: 1,
      place: 4,
      total: 37,
      potential: 100,
      model: { kind: 'weighted' },
      duplicates: [],
    });
    expect(card.split('\n').slice(1, 3)).toEqual([
      '[1/1] FR-1 SSO via Okta [deferred]',
      '  score      0.0 (could reach 100.0) · #4 of 37 · Later (decided)',
    ]);
    expect(card).toContain('  answered   not the same as FR-2 · effort S · defer: After the platform work · horizon Later\n');
  });
});

describe('renderTriageCard with rows that name no account', () => {
  it('lists them apart from the accounts, with their deal value', () => {
    // Acme 150,000 + unattributed 20,000 + 5,000 = 175,000
    const asked = scoreRequest(
      requestOf({
        id: 'FR-3',
        title: 'Audit log',
        dealValue: 175000,
        accounts: [{ name: 'Acme', dealValue: 150000 }],
        unattributed: { mentions: 2, dealValue: 25000 },
      }),
      model,
    );
    const card = renderTriageCard(asked, { ...ONLY_CARD, currency: 'USD', duplicates: [] });
    expect(card).toContain('  deal value $175K from 1 account + 2 unattributed\n    Acme $150K\n    2 unattributed $25K\n');
  });
});

describe('renderTriageCard on hostile text', () => {
  it('escapes control characters in every text from the export', () => {
    const evil = (text: string) => `${text}\u001b[2J\u009b31m`;
    const hostile = scoreRequest(
      requestOf({
        id: 'FR-1',
        title: evil('SSO'),
        accounts: [{ name: evil('Acme') }],
        texts: { segment: [evil('SMB')], notes: [evil('n')] },
      }),
      model,
    );
    const twin = scoreRequest(requestOf({ id: evil('FR-2'), title: evil('SSO') }), model);
    const card = renderTriageCard(hostile, { ...ONLY_CARD, duplicates: [{ request: twin, similarity: 1 }] });
    expect(card).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // title, account, segment, note, and the duplicate's id and title
    expect(card.match(/\\u001b\[2J\\u009b31m/g)).toHaveLength(6);
  });
});
