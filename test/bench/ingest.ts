import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { createCore } from '../../electron/core/app-core';
import type { HistoryUpdate } from '../../shared/domain/message';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';

export interface IngestRun {
  messagesPerSecond: number;
  received: number;
  lost: number;
  /**
   * CPU time of this process (all its threads, the garbage collector's included) per message while
   * it drained the burst: what the pipeline costs whichever process sets the pace.
   */
  cpuMicrosPerMessage: number;
}

/** CPU µs per message since `start` (from process.cpuUsage()). */
function cpuPerMessage(start: NodeJS.CpuUsage, messages: number): number {
  const used = process.cpuUsage(start);
  return Math.round(((used.user + used.system) / Math.max(1, messages)) * 100) / 100;
}

const TOPIC = 'bench/ingest';
/** mosquitto_pub -l publishes each line without its newline: 100-byte payloads. */
const LINE = `${'x'.repeat(100)}\n`;

/**
 * Publishes `count` QoS 0 messages of 100 bytes from mosquitto_pub in its own process, so the
 * publisher does not compete with the subscriber under test for this process's event loop.
 */
export function publishBurst(broker: Broker, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const publisher = spawn('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-t', TOPIC, '-q', '0', '-l'], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    publisher.once('error', reject);
    publisher.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited with ${code}`))));
    const block = LINE.repeat(1000);
    let written = 0;
    const writeMore = (): void => {
      while (written < count) {
        const lines = Math.min(1000, count - written);
        written += lines;
        const ok = publisher.stdin.write(lines === 1000 ? block : LINE.repeat(lines));
        if (!ok) return void publisher.stdin.once('drain', writeMore);
      }
      publisher.stdin.end();
    };
    writeMore();
  });
}

/** Rate from the first message to the last, so connection set-up is not counted against either side. */
function rate(count: number, firstAt: number, lastAt: number): number {
  return Math.round((count / Math.max(1e-9, lastAt - firstAt)) * 1000);
}

/**
 * How each side is measured: its session is made persistent and left, the burst is published into
 * the broker's queue for it (mosquitto queues QoS 0 for offline persistent sessions with
 * `queue_qos0_messages true`), and the clock runs while the subscriber drains it. The subscriber
 * alone then sets the pace: a live publisher on this 2-core machine would compete for the CPU and
 * often be the bottleneck itself, which would hide the pipeline's cost.
 */
async function queueBurst(broker: Broker, count: number): Promise<void> {
  await publishBurst(broker, count);
  // mosquitto_pub has exited once its socket is written; give the broker a moment to queue the tail.
  await delay(1000);
}

/** The baseline: a bare MQTT.js subscriber that only counts messages. */
export async function bareSubscriber(broker: Broker, count: number, timeoutMs: number): Promise<IngestRun> {
  const url = `mqtt://${broker.host}:${broker.port}`;
  const options = { clientId: `bench-bare-${randomUUID()}`, clean: false, reconnectPeriod: 0 };
  const setup = await mqtt.connectAsync(url, options);
  await setup.subscribeAsync(TOPIC, { qos: 0 });
  await setup.endAsync();
  await queueBurst(broker, count);
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const cpuAtStart = process.cpuUsage();
  const client = mqtt.connect(url, options);
  const done = new Promise<void>((resolve) => {
    client.on('message', () => {
      if (received === 0) firstAt = performance.now();
      received++;
      lastAt = performance.now();
      if (received === count) resolve();
    });
  });
  await Promise.race([done, delay(timeoutMs)]);
  const cpuMicrosPerMessage = cpuPerMessage(cpuAtStart, received);
  await client.endAsync();
  return { messagesPerSecond: rate(received, firstAt, lastAt), received, lost: count - received, cpuMicrosPerMessage };
}

/**
 * Ours: the whole core pipeline — Connection, PacketTap, MessageStore, RowBatcher, event bus — up
 * to the frames the web transport would send, serialized with JSON.stringify as it does.
 */
export async function corePipeline(broker: Broker, count: number, timeoutMs: number, options: { flows?: boolean } = {}): Promise<IngestRun & { framesBytes: number; stored: number }> {
  const core = createCore({ mode: 'web', version: 'bench' });
  // MQTT 3.1.1 like the baseline: an MQTT 5 session would also need a session expiry to outlive the disconnect.
  const profile = profileFor(broker.port, { clientId: `bench-core-${randomUUID()}`, clean: false, protocolVersion: 4 });
  const connectionId = profile.id;
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  let framesBytes = 0;
  let onConnected: () => void = () => undefined;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  core.bus.subscribe((envelope) => {
    const frame = JSON.stringify({ type: 'event', event: envelope });
    if (envelope.name === 'connection.updated' && (envelope.payload as ConnectionSnapshot).status.state === 'connected') onConnected();
    if (envelope.name !== 'messages.appended') return;
    framesBytes += frame.length;
    const update = envelope.payload as HistoryUpdate;
    if (received === 0) firstAt = performance.now();
    // The store was empty before the burst, so what it holds is what arrived.
    received = update.total;
    lastAt = performance.now();
    if (received >= count) finished();
  });
  const connect = async () => {
    const connected = new Promise<void>((resolve) => (onConnected = resolve));
    await expectOk(core.router.dispatch('connection.connect', { connectionId }));
    await connected;
  };
  await expectOk(core.router.dispatch('connection.save', { profile }));
  // Off only to measure what the QoS flow tracker costs (test/bench/flows-overhead.ts).
  if (options.flows === false) core.connections.get(connectionId).flows.tracker.enabled = false;
  await connect();
  await expectOk(core.router.dispatch('subscription.add', { connectionId, filter: TOPIC, qos: 0 }));
  await expectOk(core.router.dispatch('connection.disconnect', { connectionId }));
  await queueBurst(broker, count);
  const cpuAtStart = process.cpuUsage();
  await connect();
  await Promise.race([done, delay(timeoutMs)]);
  const cpuMicrosPerMessage = cpuPerMessage(cpuAtStart, received);
  const listed = await expectOk(core.router.dispatch('message.list', { connectionId, from: 0, count: 1 }));
  const stored = (listed as { total: number }).total;
  await core.close();
  return { messagesPerSecond: rate(received, firstAt, lastAt), received, lost: count - received, cpuMicrosPerMessage, framesBytes, stored };
}

async function expectOk<T>(pending: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
