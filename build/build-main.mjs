// Bundles the main-process side (launcher, Electron shell, preload) into dist/electron.
// Dependencies stay external and load from node_modules; the preload is self-contained because a
// sandboxed preload can require nothing but 'electron'.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
};

await build({
  ...common,
  entryPoints: { launch: 'electron/launch.ts', main: 'electron/main.ts', cli: 'electron/cli/cli.ts' },
  packages: 'external',
});

await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  external: ['electron'],
  platform: 'browser',
  target: 'chrome120',
});
