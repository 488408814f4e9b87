import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/exec.js';
import { runCli } from '../helpers/run-cli.js';

const REQUESTS = join(FIXTURES, 'requests.csv');

describe('pm-rank plan', () => {
  it('plans the bundled export under the default model, beside the ranking from the top', async () => {
    const result = await runCli(['plan', REQUESTS, '--capacity', '18', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plan: no effort for Gantt chart view');
    type Entry = { id: string; size: number; value: number };
    const plan = JSON.parse(result.stdout) as Record<'committed' | 'plan' | 'greedy', Entry[]> & { difference: number };
    const sized = (entries: Entry[]) => entries.map((e) => [e.id, e.size]);
    // Committed (status Committed): FR-101 (M and S: the larger, 4) and FR-106 (S 2), so 18 - 6 = 12 remain.
    expect(sized(plan.committed)).toEqual([
      ['FR-101', 4],
      ['FR-106', 2],
    ]);
    // From the top: FR-109 S 2, FR-102 S 2, FR-105 L 8 fill the 12 exactly. The plan swaps FR-105 for FR-111 (M 4)
    // and FR-113 (XS 1), 9 of 12, because their scores add up to more than FR-105's.
    expect(sized(plan.greedy)).toEqual([
      ['FR-109', 2],
      ['FR-102', 2],
      ['FR-105', 8],
    ]);
    expect(sized(plan.plan)).toEqual([
      ['FR-109', 2],
      ['FR-102', 2],
      ['FR-111', 4],
      ['FR-113', 1],
    ]);
    const value = (entries: Entry[], id: string) => entries.find((e) => e.id === id)!.value;
    expect(plan.difference).toBeCloseTo(value(plan.plan, 'FR-111') + value(plan.plan, 'FR-113') - value(plan.greedy, 'FR-105'), 9);
  });

  it('needs --capacity', async () => {
    const result = await runCli(['plan', REQUESTS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--capacity <n>' not specified");
  });
});
