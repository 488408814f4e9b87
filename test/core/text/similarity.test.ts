import { describe, expect, it } from 'vitest';
import { findDuplicates, suggestTitles, titleSimilarity } from '../../../src/core/text/similarity.js';
import type { FeatureRequest } from '../../../src/core/types.js';

describe('titleSimilarity', () => {
  it.each([
    // {sso, okta} vs {saml, sso, okta, users}: 2*2 / (2+4) = 0.667
    ['SSO via Okta', 'SAML SSO for Okta users', 2 / 3],
    // {audit, log, export} vs {audit, log, export, siem}: 2*3 / 7
    ['Audit log export', 'Audit log export (SIEM)', 6 / 7],
    ['Gantt chart view', 'gantt  CHART view', 1],
    ['Dark mode', 'Bulk CSV import', 0],
    ['the', 'of', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(titleSimilarity(a, b)).toBeCloseTo(expected, 6);
  });
});

describe('findDuplicates', () => {
  const make = (id: string, title: string): FeatureRequest => ({ id, title, lines: [], accounts: [], numbers: {}, texts: {} });
  const others = [make('1', 'SSO via Okta'), make('2', 'SAML SSO for Okta users'), make('3', 'Okta'), make('4', 'Dark mode')];

  it('lists the requests at or above the threshold, most similar first, never the request itself', () => {
    // vs "SSO via Okta" {sso, okta}: #2 2*2/6 = 0.667, #3 {okta} 2*1/3 = 0.667, #4 0
    const found = findDuplicates(others[0]!, others, 0.6).map((d) => d.request.id);
    expect(found).toEqual(['2', '3']);
    expect(findDuplicates(others[0]!, others, 0.7)).toEqual([]);
  });
});

describe('suggestTitles', () => {
  it('puts titles that share more words first, and leaves out titles with no word in common and no likeness', () => {
    // {salesforce, 2, way, sync} vs {salesforce, two, way, sync}: 2*3/8 = 0.75; vs {slack, sync}: 2*1/6 = 0.33;
    // vs {dark, mode}: 0, and "dark mode" is 9 letters against 21, over half the length in edits
    const titles = ['Dark mode', 'Slack sync', 'Salesforce two-way sync'];
    expect(suggestTitles('Salesforce 2-way sync', titles)).toEqual(['Salesforce two-way sync', 'Slack sync']);
    expect(suggestTitles('Salesforce 2-way sync', titles, 1)).toEqual(['Salesforce two-way sync']);
  });

  it('suggests a title a typo away though no word matches', () => {
    // "zappier" -> "zapier": 1 edit of 7 letters (0.14, at most 0.5); "zapier integration" is 18 letters: 11+ edits
    expect(suggestTitles('Zappier', ['Zapier integration', 'Zapier'])).toEqual(['Zapier']);
  });
});
