import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScore, type ScoreOptions } from '../../src/commands/score.js';
import { UsageError } from '../../src/errors.js';
import { ROOT } from '../helpers/exec.js';

/** What `pm-rank score FILE` writes to stdout with these options, on a terminal of 60 columns. */
async function score(file: string, options: Partial<ScoreOptions>, cwd = ROOT): Promise<string> {
  let stdout = '';
  const context = {
    cwd,
    columns: 60,
    stdin: Readable.from([]),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => true },
    isColor: false,
  };
  await runScore(file, { format: 'csv', isStrict: false, ...options }, context);
  return stdout;
}

describe('pm-rank score -o', () => {
  it('writes the whole table to a file, whatever the terminal width', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-test-'));
    try {
      expect(await score(join(ROOT, 'fixtures/requests.csv'), { format: 'table', output: join(dir, 'ranking.txt') }, dir)).toBe('');
      const table = readFileSync(join(dir, 'ranking.txt'), 'utf8');
      expect(table).toContain('Top drivers');
      expect(table).not.toContain('to fit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pm-rank score --format csv', () => {
  it('writes money to the cent with no float noise, and a BOM when asked', async () => {
    // europe-semicolon.csv's amounts for one request sum to 85292.54000000001 in floating point
    const csv = await score('fixtures/europe-semicolon.csv', {});
    expect(csv).toContain(',85292.54,');
    expect(csv).not.toMatch(/\d\.\d{5,}/);
    expect(await score('fixtures/europe-semicolon.csv', { hasBom: true })).toBe(`\uFEFF${csv}`);
  });

  it('refuses --bom for other formats', async () => {
    await expect(score('fixtures/requests.csv', { format: 'table', hasBom: true })).rejects.toThrow(
      new UsageError('--bom applies to --format csv; add --format csv'),
    );
  });
});
