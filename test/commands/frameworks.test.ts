import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDiff } from '../../src/commands/diff.js';
import { runReport } from '../../src/commands/report.js';
import { runSensitivity } from '../../src/commands/sensitivity.js';
import type { CommandContext } from '../../src/context.js';
import { ROOT } from '../helpers/exec.js';

// Intercom's worked example: Project 1 450 x 3 x 100% / 2 = 675; Project 2 2000 x 1 x 80% / 4 = 400;
// Project 3 800 x 2 x 50% / 1 = 800.
const EXPORT = 'test/scenarios/rice-intercom-worked-example/requests.csv';
const RICE = 'presets/rice.yaml';

/** Runs a command in process from the repository root; resolves to what it wrote to stdout. */
async function stdoutOf(run: (context: CommandContext) => Promise<number>): Promise<string> {
  let out = '';
  const context = {
    cwd: ROOT,
    stdin: new PassThrough(),
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    isColor: false,
  };
  expect(await run(context)).toBe(0);
  return out;
}

describe('commands on a RICE model pass the model’s kind to their reporters', () => {
  it('report: each request’s formula, in RICE’s unit', async () => {
    const text = await stdoutOf((c) => runReport(EXPORT, { config: RICE, audience: 'pm', top: 2, date: '2026-03-01' }, c));
    expect(text).toContain('**RICE:** 800 = 800 reach × 2 impact × 50% ÷ 1 person-month');
    expect(text).toContain('**RICE:** 675 = 450 reach × 3 impact × 100% ÷ 2 person-months');
    expect(text).not.toContain('of 100');
  });

  it('sensitivity: the smallest single input change, not a weight', async () => {
    const text = await stdoutOf((c) => runSensitivity(EXPORT, { config: RICE, format: 'table', top: 1 }, c));
    expect(text.split('\n')[0]).toMatch(/^Input sensitivity of the top 1 by RICE: /);
    // Project 3 falls below Project 1 (675): confidence 675 / (800 x 2) = 0.42 -> 800 x 2 x 42% = 672 ((42 - 50) / 50 = -16%);
    // reach would need 670 (-16.25%).
    expect(text).toMatch(/Project 3 +800 +\d+% +out if confidence 50% -> 42% \(-16%\)/);
    expect(text).not.toContain('weight');
  });

  it('diff: says when the two configs score in different units', async () => {
    const text = await stdoutOf((c) => runDiff('scoring.example.yaml', RICE, EXPORT, { format: 'table', top: 2 }, c));
    expect(text).toContain("(scores in points of 100 before, RICE's own unit after: compare ranks, not scores)");
  });
});
