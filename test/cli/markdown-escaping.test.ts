import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

const TITLE = '<script>alert(1)</script> | # Heading `code`';
const ACCOUNT = '<img src=x onerror=alert(1)>';
const HEADER = 'Request ID,Title,Account Name,Amount,Segment,Effort\n';
const BASE = `${HEADER}FR-1,Quiet request,Acme,1000,SMB,M\n`;
const CURRENT = `${BASE}FR-666,"${TITLE}","${ACCOUNT}",300000,Enterprise,S\n`;
const DEALS = `Opportunity Name,Account Name,Stage,Amount,Loss Reason,Requests Cited\nBig loss,"${ACCOUNT}",Closed Lost,50000,<b>price</b>,FR-666\n`;

/** No raw HTML from a cell, and no line that a cell turned into a heading. */
function expectInert(markdown: string): void {
  expect(markdown).not.toMatch(/<script|<img|<b>/);
  expect(markdown).not.toMatch(/^#+ Heading/m);
  expect(markdown).toContain('&lt;script&gt;');
}

describe('markdown outputs escape what came from the export', () => {
  it('digest, escalations, winloss and diff', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'previous.csv'), BASE);
      writeFileSync(join(dir, 'current.csv'), CURRENT);
      writeFileSync(join(dir, 'deals.csv'), DEALS);
      writeFileSync(join(dir, 'heavy-effort.yaml'), 'version: 1\ncriteria:\n  effort: {weight: 1, field: effort, map: {S: 1, M: 0}}\n');
      const example = join(ROOT, 'scoring.example.yaml');
      const runs = [
        ['digest', 'previous.csv', 'current.csv'],
        ['escalations', 'current.csv'],
        ['winloss', 'deals.csv', '--requests', 'current.csv'],
        ['diff', example, 'heavy-effort.yaml', 'current.csv', '--format', 'markdown', '--top', '1'],
      ];
      for (const args of runs) {
        const result = await runCli(args, { cwd: dir });
        expect(result.code, args.join(' ')).toBe(0);
        expectInert(result.stdout);
      }
    });
  });
});
