import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../electron/core/simulator/simulator';
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
});
