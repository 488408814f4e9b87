import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface Ranked {
  id: string;
  score: number;
  deal_value: number | null;
  escalations: string[];
  horizon: string | null;
}

async function rank(scenario: string): Promise<{ requests: Ranked[]; stderr: string }> {
  const cwd = join(import.meta.dirname, scenario);
  const result = await runCli(['score', 'requests.csv', '--format', 'json'], { cwd });
  expect(result.code).toBe(0);
  return { requests: (JSON.parse(result.stdout) as { requests: Ranked[] }).requests, stderr: result.stderr };
}

function summarize(requests: Ranked[]) {
  return requests.map((r) => [r.id, Number(r.score.toFixed(6)), r.deal_value]);
}

describe('scenarios', () => {
  it('account-counts-once-at-its-largest-deal', async () => {
    // A: Acme 100 and ACME 300 are one account -> 300; + Beta 200 = 500 -> 100 * 500/1000 = 50
    // B: Gamma 550 -> 55, so B outranks A although A's rows sum to 600
    expect(summarize((await rank('account-counts-once-at-its-largest-deal')).requests)).toEqual([
      ['B', 55, 550],
      ['A', 50, 500],
    ]);
  });

  it('ties-break-by-deal-value-then-id', async () => {
    // A, B, C all score 100 (effort S); B and C have 100 each > A's 50; B before C by id; D scores 50
    expect(summarize((await rank('ties-break-by-deal-value-then-id')).requests)).toEqual([
      ['B', 100, 100],
      ['C', 100, 100],
      ['A', 100, 50],
      ['D', 50, 900],
    ]);
  });

  it('escalation-flags-regardless-of-score', async () => {
    // Small but aligned: (5-1)/4 = 1 -> 100 -> Now; both big asks: (1-1)/4 = 0 -> 0 -> Later
    // Only the Enterprise ask meets both conditions (>= 250,000 and segment enterprise, case-insensitive)
    const { requests } = await rank('escalation-flags-regardless-of-score');
    expect(requests.map((r) => [r.id, r.score, r.horizon, r.escalations])).toEqual([
      ['Small but aligned', 100, 'Now', []],
      ['Big enterprise ask', 0, 'Later', ['Strategic deal']],
      ['Big mid-market ask', 0, 'Later', []],
    ]);
  });

  it('split-id-cell-counts-for-each-request', async () => {
    // P-2: Acme 600 + Beta 300 = 900 -> 90; P-1: Acme 600 -> 60
    expect(summarize((await rank('split-id-cell-counts-for-each-request')).requests)).toEqual([
      ['P-2', 90, 900],
      ['P-1', 60, 600],
    ]);
  });

  it('missing-column-scores-its-missing-value', async () => {
    // weights 3 + 1 = 4; alignment has no column -> missing 0.5 -> 100 * 1 * 0.5 / 4 = 12.5 points each
    // B: 100 * 3 * 1.0 / 4 = 75 + 12.5 = 87.5; A: 100 * 3 * 0.5 / 4 = 37.5 + 12.5 = 50
    const { requests, stderr } = await rank('missing-column-scores-its-missing-value');
    expect(summarize(requests)).toEqual([
      ['B', 87.5, 1000],
      ['A', 50, 500],
    ]);
    expect(stderr).toMatch(/^warning: requests.csv: no column for alignment .*scores its missing value 0.5 for every request\n$/);
  });
});
