// Prebuilt JavaScript for the `ccnet` command: one ES module bundle, so a start loads one file instead of compiling
// TypeScript through tsx on every run (issue 9: `ccnet --help` took ~13x `node -e 0`). Runs in `prepare`, so `npm ci`
// stays the only set-up step; tests keep running the TypeScript sources.
import { build } from 'esbuild';

await build({
  entryPoints: { ccnet: 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  legalComments: 'linked',
  // Bundled CommonJS dependencies (ini, …) call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __ccnetRequire } from 'node:module'; const require = __ccnetRequire(import.meta.url);",
  },
  // resvg is a native addon (a prebuilt .node per platform): it is loaded from node_modules, only by --diagram.
  external: ['@resvg/resvg-js'],
  logLevel: 'warning',
});
