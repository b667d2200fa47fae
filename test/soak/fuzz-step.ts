import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * Item 6(c) of issue 13: the fuzz tests (test/integration/*-fuzz.test.ts) at FUZZ_SCALE times the
 * case count `npm test` runs, one file at a time so each gets its own figure. Their output goes to
 * stderr; the figure is pass or fail and how long each took.
 */
export function runFuzzAtScale(scale: number) {
  const files = readdirSync('test/integration')
    .filter((name) => name.endsWith('-fuzz.test.ts'))
    .map((name) => `test/integration/${name}`);
  if (files.length === 0) return { scale, result: 'skipped: no test/integration/*-fuzz.test.ts here' };
  const runs = files.map((file) => {
    const started = performance.now();
    const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', file], {
      env: { ...process.env, FUZZ_SCALE: String(scale) },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    return { file, result: run.status === 0 ? 'pass' : `fail (exit ${run.status ?? run.signal})`, seconds: Math.round((performance.now() - started) / 1000) };
  });
  return { scale, seed: process.env.FUZZ_SEED ?? 'each test its default', runs };
}
