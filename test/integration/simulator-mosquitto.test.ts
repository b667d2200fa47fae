import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { Simulator } from '../../electron/core/simulator/simulator';
import { SparkplugAliasBook } from '../../shared/payload/sparkplug-aliases';
import { decodeSparkplug } from '../../shared/payload/sparkplug';
import { SimulatorConfig } from '../../shared/domain/simulator';
import type { SimulatorConfigInput } from '../../shared/domain/simulator';
import { runClient, startSubscriber } from '../helpers/broker-mosquitto-clients';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';

let broker: Broker;
const simulators: Simulator[] = [];
const subscribers: ReturnType<typeof startSubscriber>[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
});

afterEach(async () => {
  for (const simulator of simulators.splice(0)) await simulator.stop();
  for (const subscriber of subscribers.splice(0)) await subscriber.stop();
});

afterAll(async () => {
  await broker.stop();
});

function simulator(input: Omit<SimulatorConfigInput, 'broker'>): Simulator {
  const config = SimulatorConfig.parse({ ...input, broker: { kind: 'address', host: broker.host, port: broker.port, protocolVersion: 4 } });
  const running = new Simulator(config, { host: broker.host, port: broker.port, protocolVersion: 4, username: '', password: '' });
  simulators.push(running);
  return running;
}

async function until(check: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function subscribed(filter: string) {
  const subscriber = startSubscriber(['-h', broker.host, '-p', String(broker.port), '-t', filter, '-t', 'ready/probe', '-v']);
  subscribers.push(subscriber);
  // The probe proves the SUBSCRIBE is in place before the devices start: a retained message answers at once.
  await runClient('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-t', 'ready/probe', '-m', 'x', '-r']);
  await subscriber.waitForLine((line) => line === 'ready/probe x');
  return subscriber;
}

describe('simulated devices against mosquitto', () => {
  it('100 devices connect and each publishes its own numbered series on its own topic', async () => {
    const subscriber = await subscribed('site/+/temp');
    const run = simulator({ devices: 100, intervalMs: 200, count: 3, clientId: 'sim-{{device}}', topic: 'site/{{device}}/temp', payload: '{"d":{{device}},"n":{{seq}}}' });
    run.start();
    await until(() => subscriber.lines.filter((line) => line.startsWith('site/')).length >= 300, () => `${subscriber.lines.length} lines, ${JSON.stringify(run.status())}`);
    const perDevice = new Map<number, number[]>();
    for (const line of subscriber.lines) {
      const match = /^site\/(\d+)\/temp \{"d":(\d+),"n":(\d+)\}$/.exec(line);
      if (!match) continue;
      expect(match[1]).toBe(match[2]);
      perDevice.set(Number(match[1]), [...(perDevice.get(Number(match[1])) ?? []), Number(match[3])]);
    }
    expect(perDevice.size).toBe(100);
    for (const [, numbers] of perDevice) expect(numbers).toEqual([1, 2, 3]);
    const status = run.status();
    expect(status).toMatchObject({ devices: 100, connected: 100, failed: 0, sent: 300, failedSends: 0, errors: [] });
  }, 30_000);

  it("the devices' wills fire when their connections are cut, and not when they stop cleanly", async () => {
    const subscriber = await subscribed('status/#');
    const run = simulator({ devices: 100, intervalMs: 60_000, clientId: 'will-{{device}}', topic: 'data/{{device}}', payload: '1', will: { topic: 'status/{{device}}', payload: 'lost {{device}}' } });
    run.start();
    await until(() => run.status().connected === 100, () => JSON.stringify(run.status()));
    run.cutConnections();
    await until(() => subscriber.lines.filter((line) => line.startsWith('status/')).length >= 100, () => `${subscriber.lines.length} wills`);
    const wills = new Set(subscriber.lines.filter((line) => line.startsWith('status/')));
    for (let device = 1; device <= 100; device++) expect(wills).toContain(`status/${device} lost ${device}`);
    // Cut devices come back by themselves; a clean stop after that says DISCONNECT, so no second will.
    await until(() => run.status().connected === 100, () => JSON.stringify(run.status()));
    subscriber.lines.length = 0;
    const stopped = await run.stop();
    expect(stopped.stopped).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(subscriber.lines.filter((line) => line.startsWith('status/'))).toEqual([]);
  }, 30_000);

  it('ramps up at the given rate, and counts a refused broker as failed devices with one reason', async () => {
    const ramped = simulator({ devices: 20, rampPerSecond: 20, intervalMs: 1000, clientId: 'ramp-{{device}}', topic: 't', payload: '1' });
    const startedAt = performance.now();
    ramped.start();
    expect(ramped.status().waiting).toBeGreaterThan(15);
    await until(() => ramped.status().connected === 20, () => JSON.stringify(ramped.status()));
    expect(performance.now() - startedAt).toBeGreaterThan(800);

    const config = SimulatorConfig.parse({ devices: 5, intervalMs: 1000, clientId: 'nobody-{{device}}', topic: 't', payload: '1', broker: { kind: 'address', host: '127.0.0.1', port: 1, protocolVersion: 4 } });
    const refused = new Simulator(config, { host: '127.0.0.1', port: 1, protocolVersion: 4, username: '', password: '' });
    simulators.push(refused);
    refused.start();
    await until(() => refused.status().failed === 5, () => JSON.stringify(refused.status()));
    expect(refused.status().errors[0]).toMatchObject({ reason: 'connect ECONNREFUSED 127.0.0.1:1', devices: 5 });
  }, 30_000);

  it('Sparkplug edge nodes send NBIRTH then NDATA by alias, which a host resolves to names, and NDEATH at a clean stop', async () => {
    const host = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.port}`);
    const seen: { id: number; topic: string; payload: Buffer }[] = [];
    host.on('message', (topic, payload) => seen.push({ id: seen.length + 1, topic, payload }));
    await host.subscribeAsync('spBv1.0/plant/#');
    try {
      const run = simulator({ devices: 2, intervalMs: 50, count: 3, clientId: 'edge-{{device}}', topic: '', payload: '{"temperature":{{walk 21 0.5}},"on":true}', sparkplug: { group: 'plant', edge: 'edge-{{device}}' } });
      run.start();
      await until(() => seen.filter((message) => message.topic.includes('/NDATA/')).length === 6, () => JSON.stringify(seen.map((message) => message.topic)));
      for (const edge of ['edge-1', 'edge-2']) {
        const own = seen.filter((message) => message.topic.endsWith(`/${edge}`));
        expect(own.map((message) => message.topic.split('/')[2])).toEqual(['NBIRTH', 'NDATA', 'NDATA', 'NDATA']);
        expect(own.map((message) => Number(decodeSparkplug(message.payload).seq))).toEqual([0, 1, 2, 3]);
      }
      const book = new SparkplugAliasBook();
      for (const message of seen) book.observe(message.id, message.topic, message.payload);
      const data = seen.find((message) => message.topic === 'spBv1.0/plant/NDATA/edge-2');
      if (!data) throw new Error('no NDATA of edge-2');
      const described = book.describe(data.id, data.topic, data.payload);
      expect((described.json as { metrics: { name: string }[] }).metrics.map((metric) => metric.name)).toEqual(['temperature', 'on']);
      await run.stop();
      await until(() => seen.filter((message) => message.topic.includes('/NDEATH/')).length === 2, () => JSON.stringify(seen.map((message) => message.topic)));
    } finally {
      await host.endAsync();
    }
  });
});
