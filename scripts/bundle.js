// Bundles the CLI into dist/bundle/: one start-up file plus a chunk per lazily imported command, so a
// run reads a handful of files instead of a few hundred modules (Node 20 has no compile cache to hide
// that cost). Every module keeps the import.meta.url tsc's layout gives it, so asset paths resolve as
// in dist/. meta.json maps each chunk to the modules in it, for the start-up tests.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { build } from 'esbuild';

const ROOT = new URL('..', import.meta.url).pathname;

const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const compiled = relative(`${ROOT}src`, path).replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(`../${compiled}`)}, import.meta.url).href`;
      return { contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

// Chunk names carry content hashes: clear out the previous build's, which nothing would load.
await rm(`${ROOT}dist/bundle`, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: [`${ROOT}src/cli.ts`],
  outdir: `${ROOT}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [keepModuleUrls],
  // commander and cli-table3 are CommonJS and require() Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const chunks = Object.fromEntries(Object.entries(metafile.outputs).map(([file, output]) => [file, Object.keys(output.inputs)]));
await writeFile(`${ROOT}dist/bundle/meta.json`, `${JSON.stringify(chunks, null, 2)}\n`);
