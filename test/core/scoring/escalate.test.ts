import { describe, expect, it } from 'vitest';
import { formatDay, parseDate } from '../../../src/core/text/dates.js';
import { checkEscalation, reviewEscalations } from '../../../src/core/scoring/escalate.js';
import { configSchema } from '../../../src/core/config/schema.js';
import { requestOf } from '../model-fixtures.js';

describe('parseDate', () => {
  // 2026-04-30 is day 20573: 56 years of 365 days + 14 leap days (1972..2024) = 20454, + Jan-Apr 2026 (31+28+31+29) = 119
  it.each([
    ['2026-04-30', 20573],
    ['2026-04-30T09:15:00Z', 20573],
    ['2026/04/30', 20573],
    ['4/30/2026', 20573], // Salesforce, US
    ['30/04/2026', 20573], // 30 cannot be a month
    ['30.04.2026', 20573],
    ['2/30/2026', undefined], // no such day
    ['next week', undefined],
    ['', undefined],
  ])('%j -> %s', (text, day) => {
    expect(parseDate(text)).toBe(day);
  });

  it('formats a day back as ISO', () => {
    expect(formatDay(20573)).toBe('2026-04-30');
  });
});

describe('within_days conditions', () => {
  const rule = { name: 'Closing soon', when: { deal_value: { min: 100 }, close_date: { within_days: 60 } } };
  const asOf = parseDate('2026-11-28')!;

  it.each([
    // nearest of the request's dates counts: 12/18 is 20 days after 11/28
    [['4/30/2026', '12/18/2026'], true, { date: '12/18/2026', daysAway: 20, daysFromAsOf: 20 }],
    // 9/29 is 60 days before 11/28 (Sep 1 + Oct 31 + Nov 28 = 60): inclusive, either side
    [['9/29/2026'], true, { date: '9/29/2026', daysAway: 60, daysFromAsOf: -60 }],
    // 6/30 -> 11/28: Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 28 = 151
    [['6/30/2026'], false, { date: '6/30/2026', daysAway: 151, daysFromAsOf: -151 }],
    [['TBD'], false, undefined],
  ])('dates %j -> holds %s', (dates, holds, nearest) => {
    const request = requestOf({ id: 'A', numbers: { deal_value: 500 }, texts: { close_date: dates } });
    const check = checkEscalation(request, rule, asOf);
    expect(check.checks[1]).toMatchObject({ holds });
    expect(check.checks[1]!.nearest).toEqual(nearest);
    expect(check).toMatchObject({ isMet: holds, isNearMiss: !holds });
  });

  it('does not hold without an as-of date', () => {
    const request = requestOf({ id: 'A', numbers: { deal_value: 500 }, texts: { close_date: ['11/28/2026'] } });
    expect(checkEscalation(request, rule).isMet).toBe(false);
  });
});

describe('reviewEscalations', () => {
  it('lists who meets each rule and who misses it by exactly one condition, in the given order', () => {
    const rule = { name: 'Strategic', when: { deal_value: { min: 250 }, segment: ['Enterprise'] } };
    const requests = [
      requestOf({ id: 'MET', numbers: { deal_value: 300 }, texts: { segment: ['Enterprise'] } }),
      requestOf({ id: 'SHORT', numbers: { deal_value: 180 }, texts: { segment: ['Enterprise'] } }),
      requestOf({ id: 'FAR', numbers: { deal_value: 10 }, texts: { segment: ['SMB'] } }),
    ];
    const [review] = reviewEscalations(requests, [rule]);
    expect(review!.met.map((e) => e.request.id)).toEqual(['MET']);
    expect(review!.nearMisses.map((e) => e.request.id)).toEqual(['SHORT']);
  });
});

describe('escalation rule schema', () => {
  const base = { version: 1, criteria: { d: { weight: 1, field: 'deal_value', scale: 'log', max: 10 } } };
  it.each([
    [{ name: 'R', owner: 'VP Sales', review_within: '5 business days', when: { close_date: { within_days: 30 } } }, true],
    [{ name: 'R', review_within: '2 weeks', when: { deal_value: { min: 1 } } }, true],
    [{ name: 'R', review_within: 'soon', when: { deal_value: { min: 1 } } }, false],
    [{ name: 'R', when: { close_date: { within_days: -3 } } }, false],
    [{ name: 'R', when: { close_date: { within_days: 3, min: 1 } } }, false],
  ])('%j valid: %s', (rule, isValid) => {
    expect(configSchema.safeParse({ ...base, escalation: [rule] }).success).toBe(isValid);
  });
});
