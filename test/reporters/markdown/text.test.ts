import { describe, expect, it } from 'vitest';
import { createRedactor, escapeMarkdown, shieldDollars } from '../../../src/reporters/markdown/text.js';

describe('escapeMarkdown', () => {
  it.each([
    ['Custom roles & permissions', 'Custom roles & permissions'],
    ['SSO | SAML', 'SSO \\| SAML'],
    ['`rm -rf`', '\\`rm -rf\\`'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['# Not a heading', '\\# Not a heading'],
    ['line one\nline two\r\nthree', 'line one line two three'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['**bold** _it_ ~~gone~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~'],
    ['&lt; stays text', '&amp;lt; stays text'],
    ['- list item', '\\- list item'],
    ['1. numbered', '1\\. numbered'],
    // a word joiner (U+2060, as its entity) keeps GitHub from linking the issue and the mention
    ['@everyone see #12', '\\@&#8288;everyone see \\#&#8288;12'],
    ['# 12 and #, @ alone', '\\# 12 and \\#, \\@ alone'],
    ['$x$ math, $5', '<span>$</span>x<span>$</span> math, <span>$</span>5'],
    ['bell\u0007 and \u202ereversed', 'bell\\u0007 and \\u202ereversed'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('shieldDollars', () => {
  it('wraps each dollar once, however often it runs', () => {
    expect(shieldDollars('($60K), Brightpath ($18K)')).toBe('(<span>$</span>60K), Brightpath (<span>$</span>18K)');
    expect(shieldDollars(shieldDollars('$1'))).toBe('<span>$</span>1');
  });
});

describe('createRedactor', () => {
  it('replaces whole names, ignoring case and spacing, longest first', () => {
    const names = ['Acme', 'Acme Corp', 'Bluewater Retail Co.'];
    expect(createRedactor(names)('Acme  corp and ACME asked; bluewater retail co. too; Acmeville did not')).toBe(
      'a customer and a customer asked; a customer too; Acmeville did not',
    );
  });
});
