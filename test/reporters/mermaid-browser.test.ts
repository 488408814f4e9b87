import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import { loadCsvReport, renderPmReportOf } from '../helpers/fixtures.js';
import { ChartBrowser, mermaidBlocks } from '../helpers/mermaid-browser.js';

// One browser for the file: launching Chromium costs about a second, a chart a few milliseconds.
let browser: ChartBrowser;
beforeAll(async () => {
  browser = await ChartBrowser.open();
});
afterAll(async () => {
  await browser?.close();
});

const REPORTS = join(FIXTURES, 'reports');
const PM_REPORTS = readdirSync(REPORTS).filter((file) => file.endsWith('.pm.md'));

describe('the Mermaid of every committed PM report, rendered by Mermaid 11 in Chromium', () => {
  it.each(PM_REPORTS)('%s: parses, and no label overlaps another or is cut off', async (file) => {
    const blocks = mermaidBlocks(readFileSync(join(REPORTS, file), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(await browser.findProblems(block)).toEqual([]);
  });

  it('fixtures/reports/requests.quadrant.png, the README picture, is the chart of requests.pm.md (UPDATE_EXAMPLES=1 redraws it)', async () => {
    const [chart] = mermaidBlocks(readFileSync(join(REPORTS, 'requests.pm.md'), 'utf8'));
    expect(await browser.findProblems(chart!)).toEqual([]);
    const png = join(REPORTS, 'requests.quadrant.png');
    const drawn = await browser.screenshot();
    if (process.env.UPDATE_EXAMPLES) writeFileSync(png, drawn);
    // Pixels depend on Chromium's version and fonts; the size of the chart should not
    expect(pngSize(readFileSync(png))).toEqual(pngSize(drawn));
  });
});

/** Width and height from a PNG's header chunk (bytes 16-23, after the signature and the chunk's length and type). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// Titles, accounts and IDs that could break a Mermaid chart or the markdown around it.
const HOSTILE_TITLES = [
  'Say "hello" to \'quotes\'',
  'Key: value; a: b',
  'Brackets [1] (2) {3} <4>',
  'Pipes | in | the | title',
  '<script>alert(1)</script>',
  'Backticks `code` and ```mermaid fences```',
  'Line one\nline two\r\nline three',
  'Dark mode 🌙 with 👩‍💻 emoji',
  'دعم اللغة العربية من اليمين إلى اليسار',
  'תמיכה בעברית',
  "%%{init: {'theme': 'dark'}}%%",
  '"1": [0.5, 0.5]',
  'quadrant-1 Hacked\n  title Owned',
  '#12 costs $5 and $6 --> end',
];
const EFFORTS = ['XS', 'S', 'M', 'L', 'XL'];

/** One request per hostile title, its efforts and amounts spread over their scales so the points spread too. */
function hostileExport(): string {
  const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const rows = HOSTILE_TITLES.map((title, i) =>
    [`FR-${i}: "${i}" [x]`, title, `Acme "${i}" | <b>Corp</b>`, String(10000 * 2 ** (i % 7)), i % 2 ? 'Enterprise' : 'SMB', EFFORTS[i % 5]!]
      .map(cell)
      .join(','),
  );
  return ['Request ID,Title,Account Name,Amount,Segment,Effort', ...rows].join('\n');
}

describe('the report of a hostile export', () => {
  it('has a chart of every request that parses, with no label over another or cut off', async () => {
    const report = await loadCsvReport(hostileExport());
    const [chart, ...rest] = mermaidBlocks(renderPmReportOf(report, { top: 20, date: '2026-03-01' }));
    expect(rest).toEqual([]);
    // the ranks 1-14 are the only point labels, whatever the titles say
    const labels = [...chart!.matchAll(/^ {2}"(\d+)": \[/gm)].map((m) => Number(m[1]));
    expect(labels.sort((a, b) => a - b)).toEqual(HOSTILE_TITLES.map((_, i) => i + 1));
    expect(await browser.findProblems(chart!)).toEqual([]);
  });
});

describe('the check itself', () => {
  const chart = (...points: string[]) =>
    ['quadrantChart', '  title Planted', '  quadrant-1 Big bets', '  quadrant-2 Quick wins', ...points.map((p) => `  ${p}`)].join('\n');

  it('finds two long labels at the same point', async () => {
    const problems = await browser.findProblems(
      chart('"FR-101 SSO via Okta (SAML)": [0.3, 0.6]', '"FR-109 SCIM user provisioning": [0.3, 0.6]'),
    );
    // Mermaid draws the points in either order; each pair is named once
    expect(problems).toEqual([expect.stringMatching(/^point "FR-10[19] .+" overlaps point "FR-10[19] .+"$/)]);
  });

  it('finds a label cut off at the right edge', async () => {
    const problems = await browser.findProblems(chart('"FR-110 Dark mode for the whole application": [1, 0.3]'));
    expect(problems).toContain('point "FR-110 Dark mode for the whole application" is cut off at the edge of the chart');
  });

  it('finds a point label that hangs out of the plot at the bottom', async () => {
    expect(await browser.findProblems(chart('"7": [0.3, 0]'))).toContain('point "7" leaves the plot');
  });

  it('reports a chart Mermaid cannot parse', async () => {
    // Mermaid reads a coordinate as 1 or 0.digits: "1.000" does not lex
    const [problem] = await browser.findProblems(chart('"1": [1.000, 0.5]'));
    expect(problem).toMatch(/^parse error: /);
  });
});
