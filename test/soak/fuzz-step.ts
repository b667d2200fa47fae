import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * Item 6(c) of issue 13: the fuzz tests (test/integration/*-fuzz.test.ts, each reading FUZZ_CASES)
 * at a larger count than `npm test` runs them. Their output goes to stderr; the figure is pass or
 * fail and how long it took.
 */
export function runFuzzAtScale(cases: number) {
  const files = readdirSync('test/integration')
    .filter((name) => name.endsWith('-fuzz.test.ts'))
    .map((name) => `test/integration/${name}`);
  if (files.length === 0) return { cases, files, result: 'skipped: no test/integration/*-fuzz.test.ts here' };
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', ...files], {
    env: { ...process.env, FUZZ_CASES: String(cases) },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return { cases, files, result: run.status === 0 ? 'pass' : `fail (exit ${run.status ?? run.signal})`, seconds: Math.round((performance.now() - started) / 1000) };
}
