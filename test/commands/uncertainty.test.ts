import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runScore, type ScoreOptions } from '../../src/commands/score.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pm-rank-uncertainty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// score = 100 * (alignment - 0) / 10: alignment is the score over ten.
const CONFIG = write('scoring.yaml', 'version: 1\ncriteria:\n  alignment: {weight: 1, field: alignment, scale: linear, min: 0, max: 10}\n');
// A ~ U(2, 6) (score 20-60), B ~ U(4, 5) (score 40-50): P(A first) = (6 - 4.5) / 4 = 0.375, as in the core test.
const EXPORT = write('requests.csv', 'Request ID,Account,Strategic Alignment\nA,Acme,2-6\nB,Beta,4..5\nC,Gamma,1\n');

async function score(options: Partial<ScoreOptions>) {
  const out = { stdout: '', stderr: '' };
  const context = {
    cwd: dir,
    columns: 200,
    stdin: Readable.from([]),
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    isColor: false,
  };
  await runScore(EXPORT, { format: 'json', isStrict: false, config: CONFIG, ...options }, context);
  return out;
}

describe('score --uncertainty', () => {
  it('reads range cells at their midpoint, without a warning, and samples them', async () => {
    const { stdout, stderr } = await score({ isUncertain: true, top: 1, uncertainty: { samples: 20_000, seed: 3 } });
    expect(stderr).not.toContain('INVALID_NUMBER');
    const json = JSON.parse(stdout) as {
      requests: { id: string; score: number; uncertainty: { top_share: number } }[];
      uncertainty: unknown;
    };
    // midpoints: B 4.5 -> 45, A 4 -> 40
    expect(json.requests.map((r) => [r.id, r.score])).toEqual([['B', 45]]);
    expect(Math.abs(json.requests[0]!.uncertainty.top_share - 0.625)).toBeLessThan(0.01);
    expect(json.uncertainty).toMatchObject({ samples: 20_000, seed: 3, top: 1, spread: null, percentiles: [10, 90] });
  });

  it('writes the same bytes for the same seed', async () => {
    const options = { format: 'table' as const, isUncertain: true, uncertainty: { samples: 3_000, seed: 9, spread: 0.2 } };
    const first = await score(options);
    expect((await score(options)).stdout).toBe(first.stdout);
    // 3 requests, so the line is the top 10 and everyone is in it
    expect(first.stdout).toContain('1 (1-2) · 100% top 10');
    expect(first.stdout).toContain('uncertainty: 3000 samples, seed 9, over 2 ranged inputs, weights ±20%');
  });

  it('refuses --seed, --samples and --spread without --uncertainty', async () => {
    await expect(score({ uncertainty: { seed: 2 } })).rejects.toThrow(new UsageError('--seed applies to --uncertainty; add --uncertainty'));
  });
});
