// Bundles a measuring runner, test/<name>/run.ts (bench or soak), into dist/<name>/run.mjs, as
// build-main.mjs does for the app: plain node runs it (the bench with --expose-gc for its memory
// figures). Dependencies load from node_modules.
import { build } from 'esbuild';

const name = process.argv[2];
if (name !== 'bench' && name !== 'soak') {
  console.error('usage: node build/build-runner.mjs bench|soak');
  process.exit(2);
}

await build({
  // The broker figure's load runs in processes of its own (test/bench/broker-throughput.ts).
  entryPoints: { run: `test/${name}/run.ts`, ...(name === 'bench' ? { 'broker-load-client': 'test/bench/broker-load-client.ts' } : {}) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  outdir: `dist/${name}`,
  outExtension: { '.js': '.mjs' },
  packages: 'external',
});
