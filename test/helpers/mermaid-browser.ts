import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere (a Mac, another distro). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
const MEASURE = join(import.meta.dirname, 'measure-chart.browser.js');
// Headless without a sandbox, a GPU or any network (the page loads mermaid from node_modules);
// playwright gives each launch a fresh profile of its own and removes it on close.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Box {
  owner: string;
  name: string;
  isPoint: boolean;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

type Measured = { error: string } | { boxes: Box[]; svg: Box; plot: Box };

// Defined in the page by measure-chart.browser.js.
declare const measureChart: (code: string) => Promise<Measured>;

/** The ```mermaid blocks of a markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!);
}

/** Headless Chromium with one page that renders Mermaid charts; close it when done. */
export class ChartBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(): Promise<ChartBrowser> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 600, height: 600 } });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="chart"></div></body></html>');
    await page.addScriptTag({ path: MERMAID });
    await page.addScriptTag({ path: MEASURE });
    return new ChartBrowser(browser, page);
  }

  /** What a reader could not read in the chart: a parse error, boxes that overlap or are cut off. */
  async findProblems(code: string): Promise<string[]> {
    const measured = await this.page.evaluate((chart) => measureChart(chart), code);
    if ('error' in measured) return [`parse error: ${measured.error}`];
    const drawn = new Set(measured.boxes.filter((box) => box.isPoint).map((box) => box.owner)).size;
    // A selector that no longer matches Mermaid's SVG would find nothing to overlap: count the points.
    const missing = drawn === countPoints(code) ? [] : [`${countPoints(code)} points in the chart, ${drawn} found in the SVG`];
    return [...new Set([...missing, ...findLayoutProblems(measured.boxes, measured.svg, measured.plot)])];
  }

  /** A PNG of the chart last measured, cropped to its SVG. */
  async screenshot(): Promise<Buffer> {
    return this.page.locator('#chart svg').screenshot();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The points of a quadrantChart: lines such as `  "3": [0.416, 0.670]`. */
function countPoints(code: string): number {
  return code.split('\n').filter((line) => /^\s*"[^"]*"\s*:\s*\[/.test(line)).length;
}

/** Every box inside the SVG and every point inside the plot; no two boxes of different owners overlap. */
function findLayoutProblems(boxes: readonly Box[], svg: Box, plot: Box): string[] {
  const problems: string[] = [];
  for (const box of boxes) {
    if (!isInside(box, svg)) problems.push(`${box.name} is cut off at the edge of the chart`);
    else if (box.isPoint && !isInside(box, plot)) problems.push(`${box.name} leaves the plot`);
  }
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.owner !== b.owner && overlaps(a, b)) problems.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return problems;
}

// Half a pixel of slack: box edges are fractional and a label may touch an edge without crossing it.
const SLACK = 0.5;

function isInside(box: Box, frame: Box): boolean {
  return (
    box.left >= frame.left - SLACK && box.right <= frame.right + SLACK && box.top >= frame.top - SLACK && box.bottom <= frame.bottom + SLACK
  );
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
