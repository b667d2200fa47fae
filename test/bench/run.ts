/**
 * `npm run bench`: the figures of issue 5, each against its own baseline in the same run.
 * Prints one JSON summary on stdout; progress goes to stderr.
 */
import { startMosquitto } from '../helpers/mosquitto';
import { bareSubscriber, corePipeline } from './ingest';
import type { IngestRun } from './ingest';
import { measureBrokerThroughput } from './broker-throughput';
import { measureFlowsOverhead } from './flows-overhead';
import { measureRendererUnderLoad } from './renderer-load';
import { measureRecordingOpen } from './recording-open';
import { measureReplayTiming } from './replay-timing';
import { measureScheduleTiming } from './schedule-timing';
import { measureSimulatorLoad } from './simulator-load';
import { measureStoreAtScale, round } from './store-scale';
import { topicTreeScale } from './topic-tree-scale';

const INGEST_MESSAGES = Number(process.env.BENCH_INGEST_MESSAGES ?? 300_000);
const INGEST_TIMEOUT_MS = 60_000;
const INGEST_ROUNDS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

async function ingest() {
  const broker = await startMosquitto({ extraConfig: ['queue_qos0_messages true'] });
  try {
    // Warm-up so neither side pays for JIT compilation in its measured run.
    await bareSubscriber(broker, 20_000, INGEST_TIMEOUT_MS);
    await corePipeline(broker, 20_000, INGEST_TIMEOUT_MS);
    // Rounds alternate the two sides, so each pair ran on the machine in the same state; the ratio is
    // the median of the pairs' ratios, which one unlucky scheduling moment cannot decide.
    const baselines: IngestRun[] = [];
    const ourRuns: Awaited<ReturnType<typeof corePipeline>>[] = [];
    for (let round = 0; round < INGEST_ROUNDS; round++) {
      // BENCH_SIDE=baseline|ours runs one side only, for profiling that side alone.
      if (process.env.BENCH_SIDE !== 'ours') baselines.push(await bareSubscriber(broker, INGEST_MESSAGES, INGEST_TIMEOUT_MS));
      if (process.env.BENCH_SIDE !== 'baseline') ourRuns.push(await corePipeline(broker, INGEST_MESSAGES, INGEST_TIMEOUT_MS));
    }
    const best = <T extends IngestRun>(runs: T[]): T => runs.reduce((a, b) => (b.messagesPerSecond > a.messagesPerSecond ? b : a));
    const baseline = best(baselines);
    const ours = best(ourRuns);
    const pairRatios = ourRuns.map((run, index) => round(run.messagesPerSecond / (baselines[index]?.messagesPerSecond ?? Number.NaN)));
    return {
      method: 'each side drains the same burst queued in mosquitto for its persistent session',
      roundsMessagesPerSecond: { baseline: baselines.map((run) => run.messagesPerSecond), ours: ourRuns.map((run) => run.messagesPerSecond) },
      messages: INGEST_MESSAGES,
      qos: 0,
      payloadBytes: 100,
      baselineMessagesPerSecond: baseline.messagesPerSecond,
      oursMessagesPerSecond: ours.messagesPerSecond,
      pairRatios,
      ratio: median(pairRatios),
      ratioOfBests: round(ours.messagesPerSecond / baseline.messagesPerSecond),
      // Throughput hides our cost where the broker or the socket sets the pace; CPU per message does not.
      cpuMicrosPerMessage: { baseline: median(baselines.map((run) => run.cpuMicrosPerMessage)), ours: median(ourRuns.map((run) => run.cpuMicrosPerMessage)) },
      cpuRatio: round(median(baselines.map((run) => run.cpuMicrosPerMessage)) / median(ourRuns.map((run) => run.cpuMicrosPerMessage))),
      target: 'ratio ≥ 0.85 with 0 lost',
      baselineLost: Math.max(...baselines.map((run) => run.lost)),
      oursLost: Math.max(...ourRuns.map((run) => run.lost)),
      oursStored: ours.stored,
      oursFrameBytes: ours.framesBytes,
      baselineIs: 'a bare MQTT.js subscriber counting messages, same broker and load',
    };
  } finally {
    await broker.stop();
  }
}

/** The tap and the FlowTracker may cost the ingest pipeline at most 10%: the same pipeline with flows on ÷ off. */
async function flowsOverhead() {
  const broker = await startMosquitto({ extraConfig: ['queue_qos0_messages true'] });
  try {
    return await measureFlowsOverhead(broker, INGEST_MESSAGES, INGEST_TIMEOUT_MS);
  } finally {
    await broker.stop();
  }
}

/** Messages per published burst of the broker figure; BENCH_BROKER_SCALE multiplies them (0.2 for a quick look). */
const BROKER_SCALE = Number(process.env.BENCH_BROKER_SCALE ?? 1);
const BROKER_ROUNDS = Number(process.env.BENCH_BROKER_ROUNDS ?? 3);

/** BENCH_BROKER_SCENARIOS=QOS:SUBSCRIBERS,… (such as 0:10) runs only those, for profiling one. */
const BROKER_SCENARIOS = process.env.BENCH_BROKER_SCENARIOS?.split(',');

function brokerThroughput() {
  const scaled = (messages: number) => Math.max(100, Math.round(messages * BROKER_SCALE));
  const scenarios = [
    { qos: 0 as const, subscribers: 1, messages: scaled(200_000) },
    { qos: 0 as const, subscribers: 10, messages: scaled(30_000) },
    { qos: 1 as const, subscribers: 1, messages: scaled(100_000) },
    { qos: 1 as const, subscribers: 10, messages: scaled(15_000) },
  ];
  return measureBrokerThroughput(
    scenarios.filter((scenario) => BROKER_SCENARIOS === undefined || BROKER_SCENARIOS.includes(`${scenario.qos}:${scenario.subscribers}`)),
    BROKER_ROUNDS,
    (text) => process.stderr.write(`${text}\n`),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  // BENCH_ONLY=ingest|flows|store|renderer|replay|schedule|open|broker|simulator measures one figure alone, for profiling.
  const only = process.env.BENCH_ONLY;
  const wanted = (figure: string) => only === undefined || only === figure;
  process.stderr.write('ingest…\n');
  const ingestSummary = wanted('ingest') ? await ingest() : 'skipped (BENCH_ONLY)';
  process.stderr.write('flows overhead…\n');
  const flows = wanted('flows') ? await flowsOverhead() : 'skipped (BENCH_ONLY)';
  process.stderr.write('store at scale…\n');
  const scale = wanted('store') ? measureStoreAtScale() : {};
  process.stderr.write('topic tree…\n');
  const topicTree = wanted('store') ? topicTreeScale() : 'skipped (BENCH_ONLY)';
  process.stderr.write('renderer under load…\n');
  const rendererUnderLoad = wanted('renderer') ? await measureRendererUnderLoad() : 'skipped (BENCH_ONLY)';
  process.stderr.write('replay timing…\n');
  const replayTiming = wanted('replay') ? await measureReplayTiming() : 'skipped (BENCH_ONLY)';
  process.stderr.write('schedule timing…\n');
  const scheduleTiming = wanted('schedule') ? await measureScheduleTiming() : 'skipped (BENCH_ONLY)';
  process.stderr.write('opening a recording…\n');
  const recordingOpen = wanted('open') ? await measureRecordingOpen() : 'skipped (BENCH_ONLY)';
  process.stderr.write('broker throughput…\n');
  const broker = wanted('broker') ? await brokerThroughput() : 'skipped (BENCH_ONLY)';
  process.stderr.write('simulated devices…\n');
  const simulator = wanted('simulator') ? await measureSimulatorLoad() : 'skipped (BENCH_ONLY)';
  const summary = {
    ingest: ingestSummary,
    flowsOverhead: flows,
    ...scale,
    topicTree,
    rendererUnderLoad,
    replayTiming,
    scheduleTiming,
    recordingOpen,
    brokerThroughput: broker,
    simulator,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
