// Bundles the CLI into dist/bundle/: one file for start-up plus a chunk per lazily imported command,
// so a run reads a handful of files instead of a few hundred modules. tsc's dist/ stays the library.
import { relative } from 'node:path';
import { build } from 'esbuild';

const ROOT = new URL('..', import.meta.url).pathname;

/** Gives each module the import.meta.url tsc's layout would (dist/<path>.js), so relative asset paths keep working. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const { readFile } = await import('node:fs/promises');
      const compiled = relative(`${ROOT}src`, path).replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`;
      return { contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [`${ROOT}src/cli.ts`],
  outdir: `${ROOT}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [keepModuleUrls],
  // commander and a few others are CommonJS and require() node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
