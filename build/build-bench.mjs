// Bundles the benchmark (test/bench) into dist/bench/run.mjs, as build-main.mjs does for the app:
// plain node runs it, with --expose-gc for the memory figures. Dependencies load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { run: 'test/bench/run.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
  packages: 'external',
});
