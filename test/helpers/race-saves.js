// Spawned by test/commands/triage/save-race.test.ts, two at a time on one decisions.yaml: each saves COUNT
// answers through triage's own save, one field of its own on requests R1..RCOUNT, as fast as it can.
// Each says "ready" once loaded and starts on "go", so both processes save at the same moments.
import { once } from 'node:events';
import { saveAnswer } from '../../dist/commands/triage/session.js';
import { scoreRequest } from '../../dist/core/scoring/score.js';
import { loadConfigText } from '../../dist/input/parse-config.js';

const [dir, decider, field, count] = process.argv.slice(2);
const VALUES = { 'values.alignment': [1, 2, 3, 4, 5], 'values.effort': ['S', 'M', 'L'] };
const { config, model } = loadConfigText(
  `version: 1
criteria:
  alignment: { weight: 1, field: alignment, scale: linear, min: 1, max: 5 }
  effort: { weight: 1, field: effort, map: { S: 1, M: 0.5, L: 0 } }
`,
  'race.yaml',
);
const ids = Array.from({ length: Number(count) }, (_, i) => `R${i + 1}`);
const quiet = { write: () => true };
const session = {
  path: 'decisions.yaml',
  model,
  config,
  currency: undefined,
  requests: ids.map((id) => scoreRequest({ id, title: id, lines: [2], accounts: [], numbers: {}, texts: {} }, model)),
  base: {},
  only: 'all',
  stamp: { date: '2026-11-30', decider },
  context: { cwd: dir, stdin: process.stdin, stdout: quiet, stderr: quiet, isColor: false },
  answers: 0,
};

process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.destroy(); // should a save ever ask (it waited for the lock in vain), the prompt fails at once instead of hanging
const values = VALUES[field];
for (const [i, id] of ids.entries()) await saveAnswer(session, id, { [field]: values[i % values.length] });
