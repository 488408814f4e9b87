import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runScore } from '../../src/commands/score.js';

// A model that scores deal value only: no criterion and no rule names a win/loss field.
const CONFIG = ['version: 1', 'criteria:', '  revenue:', '    weight: 1', '    field: deal_value', '    scale: log', '    max: 100000'];
const REQUESTS = ['Request ID,Feature Request,Account Name,Amount', 'R1,SSO,Acme,5000', 'R2,Audit log,Beta,2000'];
const DEALS = [
  'Opportunity Name,Account Name,Stage,Amount,Feature Requests Cited',
  'D1,Acme,Closed Lost,1000,R1',
  'D2,Beta,Closed Lost,2500,R1;R2',
  'D3,Gamma,Closed Won,400,R2',
  'D4,Delta,Negotiation,9999,R1',
];
// Worked by hand: D4 is open, so not evidence. R1 is cited by D1 and D2, both lost: 1000 + 2500 = 3500 in 2 lost deals, none won.
// R2 is cited by D2 (lost, 2500) and D3 (won, 400): 2500 in 1 lost deal, 400 in 1 won deal.
const EXPECTED = {
  R1: { lost_value: 3500, lost_deals: 2, won_value: 0, won_deals: 0 },
  R2: { lost_value: 2500, lost_deals: 1, won_value: 400, won_deals: 1 },
};

const dir = mkdtempSync(join(tmpdir(), 'pm-rank-win-loss-'));
writeFileSync(join(dir, 'scoring.yaml'), CONFIG.join('\n'));
writeFileSync(join(dir, 'requests.csv'), REQUESTS.join('\n'));
writeFileSync(join(dir, 'deals.csv'), DEALS.join('\n'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function score(format: 'json' | 'csv', winLoss?: string): Promise<string> {
  const chunks: string[] = [];
  const write = (text: string) => chunks.push(text) > 0;
  const options = { format, isStrict: false, ...(winLoss ? { winLoss } : {}) };
  await runScore('requests.csv', options, {
    cwd: dir,
    stdin: Readable.from([]),
    stdout: { write },
    stderr: { write: () => true },
    isColor: false,
  });
  return chunks.join('');
}

function winLossById(rows: Record<string, unknown>[]): Record<string, Record<string, unknown>> {
  const pick = (r: Record<string, unknown>) => ({
    lost_value: r.lost_value,
    lost_deals: r.lost_deals,
    won_value: r.won_value,
    won_deals: r.won_deals,
  });
  return Object.fromEntries(rows.map((r) => [String(r.id), pick(r)]));
}

describe('score --win-loss adds lost_value, lost_deals, won_value, won_deals, though no criterion uses them', () => {
  it('json', async () => {
    const { requests } = JSON.parse(await score('json', 'deals.csv')) as { requests: Record<string, unknown>[] };
    expect(winLossById(requests)).toEqual(EXPECTED);
  });

  it('csv', async () => {
    const rows = parse<Record<string, unknown>>(await score('csv', 'deals.csv'), { columns: true, cast: true });
    expect(winLossById(rows)).toEqual(EXPECTED);
  });

  it('without --win-loss, neither output has them', async () => {
    const { requests } = JSON.parse(await score('json')) as { requests: Record<string, unknown>[] };
    expect(requests[0]).not.toHaveProperty('lost_value');
    expect((await score('csv')).split('\n')[0]).not.toContain('lost_value');
  });
});
