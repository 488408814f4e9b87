import { describe, expect, it } from 'vitest';
import { createRequestGrouper, dropOverflowingDeals, groupRequests } from '../../../src/core/requests/group.js';
import type { Mention } from '../../../src/core/types.js';

function mention(line: number, partial: Partial<Mention>): Mention {
  return { line, ids: [], numbers: {}, texts: {}, ...partial };
}

describe('groupRequests', () => {
  const rows = [
    mention(2, { ids: ['FR-1'], title: 'SSO', account: 'Acme', numbers: { deal_value: 100 }, texts: { segment: ['SMB'] } }),
    mention(3, { ids: ['fr-1'], title: 'SSO via Okta', account: 'ACME ', numbers: { deal_value: 300 }, texts: { segment: ['smb'] } }),
    mention(4, { ids: ['FR-1'], account: 'Beta', numbers: { deal_value: 50, alignment: 2 }, texts: { segment: ['Enterprise'] } }),
    mention(5, { ids: ['FR-1'], numbers: { deal_value: 20, alignment: 4 } }),
  ];

  it('counts each account once with its largest deal, and a row without account apart from them', () => {
    // Acme: max(100, 300) = 300; Beta 50; line 5 names no account: 1 unattributed mention of 20 -> sum 370
    const [request] = groupRequests(rows, { deal_value: 'sum' }).requests;
    expect(request!.accounts).toEqual([
      { name: 'Acme', dealValue: 300, segment: 'SMB' },
      { name: 'Beta', dealValue: 50, segment: 'Enterprise' },
    ]);
    expect(request!.unattributed).toEqual({ mentions: 1, dealValue: 20 });
    expect(request!.dealValue).toBe(370);
    expect(request!.lines).toEqual([2, 3, 4, 5]);
  });

  it('takes the largest account deal with deal_value: max', () => {
    expect(groupRequests(rows, { deal_value: 'max' }).requests[0]!.dealValue).toBe(300);
  });

  it('counts every row without an account once, since nothing tells two apart, and never as an account', () => {
    const unattributed = [
      mention(2, { ids: ['A'], account: 'Acme', numbers: { deal_value: 100 } }),
      mention(3, { ids: ['A'], numbers: { deal_value: 40 } }),
      mention(4, { ids: ['A'], account: '  ', numbers: { deal_value: 40 } }),
      mention(5, { ids: ['A'], numbers: { deal_value: 70 } }),
      mention(6, { ids: ['A'] }),
    ];
    // 4 rows name no account (a blank cell is none); their deals 40 + 40 + 70 = 150, + Acme 100 = 250
    const [summed] = groupRequests(unattributed, { deal_value: 'sum' }).requests;
    expect(summed).toMatchObject({ accounts: [{ name: 'Acme' }], unattributed: { mentions: 4, dealValue: 150 }, dealValue: 250 });
    // max: the largest single row, 100 (Acme) over 70
    const [maxed] = groupRequests(unattributed, { deal_value: 'max' }).requests;
    expect(maxed).toMatchObject({ unattributed: { mentions: 4, dealValue: 70 }, dealValue: 100 });
  });

  it('gives a request no accounts when no row names one, and no deal value when no row has one', () => {
    const [request] = groupRequests([mention(2, { ids: ['A'] }), mention(3, { ids: ['A'] })], { deal_value: 'sum' }).requests;
    expect(request).toMatchObject({ accounts: [], unattributed: { mentions: 2 } });
    expect(request!.unattributed).not.toHaveProperty('dealValue');
    expect(request!.dealValue).toBeUndefined();
  });

  it("reads segments from every row, a $0 deal's and an unattributed one's alike", () => {
    const [request] = groupRequests(
      [
        mention(2, { ids: ['A'], account: 'Acme', numbers: { deal_value: 0 }, texts: { segment: ['Enterprise'] } }),
        mention(3, { ids: ['A'], numbers: { deal_value: 10 }, texts: { segment: ['Public Sector'] } }),
      ],
      { deal_value: 'sum' },
    ).requests;
    expect(request!.texts.segment).toEqual(['Enterprise', 'Public Sector']);
    expect(request).toMatchObject({ accounts: [{ name: 'Acme', dealValue: 0 }], dealValue: 10 });
  });

  it('keeps the first title, the last non-empty number and distinct text values', () => {
    const [request] = groupRequests(rows, { deal_value: 'sum' }).requests;
    expect(request!.title).toBe('SSO');
    expect(request!.numbers.alignment).toBe(4);
    expect(request!.texts.segment).toEqual(['SMB', 'Enterprise']);
  });

  it('groups rows without an id by title, ignoring case and spacing', () => {
    const { requests } = groupRequests(
      [mention(2, { title: 'Gantt chart view' }), mention(3, { title: ' gantt  chart VIEW ' }), mention(4, { title: 'Dark mode' })],
      { deal_value: 'sum' },
    );
    expect(requests.map((r) => [r.id, r.lines])).toEqual([
      ['Gantt chart view', [2, 3]],
      ['Dark mode', [4]],
    ]);
  });

  it('counts a row for every request its id cell lists', () => {
    const { requests } = groupRequests([mention(2, { ids: ['A', 'B', 'A'], account: 'Acme', numbers: { deal_value: 10 } })], {
      deal_value: 'sum',
    });
    expect(requests.map((r) => [r.id, r.dealValue])).toEqual([
      ['A', 10],
      ['B', 10],
    ]);
  });

  it('skips a row that names no request, with a warning naming its line', () => {
    const { requests, issues } = groupRequests([mention(7, { account: 'Acme' })], { deal_value: 'sum' });
    expect(requests).toEqual([]);
    expect(issues).toMatchObject([{ code: 'ROW_WITHOUT_REQUEST', line: 7, severity: 'warning' }]);
  });

  it('leaves deal value undefined when no row has one', () => {
    expect(groupRequests([mention(2, { ids: ['A'] })], { deal_value: 'sum' }).requests[0]!.dealValue).toBeUndefined();
  });

  it('keeps each text once by its folded form, however many spellings a request has seen', () => {
    // Ten dates fill the exact-spelling shortcut (8 kept); " 2026-01-0X" and the lower-case status still fold onto the first spellings.
    const dates = Array.from({ length: 10 }, (_, i) => `2026-01-0${i}`);
    const many = [...dates, ' 2026-01-09', '2026-01-00 '].map((date, i) =>
      mention(i + 2, { ids: ['A'], account: 'Acme', texts: { close_date: [date], status: [i % 2 ? 'New' : 'NEW'] } }),
    );
    const [request] = groupRequests(many, { deal_value: 'sum' }).requests;
    expect(request!.texts).toEqual({ close_date: dates, status: ['NEW'] });
    expect(request!.accounts).toEqual([{ name: 'Acme' }]);
  });

  it('lets go of the grouping once the requests are built', () => {
    const grouper = createRequestGrouper({ deal_value: 'sum' });
    grouper.add(rows[0]!);
    expect(grouper.requests()).toHaveLength(1);
    expect(grouper.requests()).toEqual([]);
  });
});

describe('dropOverflowingDeals', () => {
  it('counts a deal value that sums past the largest double as missing, with a warning naming the request', () => {
    // 20 accounts of 1e307 each: 2e308 is over Number.MAX_VALUE (about 1.8e308), so the sum is Infinity.
    const rows = Array.from({ length: 20 }, (_, i) => mention(i + 2, { ids: ['FR-1'], account: `A${i}`, numbers: { deal_value: 1e307 } }));
    const other = mention(22, { ids: ['FR-2'], account: 'B', numbers: { deal_value: 5000 } });
    const { requests } = groupRequests([...rows, other], { deal_value: 'sum' });
    expect(requests[0]!.dealValue).toBe(Infinity);
    const issues = dropOverflowingDeals(requests);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['DEAL_VALUE_OVERFLOW', 'FR-1']]);
    expect(requests.map((r) => [r.id, r.dealValue, r.numbers.deal_value])).toEqual([
      ['FR-1', undefined, undefined],
      ['FR-2', 5000, 5000],
    ]);
  });
});
