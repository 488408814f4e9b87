import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffReport } from '../../src/reporters/diff.js';
import { FIXTURES, ROOT } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

const EXAMPLE = readFileSync(join(ROOT, 'scoring.example.yaml'), 'utf8');
const REQUESTS = join(FIXTURES, 'requests.csv');
// The effort criterion is the only one with weight 10.
const EFFORT_40 = EXAMPLE.replace(/(\n {4}weight: )10\n/, '$140\n');

async function diffJson(dir: string, args: string[]): Promise<DiffReport> {
  const result = await runCli(['diff', ...args, '--format', 'json'], { cwd: dir });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as DiffReport;
}

const brief = (changes: { id: string; before?: { rank: number; horizon?: string }; after?: { rank: number; horizon?: string } }[]) =>
  changes.map((c) => [c.id, c.before?.rank, c.after?.rank, c.before?.horizon, c.after?.horizon]);

describe('pm-rank diff', () => {
  it('effort weight 10 -> 40 on requests.csv: who enters and leaves the top 5, horizon and rank moves', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'base.yaml'), EXAMPLE);
      writeFileSync(join(dir, 'head.yaml'), EFFORT_40);
      const { diff } = await diffJson(dir, ['base.yaml', 'head.yaml', REQUESTS, '--top', '5']);
      // New score = 100 * (40 d + 20 s + 30 a + 40 e) / 130, with the normalised values of /tmp/fixture-work/expected.md:
      //   FR-109 (40*.8167+20+30+32)/1.3 = 88.21   FR-101 (35.136+20+22.5+32)/1.3 = 84.34   FR-102 (34.212+20+22.5+32)/1.3 = 83.62
      //   FR-106 (31.808+14+22.5+32)/1.3 = 77.16   FR-113 (31.292+14+15+40)/1.3 = 77.15     FR-103 (34.768+14+22.5+20)/1.3 = 70.21
      //   FR-111 (32.268+14+22.5+20)/1.3 = 68.28   FR-105 (34.096+20+22.5+10)/1.3 = 66.61   Gantt (32.764+14+15+20)/1.3 = 62.90
      //   FR-114 (34.86+20+15+10)/1.3 = 61.43      FR-110 (28.632+8+0+40)/1.3 = 58.95       FR-104 (38.728+20+15+0)/1.3 = 56.71
      //   FR-108 (34.428+20+15+0)/1.3 = 53.41      FR-112 (30.012+20+7.5+10)/1.3 = 51.93    FR-107 (27.808+14+7.5+0)/1.3 = 37.93
      // Old top 5: 109, 101, 102, 105, 106. New top 5: 109, 101, 102, 106, 113.
      expect(brief(diff.entered)).toEqual([['FR-113', 10, 5, 'Next', 'Now']]);
      expect(brief(diff.left)).toEqual([['FR-105', 4, 8, 'Now', 'Next']]);
      // Horizons Now >= 75, Next >= 60: 113 rises to Now; 103 and 105 fall to Next; 104, 108, 112 fall below 60.
      expect(brief(diff.horizonMoves)).toEqual([
        ['FR-113', 10, 5, 'Next', 'Now'],
        ['FR-103', 6, 6, 'Now', 'Next'],
        ['FR-105', 4, 8, 'Now', 'Next'],
        ['FR-104', 8, 12, 'Next', 'Later'],
        ['FR-108', 11, 13, 'Next', 'Later'],
        ['FR-112', 13, 14, 'Next', 'Later'],
      ]);
      // Biggest |move| first, ties by new rank: 113 +5; 105 -4 (new 8), 110 +4 (new 11), 104 -4 (new 12); Gantt +3.
      expect(diff.moves.slice(0, 5).map((c) => c.id)).toEqual(['FR-113', 'FR-105', 'FR-110', 'FR-104', 'Gantt chart view']);
      expect(diff.escalationChanges).toEqual([]);
    });
  });

  it('horizon and escalation thresholds: flags gained, horizons moved, no rank moves', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'base.yaml'), EXAMPLE);
      writeFileSync(join(dir, 'head.yaml'), EXAMPLE.replace('min_score: 75', 'min_score: 80').replace('min: 250000', 'min: 240000'));
      const { diff } = await diffJson(dir, ['base.yaml', 'head.yaml', REQUESTS]);
      // Scores are unchanged; of the Now requests FR-105 79.10, FR-106 76.31 and FR-103 76.27 are below 80 -> Next.
      expect(brief(diff.horizonMoves)).toEqual([
        ['FR-105', 4, 4, 'Now', 'Next'],
        ['FR-106', 5, 5, 'Now', 'Next'],
        ['FR-103', 6, 6, 'Now', 'Next'],
      ]);
      // Enterprise requests between 240,000 and 250,000: FR-102 (245,000). FR-105 (235,000) stays below.
      expect(diff.escalationChanges.map((c) => [c.id, c.gained, c.lost])).toEqual([['FR-102', ['Strategic deal'], []]]);
      expect([diff.entered, diff.left, diff.moves]).toEqual([[], [], []]);
    });
  });

  it('renders markdown for a pull-request comment', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'base.yaml'), EXAMPLE);
      writeFileSync(join(dir, 'head.yaml'), EXAMPLE.replace('min: 250000', 'min: 240000'));
      const result = await runCli(['diff', 'base.yaml', 'head.yaml', REQUESTS, '--format', 'markdown'], { cwd: dir });
      expect(result.stdout.replace(REQUESTS, 'requests.csv')).toMatchInlineSnapshot(`
        "## pm-rank: what this config change does to the ranking

        \`base.yaml\` → \`head.yaml\`, scored on \`requests.csv\` (15 requests).

        **Top 10: 0 entered, 0 left · 0 moved horizon · 1 escalation change**

        ### Escalation flags

        | Request | Gained | Lost | Rank |
        |---|---:|---:|---:|
        | FR-102 Audit log export | Strategic deal | — | 3 → 3 |
        "
      `);
    });
  });

  it('reads the base config from a git revision', async () => {
    await inTempDir(async (dir) => {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
      git('init', '-q', '-b', 'main');
      writeFileSync(join(dir, 'scoring.yaml'), EXAMPLE);
      git('add', 'scoring.yaml');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
      writeFileSync(join(dir, 'scoring.yaml'), EFFORT_40);
      const { diff, base } = await diffJson(dir, ['git:main:scoring.yaml', 'scoring.yaml', REQUESTS, '--top', '5']);
      expect(base).toBe('git:main:scoring.yaml');
      expect(brief(diff.entered)).toEqual([['FR-113', 10, 5, 'Next', 'Now']]);

      const missing = await runCli(['diff', 'git:nope:scoring.yaml', 'scoring.yaml', REQUESTS], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^pm-rank: cannot read git:nope:scoring\.yaml: invalid object name 'nope'\.?\n$/);
    });
  });

  it.each([
    [['diff', 'a.yaml', 'b.yaml', '-'], /^pm-rank: diff reads the export twice, so it needs a file, not stdin\n$/],
    [['diff', 'a.yaml', 'b.yaml', REQUESTS], /^pm-rank: cannot read config a\.yaml: no such file\n$/],
  ])('exits 2 when it cannot run: %j', async (args, stderr) => {
    await inTempDir(async (dir) => {
      const result = await runCli(args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(stderr);
    });
  });

  it('says clearly when git is missing', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'scoring.yaml'), EXAMPLE);
      const result = await runCli(['diff', 'git:main:scoring.yaml', 'scoring.yaml', REQUESTS], { cwd: dir, env: { PATH: dir } });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('pm-rank: cannot read git:main:scoring.yaml: git is not installed or not on PATH\n');
    });
  });
});

describe('pm-rank diff (no change)', () => {
  it('says so when the configs rank alike', async () => {
    const result = await runCli(['diff', 'scoring.example.yaml', 'scoring.example.yaml', 'fixtures/requests.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\n\nNo request changed rank, horizon or escalation.\n');
    const markdown = await runCli(['diff', 'scoring.example.yaml', 'scoring.example.yaml', 'fixtures/requests.csv', '-f', 'markdown']);
    expect(markdown.stdout).toMatch(/\*\*\n\nNo request changed rank, horizon or escalation\.\n$/);
  });
});

describe('pm-rank diff --decisions', () => {
  it('applies the same decisions under both configs: a merge leaves 14 of the 15 requests', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'decisions.yaml'), 'version: 1\ndecisions:\n  FR-113:\n    merge_into: FR-111\n');
      const args = ['diff', 'scoring.example.yaml', 'scoring.example.yaml', 'fixtures/requests.csv', '--format', 'json'];
      const result = await runCli([...args, '--decisions', join(dir, 'decisions.yaml')]);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { requests: number }).requests).toBe(14);
    });
  });
});
