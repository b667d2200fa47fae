/**
 * The Simulator's figure: 1,000 simulated devices at 1 msg/s each against mosquitto for ~10 s, then
 * one device at maximum rate ÷ `mosquitto_pub -l` sending the same lines. CPU share is this
 * process's CPU time ÷ wall time (1.0 = one core); memory is the peak RSS sampled during the run;
 * the event loop's delay stands in for "the UI stays responsive" (the core runs in the main process).
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Simulator } from '../../electron/core/simulator/simulator';
import { SimulatorConfig } from '../../shared/domain/simulator';
import type { SimulatorConfigInput } from '../../shared/domain/simulator';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';

const DEVICES = Number(process.env.BENCH_SIMULATOR_DEVICES ?? 1000);
const STEADY_SECONDS = 10;
const MAX_RATE_MESSAGES = Number(process.env.BENCH_SIMULATOR_MESSAGES ?? 100_000);
const PAYLOAD = '{"t":21.53,"seq":123456}';

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function simulator(broker: Broker, input: Omit<SimulatorConfigInput, 'broker'>, onFinished?: () => void): Simulator {
  const config = SimulatorConfig.parse({ ...input, broker: { kind: 'address', host: broker.host, port: broker.port, protocolVersion: 4 } });
  return new Simulator(config, { host: broker.host, port: broker.port, protocolVersion: 4, username: '', password: '' }, onFinished);
}

async function manyDevices(broker: Broker) {
  const run = simulator(broker, { devices: DEVICES, intervalMs: 1000, rampPerSecond: 500, clientId: 'bench-{{device}}', topic: 'bench/{{device}}/temp', payload: '{"t":{{walk 21 0.2}},"seq":{{seq}}}' });
  const rssBefore = process.memoryUsage().rss;
  run.start();
  const connectStarted = performance.now();
  while (run.status().connected < DEVICES) {
    if (performance.now() - connectStarted > 20_000) break;
    await sleep(50);
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  // Measured once every device is up, over whole seconds.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const sentBefore = run.status().sent;
  const cpuBefore = cpuMicros();
  const wallBefore = performance.now();
  let peakRss = process.memoryUsage().rss;
  for (let tick = 0; tick < STEADY_SECONDS * 4; tick++) {
    await sleep(250);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const cpuShare = (cpuMicros() - cpuBefore) / 1e6 / wallSeconds;
  delay.disable();
  const status = run.status();
  const rate = (status.sent - sentBefore) / wallSeconds;
  await run.stop();
  return {
    devices: DEVICES,
    connected: status.connected,
    connectSeconds: round(connectSeconds, 1),
    targetMessagesPerSecond: DEVICES,
    messagesPerSecond: round(rate, 1),
    rateHeld: round(rate / DEVICES),
    failed: status.failed,
    errors: status.errors,
    cpuShare: round(cpuShare),
    peakRssMB: round(peakRss / 1024 / 1024, 1),
    rssGrowthMB: round((peakRss - rssBefore) / 1024 / 1024, 1),
    // Timers sampled every 10 ms: Node counts that interval in each delay, so ~10 ms is an idle loop.
    eventLoopDelayMs: { p50: round(delay.percentile(50) / 1e6, 1), p99: round(delay.percentile(99) / 1e6, 1), max: round(delay.max / 1e6, 1) },
  };
}

async function oneDeviceMaxRate(broker: Broker) {
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  // intervalMs 0 is below what a user may ask (10 ms); the loop then sends as fast as it can.
  const config = { ...SimulatorConfig.parse({ devices: 1, intervalMs: 10, count: MAX_RATE_MESSAGES, clientId: 'bench-max', topic: 'bench/max', payload: PAYLOAD, broker: { kind: 'address', host: broker.host, port: broker.port, protocolVersion: 4 } }), intervalMs: 0 };
  const run = new Simulator(config, { host: broker.host, port: broker.port, protocolVersion: 4, username: '', password: '' }, () => finished());
  const cpuBefore = cpuMicros();
  run.start();
  while (run.status().connected < 1) await sleep(5);
  const started = performance.now();
  await done;
  while (run.status().sent + run.status().failedSends < MAX_RATE_MESSAGES && performance.now() - started < 60_000) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  const cpuShare = (cpuMicros() - cpuBefore) / 1e6 / seconds;
  const sent = run.status().sent;
  await run.stop();
  return { messages: MAX_RATE_MESSAGES, sent, messagesPerSecond: Math.round(sent / seconds), cpuShare: round(cpuShare) };
}

/** mosquitto_pub -l: one PUBLISH per stdin line, as fast as it reads them; timed from spawn to exit. */
function mosquittoPubLines(broker: Broker): Promise<{ messagesPerSecond: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-t', 'bench/max', '-l', '-q', '0'], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.once('exit', (code) => resolve({ messagesPerSecond: Math.round(MAX_RATE_MESSAGES / ((performance.now() - started) / 1000)), code }));
    child.stdin.end(`${PAYLOAD}\n`.repeat(MAX_RATE_MESSAGES));
  });
}

export async function measureSimulatorLoad() {
  const broker = await startMosquitto({ extraConfig: ['max_queued_messages 0'] });
  try {
    const many = await manyDevices(broker);
    const ours = await oneDeviceMaxRate(broker);
    const baseline = await mosquittoPubLines(broker);
    return {
      manyDevices: many,
      oneDeviceMaxRate: { ours, mosquittoPub: baseline, ratio: round(ours.messagesPerSecond / baseline.messagesPerSecond) },
      target: '1,000 devices hold 1 msg/s each (rateHeld ≈ 1.0) with a small event-loop delay',
      method: 'plain MQTT.js client per device, QoS 0; one device sends a fixed count with no interval; mosquitto_pub -l fed the same lines on stdin',
    };
  } finally {
    await broker.stop();
  }
}
