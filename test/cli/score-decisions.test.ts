import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

interface JsonRequest {
  id: string;
  deal_value: number | null;
  accounts: { name: string }[];
  criteria: Record<string, { raw: unknown }>;
  decision: { decision?: string; reason?: string } | null;
  merged: string[];
}

const DECISIONS = `version: 1
decisions:
  FR-105:
    decision: accept
    values: { alignment: 5, effort: S }
  FR-110:
    decision: decline
    reason: Not on the roadmap this year
  FR-113:
    merge_into: FR-111
`;

async function scoreWithDecisions(text: string, format = 'json') {
  return await inTempDir(async (dir) => {
    writeFileSync(join(dir, 'decisions.yaml'), text);
    return await runCli(['score', join(FIXTURES, 'requests.csv'), '--decisions', 'decisions.yaml', '--format', format], { cwd: dir });
  });
}

describe('pm-rank score --decisions', () => {
  it('applies assessed values, merges and declines', async () => {
    const result = await scoreWithDecisions(DECISIONS);
    expect(result.code).toBe(0);
    const requests = (JSON.parse(result.stdout) as { requests: JsonRequest[] }).requests;
    const byId = new Map(requests.map((r) => [r.id, r]));
    // 15 requests in the export (expected.md), FR-113 merged away
    expect(requests).toHaveLength(14);
    expect(byId.has('FR-113')).toBe(false);
    expect(byId.get('FR-110')?.decision).toEqual({ decision: 'decline', reason: 'Not on the roadmap this year' });
    expect(byId.get('FR-105')?.criteria.alignment?.raw).toBe(5);
    expect(byId.get('FR-105')?.criteria.effort?.raw).toBe('S');
    // FR-111: Atlas 60,000 + Brightpath 18,500 + Vantage Point 42,500 = 121,000 (expected.md);
    // FR-113 adds Bluewater 24,000 only, Brightpath and Vantage Point already count: 145,000
    const webhooks = byId.get('FR-111')!;
    expect(webhooks.deal_value).toBe(145000);
    expect(webhooks.accounts).toHaveLength(4);
    expect(webhooks.merged).toEqual(['FR-113']);
  });

  it('marks declined requests in the table instead of dropping them', async () => {
    const result = await scoreWithDecisions(DECISIONS, 'table');
    expect(result.stdout).toMatch(/FR-110 Dark mode \[declined\]/);
  });

  it('warns about a decision for a request the export lacks', async () => {
    const result = await scoreWithDecisions('decisions:\n  FR-999:\n    decision: accept\n');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('decisions.yaml: decision for FR-999');
  });

  it('exits 2 with file:line:col for a broken decisions file', async () => {
    const result = await scoreWithDecisions('decisions:\n  FR-110:\n    decison: decline\n');
    expect(result.code).toBe(2);
    // line 3, col 5 is the misspelt key
    expect(result.stderr).toContain('decisions.yaml:3:5 decisions.FR-110.decison: unknown key "decison"; did you mean "decision"?');
    expect(result.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
  });
});
