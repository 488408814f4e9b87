import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/input/parse-config.js';
import { FIXTURES, ROOT } from './helpers/exec.js';
import { runCli } from './helpers/run-cli.js';

const SCENARIOS = join(ROOT, 'test/scenarios');

// `weighted` is the shipped default model, scoring.example.yaml; the framework presets live in presets/.
describe.each([
  ['presets/rice.yaml', join(SCENARIOS, 'rice-intercom-worked-example/requests.csv'), 'Project 3'],
  ['presets/wsjf.yaml', join(SCENARIOS, 'wsjf-safe-template-example/requests.csv'), 'Funky ferret'],
  ['presets/ice.yaml', join(SCENARIOS, 'ice-product-worked-example/requests.csv'), 'Optimizing website loading speed'],
  ['scoring.example.yaml', join(FIXTURES, 'requests.csv'), undefined],
])('preset %s', (preset, fixture, first) => {
  it('parses without findings', () => {
    expect(parseConfig(readFileSync(join(ROOT, preset), 'utf8'), preset).issues).toEqual([]);
  });

  it('scores a fixture', async () => {
    const result = await runCli(['score', fixture, '--config', preset, '--format', 'json']);
    expect(result.code).toBe(0);
    const { requests } = JSON.parse(result.stdout) as { requests: { id: string; score: number | null }[] };
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => typeof r.score === 'number')).toBe(true);
    if (first !== undefined) expect(requests[0]!.id).toBe(first);
  });
});
