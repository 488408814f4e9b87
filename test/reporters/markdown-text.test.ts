import { describe, expect, it } from 'vitest';
import { createRedactor, escapeMarkdown, toMermaidLabel } from '../../src/reporters/markdown-text.js';

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
    ['@everyone see #12', '\\@everyone see \\#12'],
    ['$x$ math', '\\$x\\$ math'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('toMermaidLabel', () => {
  it('keeps only characters a quoted Mermaid string can hold', () => {
    expect(toMermaidLabel('Say "hi" <b>`now`</b>\n# {x}; [y]')).toBe('Say hi b now /b x y');
  });

  it('cuts long labels', () => {
    expect(toMermaidLabel('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
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
