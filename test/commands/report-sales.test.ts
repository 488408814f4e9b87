import { Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/commands/report.js';

/** The sales report of export.csv in dir, with its scoring.yaml and deals.csv, as `pm-rank report --audience sales` writes it. */
async function salesReport(dir: string, account?: string): Promise<string> {
  let stdout = '';
  const context = {
    cwd: dir,
    stdin: Readable.from([]),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => true },
    isColor: false,
  };
  const options = { audience: 'sales' as const, top: 10, date: '2026-03-01', winLoss: 'deals.csv', ...(account ? { account } : {}) };
  expect(await runReport('export.csv', options, context)).toBe(0);
  return stdout;
}

describe('pm-rank report --audience sales', () => {
  it('leaks no customer name, short or full, no amount from a title or a money field, and no model term', async () => {
    const accounts = [
      'Northgate Pharmaceuticals',
      'Atlas Freight Systems',
      'Crestline Financial Group',
      'Summit Ridge Insurance',
      'Kestrel Analytics',
    ];
    const csv = [
      'Request ID,Title,Account Name,Amount,Segment,Effort,Strategic Alignment,Status',
      'FR-1,Northgate asked for SSO,Northgate Pharmaceuticals,1200000,Enterprise,S,5,Committed',
      "FR-2,Atlas Freight's ask: EDI feed,Atlas Freight Systems,85292.54,Mid-Market,XL,2,Planned",
      'FR-3,Crestline renewal ($1.2M deal),Crestline Financial Group,"$310,000.00",Enterprise,M,4,',
      'FR-4,Audit export (USD 250000 at stake),Summit Ridge Insurance,250000,SMB,L,1,Backlog',
      'FR-5,Kestrel: 45K seats need SCIM,Kestrel Analytics,45000,Startup,XS,3,Declined',
      'FR-1,Northgate asked for SSO,Summit Ridge Insurance,65000,SMB,S,5,Committed',
    ].join('\n');
    const deals = [
      'Opportunity Name,Account Name,Stage,Amount,Loss Reason,Requests Cited',
      'Kestrel - Annual,Kestrel Analytics,Closed Lost,"$77,777.00",Missing feature,FR-5',
      'Atlas - Expansion,Atlas Freight Systems,Closed Won,"$33,333.00",,FR-2',
    ].join('\n');
    // lost_value (money from the win/loss export) is a criterion, so it is scored but must never show
    const config = `version: 1
criteria:
  deal_value: {weight: 30, field: deal_value, scale: log, max: 2000000}
  lost_revenue: {weight: 20, field: lost_value, scale: log, max: 1000000}
  segment_fit: {weight: 20, field: segment, map: {Enterprise: 1, Mid-Market: 0.7, SMB: 0.4, Startup: 0.2}}
  alignment: {weight: 20, field: alignment, scale: linear, min: 1, max: 5}
  effort: {weight: 10, field: effort, map: {XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0}}
horizons: [{name: Now, min_score: 60}, {name: Later}]
`;
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-test-'));
    try {
      writeFileSync(join(dir, 'export.csv'), csv);
      writeFileSync(join(dir, 'deals.csv'), deals);
      writeFileSync(join(dir, 'scoring.yaml'), config);
      const everyone = await salesReport(dir);
      const oneCustomer = await salesReport(dir, 'Kestrel Analytics');
      for (const [report, own] of [
        [everyone, undefined],
        [oneCustomer, 'Kestrel Analytics'],
      ] as const) {
        const text = report.replaceAll(own ?? '\u0000', '');
        const others = accounts.filter((a) => a !== own);
        const words = ['Northgate', 'Atlas', 'Crestline', 'Summit', 'Ridge', 'Kestrel'].filter((w) => !own?.includes(w));
        expect([...others, ...words].filter((name) => text.toLowerCase().includes(name.toLowerCase()))).toEqual([]);
        // every amount as the export, the title or the win/loss export writes it, and anything money-shaped
        const amounts = [
          '1200000',
          '1.2M',
          '85292',
          '85,292',
          '310,000',
          '310K',
          '250000',
          '250K',
          '45K',
          '45000',
          '65000',
          '77,777',
          '77777',
          '33,333',
          '33333',
        ];
        expect(amounts.filter((a) => text.includes(a))).toEqual([]);
        expect(text).not.toMatch(/[$€£]|\bUSD\b|\d\s?[KMB]\b|\d{1,3}(?:,\d{3})+/);
        // no model key, no internal scale, no points
        expect(text).not.toMatch(
          /_|lost_revenue|segment_fit|deal_value|\bXS\b|\bXL\b|\b[1-5] instead|1-5|\bscore|\bpoints|\balignment [1-5]\b|\beffort\b/i,
        );
      }
      expect(everyone).toContain('### FR-1 a customer asked for SSO');
      expect(everyone).toContain("### FR-2 a customer's ask: EDI feed");
      expect(everyone).toContain('### FR-3 a customer renewal (deal)');
      expect(oneCustomer).toContain('### FR-5 Kestrel: seats need SCIM');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
