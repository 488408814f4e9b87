// npm run fuzz [-- RUNS]: the fuzz tests of the suite with many more cases (default 3000 in process, 1/25 of them spawned).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = process.argv[2] ?? process.env.PM_RANK_FUZZ_RUNS ?? '3000';
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, PM_RANK_FUZZ_RUNS: runs },
});
process.exitCode = result.status ?? 1;
