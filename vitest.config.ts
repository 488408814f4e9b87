import { configDefaults, defineConfig } from 'vitest/config';

/** Files that mock a module (vi.mock): each gets a module registry of its own, so no mock leaks into another file. */
const ISOLATED = ['test/commands/**/*.test.ts', 'test/prompts/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    // Threads start faster than forked processes; every core runs a file (the default leaves one to vitest itself).
    pool: 'threads',
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        // The rest share one module registry per worker: loading the program once, not once a file, halves the suite's CPU time.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...ISOLATED], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
    // `npm run coverage`: what the tests run of src/, in this process; the spawned e2e runs of the built bin count for nothing.
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text-summary', 'json-summary'] },
  },
});
