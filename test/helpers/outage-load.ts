import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import { saveAndConnect } from './core-waits';
import { startMosquitto } from './mosquitto';
import type { Broker } from './mosquitto';
import { profileFor } from './profiles';

/**
 * A mosquitto that keeps sessions across its own restarts on one port (persistence on, saved at
 * SIGTERM), so a client with a persistent session misses nothing while it is down.
 */
export class RestartableMosquitto {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-persist-'));
  broker: Broker | undefined;
  port = 0;

  constructor(private readonly extraConfig: string[] = []) {
    // mosquitto drops to its own user and must still write its persistence file here.
    chmodSync(this.dir, 0o777);
  }

  async start(): Promise<void> {
    const options = { extraConfig: ['persistence true', `persistence_location ${this.dir}/`, ...this.extraConfig] };
    this.broker = await startMosquitto(this.port === 0 ? options : { ...options, port: this.port });
    this.port = this.broker.port;
  }

  async stop(): Promise<void> {
    const broker = this.broker;
    this.broker = undefined;
    await broker?.stop();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Counts messages by the sequence number in their payload: what arrived, how often, what never did. */
export class SequenceCounter {
  private readonly seen = new Map<number, number>();
  duplicates = 0;

  note(payload: Buffer | Uint8Array | string): void {
    const sequence = Number(typeof payload === 'string' ? payload : Buffer.from(payload).toString());
    const times = (this.seen.get(sequence) ?? 0) + 1;
    this.seen.set(sequence, times);
    if (times > 1) this.duplicates++;
  }

  get distinct(): number {
    return this.seen.size;
  }

  missing(sent: number): number[] {
    const missing: number[] = [];
    for (let sequence = 0; sequence < sent; sequence++) if (!this.seen.has(sequence)) missing.push(sequence);
    return missing;
  }
}

/** A plain MQTT.js client with a persistent session, subscribed at QoS 1: the second client that counts. */
export async function countingSubscriber(port: number, filter: string, counter: SequenceCounter): Promise<MqttClient> {
  const client = mqtt.connect({ host: '127.0.0.1', port, clientId: `counter-${process.pid}-${Date.now()}`, clean: false, reconnectPeriod: 100, protocolVersion: 4 });
  client.on('message', (_topic, payload) => counter.note(payload));
  client.on('error', () => undefined);
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await client.subscribeAsync(filter, { qos: 1 });
  return client;
}

/**
 * Publishes through the app's API at a steady rate (catching up after a late timer, so the rate
 * holds however the event loop is doing), with payloads 0, 1, 2…, and times every answer.
 */
export class SteadyPublisher {
  sent = 0;
  /** Publishes the app did not take (queue full, not connected): never sent, so not lost either. */
  refused = 0;
  /** Taken and sent, but the request gave up waiting for the acknowledgement; the message stays in flight. */
  unconfirmed = 0;
  readonly refusals = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private base = 0;

  constructor(
    private readonly core: AppCore,
    private readonly connectionId: string,
    private readonly topic: string,
    private readonly perSecond: number,
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.base = this.sent;
    this.timer = setInterval(() => {
      const due = this.base + Math.floor(((performance.now() - this.startedAt) * this.perSecond) / 1000);
      while (this.sent < due) this.publishNext();
    }, 5);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private publishNext(): void {
    const payload = String(this.sent++);
    void this.core.router.dispatch('message.publish', { connectionId: this.connectionId, topic: this.topic, qos: 1, retain: false, payload, encoding: 'utf8' }).then((result) => {
      if (result.ok) return;
      if (result.error.code === 'mqtt_error') this.unconfirmed++;
      else this.refused++;
      this.refusals.add(result.error.message);
    });
  }
}

/** Times `connection.list` through the router every few ms, as a page polling the app would; keeps the worst. */
export class ApiLatencyProbe {
  worstMs = 0;
  answers = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;

  constructor(private readonly core: AppCore) {}

  start(everyMs = 20): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      const started = performance.now();
      void this.core.router.dispatch('connection.list', {}).then(() => {
        this.worstMs = Math.max(this.worstMs, performance.now() - started);
        this.answers++;
        this.busy = false;
      });
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** What `connection.updated` cost while it ran: how many events and how many bytes as a transport would send them. */
export function watchStatusEvents(core: AppCore, connectionId: string) {
  const figures = { events: 0, bytes: 0, largestBytes: 0 };
  const off = core.bus.subscribe((envelope) => {
    if (envelope.name !== 'connection.updated' || (envelope.payload as ConnectionSnapshot).connectionId !== connectionId) return;
    const bytes = JSON.stringify(envelope).length;
    figures.events++;
    figures.bytes += bytes;
    figures.largestBytes = Math.max(figures.largestBytes, bytes);
  });
  return { figures, stop: off };
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, stepMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}

export interface OutageFigures {
  outageMs: number;
  perSecond: number;
  sent: number;
  delivered: number;
  lost: number;
  duplicates: number;
  refused: number;
  /** Publish requests that stopped waiting for their PUBACK (30 s) while the broker was away; still delivered. */
  unconfirmed: number;
  /** Why publishes were refused, each reason once. */
  refusals: string[];
  /** The first few sequence numbers that never arrived, to look for in a packet capture. */
  missingSample: number[];
  reconnectMs: number;
  worstApiMs: number;
  apiAnswers: number;
  statusEvents: number;
  statusEventBytes: number;
  largestStatusEventBytes: number;
  cpuMicrosPerMessage: number;
  drainedMs: number;
}

/** Reconnect quickly and without jitter, so the time back is the broker's doing, not the dice's. */
export function outageProfile(port: number, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return profileFor(port, {
    protocolVersion: 5,
    reconnect: { enabled: true, initialDelayMs: 250, maxDelayMs: 1000, jitterPercent: 0, maxAttempts: 0 },
    ...overrides,
  });
}

/**
 * Item 2 of issue 13 as a figure: QoS 1 published through the API at `perSecond` while mosquitto is
 * down for `outageMs`; a second client counts every message by its sequence number.
 */
export async function measureOutage(core: AppCore, options: { outageMs: number; perSecond: number; settleMs?: number; drainTimeoutMs?: number }): Promise<OutageFigures> {
  const broker = new RestartableMosquitto();
  const counter = new SequenceCounter();
  let subscriber: MqttClient | undefined;
  const probe = new ApiLatencyProbe(core);
  try {
    await broker.start();
    subscriber = await countingSubscriber(broker.port, 'outage/#', counter);
    const connectionId = await saveAndConnect(core, outageProfile(broker.port));
    const connection = core.connections.get(connectionId);
    const events = watchStatusEvents(core, connectionId);
    const publisher = new SteadyPublisher(core, connectionId, 'outage/load', options.perSecond);
    const cpuBefore = process.cpuUsage();
    probe.start();
    publisher.start();
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 500));
    await broker.stop();
    await new Promise((resolve) => setTimeout(resolve, options.outageMs));
    await broker.start();
    const backAt = performance.now();
    await waitUntil(() => connection.isConnected, 30_000);
    const reconnectMs = performance.now() - backAt;
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 500));
    publisher.stop();
    const sent = publisher.sent;
    await waitUntil(() => counter.distinct + publisher.refused >= sent, options.drainTimeoutMs ?? 30_000, 20);
    const drainedMs = performance.now() - backAt;
    probe.stop();
    events.stop();
    const cpu = process.cpuUsage(cpuBefore);
    return {
      outageMs: options.outageMs,
      perSecond: options.perSecond,
      sent,
      delivered: counter.distinct,
      lost: counter.missing(sent).length - publisher.refused,
      duplicates: counter.duplicates,
      refused: publisher.refused,
      unconfirmed: publisher.unconfirmed,
      refusals: [...publisher.refusals],
      missingSample: counter.missing(sent).slice(0, 20),
      reconnectMs: Math.round(reconnectMs),
      worstApiMs: Math.round(probe.worstMs * 10) / 10,
      apiAnswers: probe.answers,
      statusEvents: events.figures.events,
      statusEventBytes: events.figures.bytes,
      largestStatusEventBytes: events.figures.largestBytes,
      // Of this whole process, the counting client and the probe included: an upper bound for the app's share.
      cpuMicrosPerMessage: Math.round(((cpu.user + cpu.system) / sent) * 10) / 10,
      drainedMs: Math.round(drainedMs),
    };
  } finally {
    probe.stop();
    subscriber?.end(true);
    await broker.dispose();
  }
}
