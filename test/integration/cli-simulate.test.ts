import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runClient, startSubscriber } from '../helpers/broker-mosquitto-clients';
import { cliBundle, removeCliBundle, runCli, startCli } from '../helpers/cli-bundle';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';

// `mqtt-lab simulate` as a pipeline runs it: a child process (stdout piped, so JSON), real mosquitto, real signals.
let broker: Broker;
const subscribers: ReturnType<typeof startSubscriber>[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  await cliBundle();
}, 60_000);

afterEach(async () => {
  for (const subscriber of subscribers.splice(0)) await subscriber.stop();
});

afterAll(async () => {
  await broker.stop();
  await removeCliBundle();
});

describe('mqtt-lab simulate', () => {
  it('runs 10 devices until SIGINT, then stops them cleanly and prints a JSON summary with exit 0', async () => {
    const subscriber = startSubscriber(['-p', String(broker.port), '-t', 'site/#', '-t', 'ready', '-v']);
    subscribers.push(subscriber);
    await runClient('mosquitto_pub', ['-p', String(broker.port), '-t', 'ready', '-m', 'x', '-r']);
    await subscriber.waitForLine((line) => line === 'ready x');
    const cli = await startCli(['simulate', '-p', String(broker.port), '--devices', '10', '--interval', '100', '-t', 'site/{{device}}/temp', '-m', '{"t":{{walk 21 0.2}}}', '--will-topic', 'site/{{device}}/will', '--will-message', 'lost']);
    for (let device = 1; device <= 10; device++) await subscriber.waitForLine((line) => line.startsWith(`site/${device}/temp {"t":`));
    const run = await cli.stop('SIGINT');
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: true, devices: 10, stopped: 10, failedSends: 0, errors: [], atStop: { connected: 10, failed: 0 }, stoppedBecause: 'interrupted' });
    expect(summary.sent).toBeGreaterThanOrEqual(10);
    // A clean stop is DISCONNECT: no device's will is published.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscriber.lines.filter((line) => line.includes('/will'))).toEqual([]);
  }, 30_000);

  it('stops by itself after --count sends per device', async () => {
    const run = await runCli(['simulate', '-p', String(broker.port), '--devices', '3', '--interval', '20', '--count', '5', '-t', 'count/{{device}}', '-m', '{{seq}}'], 15_000);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, sent: 15, stoppedBecause: 'every device sent 5 messages' });
  }, 20_000);

  it('exits 1 with the reason when no device can connect', async () => {
    const run = await runCli(['simulate', '-p', '1', '--devices', '2', '-t', 't', '-m', '1', '--duration', '1'], 15_000);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, errors: [{ reason: 'connect ECONNREFUSED 127.0.0.1:1', devices: 2 }] });
  }, 20_000);

  it.each([
    [['--devices', '1001', '-t', 't', '-m', '1'], /--devices takes a whole number from 1 to 1000/],
    [['--devices', '2', '-t', 't', '-m', '1', '--client-id', 'same'], /the same for every device/],
    [['-t', 't/{{devic}}', '-m', '1'], /Topic: \{\{devic\}\} at 3/],
    [['-m', '1'], /Give the topic pattern with -t/],
    [['--devices', '2', '-m', '[1]', '--sparkplug', 'plant/edge'], /edge node id "edge" is the same for every device/],
    [['--interval', '5', '-t', 't', '-m', '1'], /--interval takes a whole number from 10/],
  ])('refuses a bad command line with exit 2: %j', async (args, message) => {
    const run = await runCli(['simulate', '-p', String(broker.port), ...args], 15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
