// npm run build && node bench/plan.js [requests] [capacity]: times `pm-rank plan` on a deterministic export of
// N requests (default 5,000, one row each) and capacity C (default 500): the exact knapsack alone, in-process,
// and the whole CLI run. A tenth of the requests require another (chains and pairs), so grouping is exercised.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankExport } from '../dist/pipeline/read-inputs.js';
import { planRequests, planSizing } from '../dist/core/analysis/plan.js';
import { mulberry32 } from '../dist/core/analysis/sensitivity.js';
import { loadConfig } from '../dist/input/load-config.js';
import { loadDecisions } from '../dist/input/load-decisions.js';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench/data');
const [count = 5000, capacity = 500] = process.argv.slice(2).map(Number);
const rand = mulberry32(7);
const pick = (list) => list[Math.floor(rand() * list.length)];

mkdirSync(DATA, { recursive: true });
const csv = join(DATA, `plan-${count}.csv`);
const decisions = join(DATA, `plan-${count}.decisions.yaml`);
const rows = ['Request ID,Feature Request,Account Name,Amount,Segment,Strategic Alignment,Effort,Status,Close Date'];
const requires = ['version: 1', 'decisions:'];
for (let i = 1; i <= count; i += 1) {
  const amount = Math.round(1000 + rand() * rand() * 400000);
  const segment = pick(['Enterprise', 'Mid-Market', 'SMB', 'Startup']);
  const effort = rand() < 0.5 ? pick(['XS', 'S', 'M', 'L', 'XL']) : String(1 + Math.floor(rand() * 12));
  const close = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`;
  rows.push(`FR-${i},Request ${i},Account ${i % 700},${amount},${segment},${1 + Math.floor(rand() * 5)},${effort},New,${close}`);
  if (i > 1 && rand() < 0.1) requires.push(`  FR-${i}: { requires: [FR-${i - 1}] }`);
}
writeFileSync(csv, `${rows.join('\n')}\n`);
writeFileSync(decisions, `${requires.join('\n')}\n`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const context = { cwd: ROOT, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isColor: false };
const loaded = await loadConfig(undefined, ROOT);
const report = await rankExport(loaded, csv, { textFields: ['effort'] }, context, {
  path: decisions,
  ...(await loadDecisions(decisions, ROOT)),
});
const options = { capacity, objective: 'score', sizing: planSizing(loaded.model) };
const solveMs = [];
let plan;
for (let run = 0; run < 7; run += 1) {
  const start = performance.now();
  plan = planRequests(report.ranked, options);
  solveMs.push(performance.now() - start);
}
/** Median wall time of the CLI; `score` on the same export is the floor plan builds on. */
function timeCli(args) {
  const times = [];
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, ['bin/pm-rank.js', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`pm-rank ${args.join(' ')} failed: ${result.stderr}`);
    times.push(performance.now() - start);
  }
  return Math.round(median(times));
}
const scoreMs = timeCli(['score', csv, '--decisions', decisions, '--format', 'json']);
const planMs = timeCli(['plan', csv, '--capacity', String(capacity), '--decisions', decisions, '--format', 'json']);
console.log(
  JSON.stringify({
    requests: report.ranked.length,
    capacity,
    planned: plan.chosen.length,
    isProven: plan.isProven,
    solveMs: Math.round(median(solveMs)),
    scoreCliMs: scoreMs,
    planCliMs: planMs,
  }),
);
