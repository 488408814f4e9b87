import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import { inTempDir, runCli, type CliResult } from '../helpers/run-cli.js';

const REQUESTS = join(FIXTURES, 'requests.csv');
const PREVIOUS = join(FIXTURES, 'requests-previous.csv');
const NEXT = join(FIXTURES, 'requests-next.csv');
const DEALS = join(FIXTURES, 'deals.csv');

/** Lost revenue (linear to $1M) and won deals (linear to 2), equal weights: score = 50 * (lost/1M + won/2). */
const LOOP_CONFIG = `version: 1
criteria:
  lost_revenue: { weight: 1, field: lost_value, scale: linear, min: 0, max: 1000000 }
  wins: { weight: 1, field: won_deals, scale: linear, min: 0, max: 2 }
escalation:
  - name: Strategic deal closing soon
    owner: VP Sales
    review_within: 5 business days
    when:
      deal_value: { min: 250000 }
      segment: [Enterprise]
      close_date: { within_days: 60 }
  - name: Costing us deals
    owner: Head of Product
    review_within: 2 weeks
    when:
      lost_value: { min: 500000 }
`;

function withConfig<T>(callback: (config: string, dir: string) => Promise<T>): Promise<T> {
  return inTempDir(async (dir) => {
    const config = join(dir, 'loop.yaml');
    writeFileSync(config, LOOP_CONFIG);
    return callback(config, dir);
  });
}

interface JsonOutput {
  requests: { id: string; score: number; escalations: string[]; criteria: Record<string, { raw: unknown }> }[];
  warnings: { row?: number; value?: string; field?: string; code: string }[];
}

describe('score --win-loss on the fixtures', () => {
  it('adds each closed deal once to the requests it cites, by id or by title', async () => {
    const output = await withConfig(async (config) => {
      const result = await runCli(['score', REQUESTS, '-c', config, '--win-loss', DEALS, '--as-of', '2026-11-28', '-f', 'json']);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as JsonOutput;
    });
    const scores = output.requests.map((r) => [r.id, Number(r.score.toFixed(4))]);
    // Lost deals (see fixtures/deals.csv): Northgate 420K (FR-104, FR-105), Copperline 180K ("Data residency (EU)" by title),
    // Oregon 140K (FR-112, FR-103), Ironclad 85K (Gantt by title, FR-108), Lumen 15K ("Usage-based billing"), Kestrel 9K (FR-107),
    // Meridian 45K (HIPAA and "sso via okta (saml)" by title, FR-109), Granite Bay 250K (FR-104, FR-114).
    // Won: Harborview 120K (FR-101, FR-108), Crestline 150K on two rows (FR-101, FR-102 twice: once), Bluewater 24K (FR-106).
    expect(scores.slice(0, 12)).toEqual([
      ['FR-101', 52.25], // 50 * (45K/1M + 2/2) = 50 * 1.045
      ['FR-104', 33.5], // 50 * (420K + 250K)/1M = 50 * 0.67
      ['FR-105', 30], // 50 * (420K + 180K)/1M
      ['FR-108', 29.25], // 50 * (85K/1M + 1/2) = 50 * 0.585
      ['FR-102', 25], // 50 * (0 + 1/2): Crestline counted once; before FR-106 on deal value 245K > 102.5K
      ['FR-106', 25], // 50 * 1/2
      ['FR-114', 12.5], // 50 * 0.25
      ['FR-112', 9.25], // 50 * (140K + 45K)/1M
      ['FR-103', 7], // 50 * 0.14
      ['Gantt chart view', 4.25], // 50 * 0.085
      ['FR-109', 2.25], // 50 * 0.045
      ['FR-107', 1.2], // 50 * (15K + 9K)/1M
    ]);
    expect(output.requests.find((r) => r.id === 'FR-104')!.escalations).toEqual(['Strategic deal closing soon', 'Costing us deals']);
    expect(output.warnings.filter((w) => w.code === 'CITATION_UNMATCHED').map((w) => [w.row, w.value])).toEqual([
      [2, 'Salesforce 2-way sync'],
      [10, 'Zapier integration'],
    ]);
    expect(output.warnings.map((w) => w.code)).toContain('DEAL_NOT_CLOSED');
  });

  it('warns when the config uses win/loss fields but no --win-loss is given', async () => {
    const output = await withConfig(
      async (config) => JSON.parse((await runCli(['score', REQUESTS, '-c', config, '-f', 'json'])).stdout) as JsonOutput,
    );
    // lost_value (a criterion and a rule: once) and won_deals
    expect(output.warnings.filter((w) => w.code === 'WIN_LOSS_NOT_GIVEN').map((w) => w.field)).toEqual(['lost_value', 'won_deals']);
  });

  it('refuses to write over the win/loss export, and rejects a malformed --as-of', async () => {
    await withConfig(async (config) => {
      const overwrite = await runCli(['score', REQUESTS, '-c', config, '--win-loss', DEALS, '-o', DEALS]);
      expect(overwrite.code).toBe(2);
      const badDate = await runCli(['escalations', REQUESTS, '--as-of', '28/11/2026']);
      expect(badDate.code).toBe(2);
      expect(badDate.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
    });
  });
});

describe('pm-rank winloss', () => {
  let result: CliResult;
  let lines: string[];
  beforeAll(async () => {
    result = await runCli(['winloss', DEALS, '--requests', REQUESTS]);
    lines = result.stdout.split('\n');
  });

  it('totals closed deals, leaving the open one out', () => {
    expect(result.code).toBe(0);
    // won 120K + 150K + 24K = 294K; lost 60 + 180 + 250 + 85 + 9 + 15 + 45 + 420 + 140 = 1,204K
    expect(lines).toContain(`12 closed deals in ${DEALS}: 3 won ($294K), 9 lost ($1.2M).`);
  });

  it('ranks loss reasons by lost value, per segment', () => {
    // Missing integration: Northgate 420K (Enterprise) + Atlas 60K (Mid-Market) = 480K
    // Security & compliance (any case): Copperline 180K + Meridian 45K (Enterprise) + Oregon 140K (Public Sector) = 365K
    // Missing feature: Granite Bay 250K (Enterprise) + Ironclad 85K (Mid-Market) = 335K; Price: Lumen 15K + Kestrel 9K = 24K
    expect(lines.filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| Reason') && !l.startsWith('| Request')).slice(0, 4)).toEqual([
      '| Missing integration | 2 | $480K | Enterprise $420K (1), Mid-Market $60K (1) |',
      '| Security & compliance | 3 | $365K | Enterprise $225K (2), Public Sector $140K (1) |',
      '| Missing feature | 2 | $335K | Enterprise $250K (1), Mid-Market $85K (1) |',
      '| Price | 2 | $24K | Startup $24K (2) |',
    ]);
  });

  it('sets the requests cited in lost deals against their rank (ranks as in expected-rankings)', () => {
    expect(lines).toContain('| FR-104 Salesforce two-way sync | $670K (2) | #8 of 15 | Next | $0 (0) |');
    expect(lines).toContain('| FR-105 Data residency (EU) | $600K (2) | #4 of 15 | Now | $0 (0) |');
    expect(lines).toContain('| FR-101 SSO via Okta (SAML) | $45K (1) | #2 of 15 | Now | $270K (2) |');
  });

  it('lists citations that match no request, with the closest title', () => {
    expect(lines).toContain(
      '- "Salesforce 2-way sync" (line 2): 1 lost deal ($60K), 0 won deals ($0); did you mean "Salesforce two-way sync"?',
    );
    expect(lines).toContain('- "Zapier integration" (line 10): 1 lost deal ($9K), 0 won deals ($0)');
  });
});

describe('pm-rank winloss without --requests', () => {
  it('lists the citations as written, without warning that each matches nothing', async () => {
    const result = await runCli(['winloss', DEALS]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('cites');
    // FR-101 as written: Crestline (line 5, won 150K) and Harborview (line 8, won 120K) = 270K
    expect(result.stdout.split('\n')).toContain('- "FR-101" (lines 5, 8): 0 lost deals ($0), 2 won deals ($270K)');
  });
});

describe('pm-rank escalations', () => {
  it('explains each rule, who meets it and what near misses lack, as of a given date', async () => {
    const result = await withConfig((config) =>
      runCli(['escalations', REQUESTS, '-c', config, '--win-loss', DEALS, '--as-of', '2026-11-28']),
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('Owner: VP Sales · review within 5 business days');
    // FR-104: Atlas 60,000 + Northgate 1,200,000 = $1,260,000 to the dollar, Enterprise, Northgate closes 12/18/2026, 20 days after 11/28
    expect(lines).toContain(
      '- #2 FR-104 Salesforce two-way sync (score 33.5): deal value $1,260,000, segment Enterprise, close date 12/18/2026 (in 20 days)',
    );
    // FR-105: 60,000 + 175,000 = 235,000, 250,000 - 235,000 = 15,000 short; Copperline's 12/15 is within 60 days
    expect(lines).toContain('- #3 FR-105 Data residency (EU) (score 30.0): deal value $235,000 of the $250,000 needed, $15,000 short');
    // FR-114: Copperline's only date 6/30/2026 is Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 28 = 151 days before 11/28
    expect(lines).toContain('- #7 FR-114 Sandbox environment (score 12.5): close date 6/30/2026 was 151 days ago, needs within 60');
    // deals.csv: Copperline lost 180,000 + Northgate lost 420,000 = 600,000 (Summit Ridge is still open)
    expect(lines).toContain('- #3 FR-105 Data residency (EU) (score 30.0): lost value $600,000');
  });
});

describe('pm-rank digest', () => {
  // requests-previous.csv is requests.csv without FR-114, the two Gantt rows, Atlas's and Vantage Point's FR-111 rows and
  // Crestline's FR-101 row, plus FR-099 Export to PDF (Pinecone Dental). Ranks from /tmp/fixture-work/reference.py on both files.
  it('lists what changed between two exports (json)', async () => {
    const result = await runCli(['digest', PREVIOUS, REQUESTS, '--format', 'json']);
    expect(result.code).toBe(0);
    const digest = JSON.parse(result.stdout) as Record<string, { id: string; rank: number; [key: string]: unknown }[]>;
    const ids = (section: string) => digest[section]!.map((r) => r.id);
    expect(ids('new_requests')).toEqual(['FR-114', 'Gantt chart view']);
    // FR-101 + Crestline 150K; FR-111 + Atlas 60K + Vantage Point 42.5K = 102.5K
    expect(digest.new_accounts!.map((r) => [r.id, r.accounts, r.added_value])).toEqual([
      ['FR-101', ['Crestline Financial Group'], 150000],
      ['FR-111', ['Atlas Freight Systems', 'Vantage Point Media'], 102500],
    ]);
    // previous ranks: FR-111 #10 -> #7 (3), FR-113 #8 -> #10, FR-108 #9 -> #11, FR-112 #11 -> #13 (2 each), FR-101 #3 -> #2 (1)
    expect(digest.movers!.map((r) => [r.id, r.previous_rank, r.rank])).toEqual([
      ['FR-111', 10, 7],
      ['FR-113', 8, 10],
      ['FR-108', 9, 11],
      ['FR-112', 11, 13],
      ['FR-101', 3, 2],
    ]);
    // FR-101 was 192.5K (< 250K) before Crestline; FR-114 is new at 310K Enterprise
    expect(ids('newly_escalated')).toEqual(['FR-101', 'FR-114']);
    expect(digest.patterns!.map((p) => [p.segment, p.id, p.accounts])).toEqual([
      ['Mid-Market', 'FR-111', ['Atlas Freight Systems', 'Vantage Point Media']],
      ['Mid-Market', 'Gantt chart view', ['Atlas Freight Systems', 'Ironclad Manufacturing']],
    ]);
    expect(digest.dropped!.map((r) => [r.id, r.rank])).toEqual([['FR-099', 12]]);
  });

  it('writes markdown to a file with -o', async () => {
    await inTempDir(async (dir) => {
      const out = join(dir, 'digest.md');
      const result = await runCli(['digest', PREVIOUS, REQUESTS, '-o', out]);
      expect([result.code, result.stdout]).toEqual([0, '']);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('- 2 new Mid-Market accounts asked for Outbound webhooks (Atlas Freight Systems, Vantage Point Media)');
      expect(text).toContain('- FR-111 Outbound webhooks: #10 → #7 (score 73.8)');
    });
  });

  it('lists what shipped since the previous export, with the accounts to tell and their owners', async () => {
    // requests-next.csv is requests.csv with an Account Owner column, FR-109 Planned -> Released and FR-102 Planned -> Done.
    const result = await runCli(['digest', REQUESTS, NEXT, '--format', 'json']);
    expect(result.code).toBe(0);
    const { shipped } = JSON.parse(result.stdout) as {
      shipped: { id: string; status: string; previous_status: string; accounts: { name: string; owner: string | null }[] }[];
    };
    // FR-109's rows: Meridian Health Partners, Redwood Credit Union, Summit Ridge Insurance (owners from each row);
    // FR-102's: Crestline Financial Group (two rows, one account), Redwood Credit Union, Summit Ridge Insurance.
    expect(shipped.map((s) => [s.id, s.previous_status, s.status])).toEqual([
      ['FR-109', 'Planned', 'Released'],
      ['FR-102', 'Planned', 'Done'],
    ]);
    expect(shipped[0]!.accounts).toEqual([
      { name: 'Meridian Health Partners', owner: 'Marcus Lee' },
      { name: 'Redwood Credit Union', owner: 'Marcus Lee' },
      { name: 'Summit Ridge Insurance', owner: 'Priya Natarajan' },
    ]);
    expect(shipped[1]!.accounts.map((a) => a.name)).toEqual([
      'Crestline Financial Group',
      'Redwood Credit Union',
      'Summit Ridge Insurance',
    ]);
  });

  it('tells one account what shipped since the last update in the sales view (report --since)', async () => {
    // Atlas Freight Systems asked for FR-104, FR-107, FR-108, FR-111 and Gantt chart view, none shipped; Redwood asked for both.
    const atlas = await runCli(['report', NEXT, '--audience', 'sales', '--account', 'Atlas Freight Systems', '--since', REQUESTS]);
    expect(atlas.stdout).toContain('## Shipped since the last update (0)\n\n- nothing yet');
    const redwood = await runCli(['report', NEXT, '--audience', 'sales', '--account', 'Redwood Credit Union', '--since', REQUESTS]);
    expect(redwood.code).toBe(0);
    expect(redwood.stdout).toContain(
      '## Shipped since the last update (2)\n\n- FR-109 SCIM user provisioning: Released\n- FR-102 Audit log export: Done',
    );
  });
});
