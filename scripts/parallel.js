// Runs npm scripts side by side (`node scripts/parallel.js typecheck lint vitest`): the type check and the
// type-aware lint are single-threaded, and the tests wait on spawned processes, so together they keep both
// cores busy where one after another they would not (a clean run: 66 s against 80 s). Exits with the first
// failure's code.
import { spawn } from 'node:child_process';

const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const codes = await Promise.all(
  process.argv.slice(2).map(
    (script) =>
      new Promise((resolve) => {
        const child = spawn(npm[0], [...npm.slice(1), 'run', '--silent', script], { stdio: 'inherit' });
        child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      }),
  ),
);
process.exitCode = codes.find((code) => code !== 0) ?? 0;
