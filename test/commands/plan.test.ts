import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPlan, type PlanOptions } from '../../src/commands/plan.js';
import { parseDate } from '../../src/core/text/dates.js';
import { ExitCode } from '../../src/errors.js';

// One criterion, linear on deal value from 0 to 100: each request scores exactly its deal value.
const CONFIG = `version: 1
criteria:
  value: { weight: 1, field: deal_value, scale: linear, min: 0, max: 100 }
plan:
  sizes: { S: 2, M: 4 }
`;

// Sizes in person-weeks; D is in progress (committed), E shipped, H declined, I unsized.
const CSV = `Request ID,Feature Request,Account Name,Amount,Effort,Status,Close Date
A,Alpha,Acme,90,6,New,
B,Bravo,Beta,80,5,New,
C,Charlie,Gamma,75,5,New,2026-04-05
D,Delta,Delta Co,40,S,In Progress,
E,Echo,Echo Co,99,M,Shipped,
F,Foxtrot,Fox,70,1,New,2026-03-08
G,Golf,Golfers,12,1,New,
H,Hotel,Hotels,60,S,Declined,
I,India,Indigo,50,,New,
`;

let dir: string;
let out: string;
let err: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-plan-'));
  writeFileSync(join(dir, 'requests.csv'), CSV);
  writeFileSync(join(dir, 'scoring.yaml'), CONFIG);
  writeFileSync(join(dir, 'decisions.yaml'), 'version: 1\ndecisions:\n  F:\n    requires: C\n');
  [out, err] = ['', ''];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plan(options: Partial<PlanOptions> = {}): Promise<Record<string, unknown>> {
  const context = {
    cwd: dir,
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isColor: false,
  };
  const all: PlanOptions = { capacity: 12, objective: 'score', order: 'rank', format: 'json', decisions: 'decisions.yaml', ...options };
  expect(await runPlan('requests.csv', all, context)).toBe(ExitCode.ok);
  return JSON.parse(out) as Record<string, unknown>;
}

const ids = (entries: unknown) => (entries as { id: string }[]).map((e) => e.id);

describe('pm-rank plan', () => {
  it('finds the optimum where taking the ranking from the top falls short, honouring requires and committed work', async () => {
    // Capacity 12 less D (In Progress, S 2) leaves 10 for A 90 (6 weeks), B 80 (5), C 75 (5), F 70 (1, requires C), G 12 (1).
    // From the top: A (4 left), B and C no longer fit, F with C (6) does not, G does: 90 + 12 = 102.
    // Every set within 10: with A only G fits (102); without A: {B, C} 155, {C, F, G} 157 (size 7), {C, F} 145,
    // {B, G} 92, {C, G} 87; {B, C, G} and {B, C, F} are 11, and F never comes without C. Optimum {C, F, G} = 157, 55 more.
    const result = await plan();
    expect(ids(result.committed)).toEqual(['D']);
    expect(ids(result.plan)).toEqual(['C', 'F', 'G']);
    expect(ids(result.greedy)).toEqual(['A', 'G']);
    expect([result.value, result.greedy_value, result.difference]).toEqual([157, 102, 55]);
    expect(result.is_proven_optimal).toBe(true);
    expect(result.left_out).toEqual([
      { id: 'E', title: 'Echo', reason: 'shipped' },
      { id: 'H', title: 'Hotel', reason: 'not planned' },
      { id: 'I', title: 'India', reason: 'no effort' },
    ]);
    expect(err).toContain('plan: no effort for I');
  });

  it('orders the plan by CD3 with --order cd3, and says what the wait costs against ranking order', async () => {
    // As of 2026-03-01: F ($70) closes 2026-03-08, one week away: $70/week over 1 week, CD3 70.
    // C ($75) closes 2026-04-05, 35 days = 5 weeks away: $15/week over 5 weeks, CD3 3. G has no close date: last.
    // CD3 order F (done week 1), C (6), G (7): 70 x 1 + 15 x 6 = 160. Ranking order C (5), F (6): 15 x 5 + 70 x 6 = 495.
    const result = await plan({ order: 'cd3', asOf: parseDate('2026-03-01')! });
    expect((result.cd3_order as { id: string; cd3: number | null; finish: number }[]).map((j) => [j.id, j.cd3, j.finish])).toEqual([
      ['F', 70, 1],
      ['C', 3, 6],
      ['G', null, 7],
    ]);
    expect([result.delay_cost, result.rank_order_delay_cost]).toEqual([160, 495]);
  });

  it('maximises deal value with --objective deal_value', async () => {
    // Scores equal deal values here, so the optimum is the same set: 75 + 70 + 12 = 157.
    expect((await plan({ objective: 'deal_value' })).value).toBe(157);
  });

  it('counts --committed requests first', async () => {
    // A (6) committed besides D (2): 4 of 12 left for B 5, C 5, F 1 (needs C), G 1: only G fits; B, C too big.
    const result = await plan({ committed: ['a'] });
    expect(ids(result.committed)).toEqual(['A', 'D']);
    expect(ids(result.plan)).toEqual(['G']);
  });
});
