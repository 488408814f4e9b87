import { describe, expect, it } from 'vitest';
import { dateEvidenceOf, decideDateOrder, parseDate, parsePeriodDays } from '../../../src/core/text/dates.js';

// Day numbers count from 1970-01-01. 2026-01-01 is day 20454: 56 years of 365 days + 14 leap days (1972..2024).
const JAN_18 = 20454 + 17; // 20471
const MAR_4 = 20454 + 31 + 28 + 3; // 20516
const APR_3 = 20454 + 31 + 28 + 31 + 2; // 20546

describe('parseDate: every common export format', () => {
  it.each([
    ['2026-01-18', JAN_18], // ISO
    ['2026-01-18T09:15:00Z', JAN_18], // ISO with a time
    ['2026/01/18', JAN_18],
    ['1/18/2026', JAN_18], // US (Salesforce)
    ['01/18/2026 3:45 PM', JAN_18], // US with a time
    ['1/18/26', JAN_18], // two-digit year
    ['18/01/2026', JAN_18], // EU: 18 cannot be a month
    ['18.01.2026', JAN_18], // German
    ['18-01-2026', JAN_18], // Dutch
    ['Jan 18 2026', JAN_18],
    ['Jan 18, 2026', JAN_18],
    ['January 18, 2026', JAN_18],
    ['Sept 18, 2026', 20454 + 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 17], // 2026-09-18
    ['18 Jan 2026', JAN_18],
    ['18-Jan-2026', JAN_18],
    ['18/Jan/26 3:42 PM', JAN_18], // Jira Cloud's CSV export (fixtures/exports/README.md: "14/Jul/25 3:42 PM")
    ['18/Jan/26 03:26 PM', JAN_18], // Jira Server's ("11/May/24 03:26 PM")
    ['Jan 18, 2026 3:42 PM', JAN_18], // a named month with a time
    ['18 Jan 26', JAN_18], // two-digit year after a named month
    ['18/Jan/26 3:42', JAN_18],
    ['18/Foo/26 3:42 PM', undefined],
    ['2/30/2026', undefined], // no such day
    ['Foo 18 2026', undefined],
    ['next week', undefined],
    ['', undefined],
  ])('%j -> %s', (text, day) => {
    expect(parseDate(text)).toBe(day);
  });

  it('reads an Excel serial only where the column holds dates', () => {
    // Excel counts 1900-01-01 as 1 and a 29 Feb 1900 that never was: 1970-01-01 is its 25569, so 2026-01-18 is 25569 + 20471.
    expect(parseDate('46040', { isSerialAllowed: true })).toBe(JAN_18);
    expect(parseDate('46040.5', { isSerialAllowed: true })).toBe(JAN_18);
    expect(parseDate('46040')).toBeUndefined();
    expect(parseDate('120', { isSerialAllowed: true })).toBeUndefined();
  });

  it('reads 03/04/2026 as the column order says: month first by default, day first when told', () => {
    expect(parseDate('03/04/2026')).toBe(MAR_4);
    expect(parseDate('03/04/2026', { order: 'month-first' })).toBe(MAR_4);
    expect(parseDate('03/04/2026', { order: 'day-first' })).toBe(APR_3);
    // A part above 12 is the day whatever the order.
    expect(parseDate('13/04/2026', { order: 'month-first' })).toBe(APR_3 + 10);
  });
});

describe('decideDateOrder: per column, from the other values', () => {
  it.each([
    ['03/04/2026', 'ambiguous'],
    ['13/04/2026', 'day-first'],
    ['04/13/2026', 'month-first'],
    ['04/04/2026', 'neutral'],
    ['2026-04-03', 'neutral'],
    ['03.04.2026', 'neutral'],
  ])('%s is %s evidence', (text, evidence) => {
    expect(dateEvidenceOf(text)).toBe(evidence);
  });

  it('takes the order its unambiguous values prove', () => {
    expect(decideDateOrder(['03/04/2026', '25/04/2026'])).toEqual({ order: 'day-first', isConflicting: false });
    expect(decideDateOrder(['03/04/2026', '04/25/2026'])).toEqual({ order: 'month-first', isConflicting: false });
  });

  it('cannot decide when every value could be either', () => {
    expect(decideDateOrder(['03/04/2026', '05/06/2026'])).toEqual({ isConflicting: false });
  });

  it('takes the majority and says so when values disagree', () => {
    expect(decideDateOrder(['13/04/2026', '14/04/2026', '04/13/2026'])).toEqual({ order: 'day-first', isConflicting: true });
  });
});

describe('parsePeriodDays', () => {
  it.each([
    ['180d', 180],
    ['26w', 182],
    ['6m', 180],
    ['1y', 365],
    ['90', 90],
    [45, 45],
    ['0d', undefined],
    ['soon', undefined],
  ])('%j -> %s days', (text, days) => {
    expect(parsePeriodDays(text)).toBe(days);
  });
});
