import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';
import { EXPECTED_RANKINGS } from '../helpers/expected-rankings.js';

const EXAMPLE = readFileSync(join(ROOT, 'scoring.example.yaml'), 'utf8');

describe('pm-rank init', () => {
  it('writes the commented example, pointed at the installed schema, and check finds it clean', async () => {
    await inTempDir(async (dir) => {
      const result = await runCli(['init'], { cwd: dir });
      expect(result).toMatchObject({ code: 0, stdout: '' });
      const written = readFileSync(join(dir, 'scoring.yaml'), 'utf8');
      expect(written).toBe(EXAMPLE.replace('$schema=./schema/', '$schema=./node_modules/pm-rank/schema/'));
      expect(await runCli(['check', '--strict'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'scoring.yaml: valid, no problems\n' });
    });
  });

  it('never overwrites without --force', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'scoring.yaml'), 'mine\n');
      const refused = await runCli(['init'], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/scoring\.yaml already exists; pass --force to replace it\n$/);
      expect(readFileSync(join(dir, 'scoring.yaml'), 'utf8')).toBe('mine\n');
      expect((await runCli(['init', '--force'], { cwd: dir })).code).toBe(0);
      expect(readFileSync(join(dir, 'scoring.yaml'), 'utf8')).toContain('version: 1');
    });
  });

  it('refuses to write over the export it reads', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'export.csv'), 'id,title\n1,a\n');
      const result = await runCli(['init', '--from', 'export.csv', '-o', 'export.csv', '--force'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(readFileSync(join(dir, 'export.csv'), 'utf8')).toBe('id,title\n1,a\n');
    });
  });

  it('fills columns with the export headers and maps with its values', async () => {
    await inTempDir(async (dir) => {
      expect((await runCli(['init', '--from', join(FIXTURES, 'requests.csv')], { cwd: dir })).code).toBe(0);
      const written = readFileSync(join(dir, 'scoring.yaml'), 'utf8');
      // The Salesforce header row names these eight fields; status is read as well for reports.
      expect(written).toContain(
        'columns:\n  id: Request ID\n  title: Feature Request\n  account: Account Name\n  deal_value: Amount\n  segment: Segment\n  status: Status\n  alignment: Strategic Alignment\n  effort: Effort\n',
      );
      // "Public Sector" (Oregon DHS) is no segment the example knows: it starts at the map's default, 0.3, flagged for review.
      expect(written).toContain(
        '      Enterprise: 1\n      Mid-Market: 0.7\n      SMB: 0.4\n      Startup: 0.2\n      Public Sector: 0.3 # found in requests.csv: set its score\n',
      );
    });
  });

  it.each(Object.keys(EXPECTED_RANKINGS))(
    'init --from %s: check --data is clean and the config scores the export as the reference',
    async (file) => {
      await inTempDir(async (dir) => {
        const data = join(FIXTURES, file);
        expect((await runCli(['init', '--from', data], { cwd: dir })).code).toBe(0);
        expect(await runCli(['check', '--data', data, '--strict'], { cwd: dir })).toMatchObject({
          code: 0,
          stdout: 'scoring.yaml: valid, no problems\n',
        });
        const scored = await runCli(['score', data, '--format', 'json'], { cwd: dir });
        expect(scored.code).toBe(0);
        const ids = (JSON.parse(scored.stdout) as { requests: { id: string; score: number }[] }).requests.map((r) => [
          r.id,
          Number(r.score.toFixed(2)),
        ]);
        // New map values start at the map's default, so every score matches the built-in model's.
        expect(ids).toEqual(EXPECTED_RANKINGS[file]!.map(([id, , , score]) => [id, score]));
      });
    },
  );
});

describe('pm-rank init --preset', () => {
  it.each(['rice', 'wsjf', 'ice', 'weighted'])('writes the %s preset, which check finds clean', async (preset) => {
    await inTempDir(async (dir) => {
      expect((await runCli(['init', '--preset', preset], { cwd: dir })).code).toBe(0);
      const check = await runCli(['check', 'scoring.yaml', '--strict'], { cwd: dir });
      expect(check.stdout).toBe('scoring.yaml: valid, no problems\n');
      expect(check.code).toBe(0);
    });
  });

  it("the RICE preset scores Intercom's worked example as Intercom does", async () => {
    // 450 x 3 x 100% / 2 = 675; 2000 x 1 x 80% / 4 = 400; 800 x 2 x 50% / 1 = 800
    await inTempDir(async (dir) => {
      await runCli(['init', '--preset', 'rice'], { cwd: dir });
      const csv = join(ROOT, 'test/scenarios/rice-intercom-worked-example/requests.csv');
      const result = await runCli(['score', csv, '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(0);
      const ranked = (JSON.parse(result.stdout) as { requests: { id: string; score: number }[] }).requests;
      expect(ranked.map((r) => [r.id, r.score])).toEqual([
        ['Project 3', 800],
        ['Project 1', 675],
        ['Project 2', 400],
      ]);
    });
  });

  it('refuses an unknown preset with exit 2', async () => {
    await inTempDir(async (dir) => {
      const result = await runCli(['init', '--preset', 'moscow'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/argument 'moscow' is invalid/);
    });
  });
});
