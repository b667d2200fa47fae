// Bundles the soak runner (test/soak) into dist/soak/run.mjs, as build-bench.mjs does for the bench.
import { build } from 'esbuild';

await build({
  entryPoints: { run: 'test/soak/run.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist/soak',
  outExtension: { '.js': '.mjs' },
  packages: 'external',
});
