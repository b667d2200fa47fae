/**
 * `npm run soak`: the long figures of issue 13 (item 6) that `npm test` runs only in short. Prints one
 * JSON summary on stdout; progress goes to stderr. SOAK_ONLY=restarts|outage|fuzz runs one part;
 * SOAK_RESTARTS, SOAK_OUTAGE_SECONDS and SOAK_FUZZ_SCALE (times each fuzz test's own case count,
 * 10 by default) change the sizes.
 */
import { measureOutage } from '../helpers/outage-load';
import { createTempCore } from '../helpers/temp-core';
import { runFuzzAtScale } from './fuzz-step';
import { measureRestarts } from './restarts';

const RESTARTS = Number(process.env.SOAK_RESTARTS ?? 20);
const OUTAGE_SECONDS = Number(process.env.SOAK_OUTAGE_SECONDS ?? 30);
const FUZZ_SCALE = Number(process.env.SOAK_FUZZ_SCALE ?? 10);

async function withCore<T>(measure: (core: ReturnType<typeof createTempCore>) => Promise<T>): Promise<T> {
  const core = createTempCore();
  try {
    return await measure(core);
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const only = process.env.SOAK_ONLY;
  const wanted = (part: string) => only === undefined || only === part;
  process.stderr.write(`${RESTARTS} broker restarts under QoS 1 load both ways…\n`);
  const restarts = wanted('restarts') ? await withCore((core) => measureRestarts(core, { restarts: RESTARTS, perSecond: 200, upMs: 3000 })) : 'skipped (SOAK_ONLY)';
  process.stderr.write(`${OUTAGE_SECONDS} s outage at 200 msg/s QoS 1…\n`);
  const outage = wanted('outage')
    ? await withCore(async (core) => ({
        ...(await measureOutage(core, { outageMs: OUTAGE_SECONDS * 1000, perSecond: 200, settleMs: 1000, drainTimeoutMs: 120_000 })),
        target: '0 lost, API < 100 ms throughout, connected < 2000 ms after the broker is back',
      }))
    : 'skipped (SOAK_ONLY)';
  process.stderr.write(`fuzz tests at ${FUZZ_SCALE} times their usual case count…\n`);
  const fuzz = wanted('fuzz') ? runFuzzAtScale(FUZZ_SCALE) : 'skipped (SOAK_ONLY)';
  const summary = { restarts, outage, fuzz, seconds: Math.round((performance.now() - started) / 1000) };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
