import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { brokerSettings, call, startBroker, waitForBroker, waitForLog } from '../helpers/broker-core';
import { runClient, startSubscriber } from '../helpers/broker-mosquitto-clients';
import { createTempCore } from '../helpers/temp-core';

describe('the built-in broker with mosquitto_pub and mosquitto_sub', () => {
  let core: AppCore;
  let port: number;
  let stopSubscribers: (() => Promise<void>)[] = [];

  const hostArgs = () => ['-h', '127.0.0.1', '-p', String(port)];
  const subscribe = (args: string[]) => {
    const subscriber = startSubscriber([...hostArgs(), ...args]);
    stopSubscribers.push(subscriber.stop);
    return subscriber;
  };
  const publish = (args: string[]) => runClient('mosquitto_pub', [...hostArgs(), ...args]);
  const subscribedClient = (clientId: string) => waitForBroker(core, (snapshot) => snapshot.clients.some((client) => client.clientId === clientId && client.subscriptions.length > 0), `${clientId} to subscribe`);

  beforeEach(async () => {
    core = createTempCore();
    const settings = await brokerSettings();
    port = settings.tcpPort;
    await startBroker(core, settings);
  });
  afterEach(async () => {
    await Promise.all(stopSubscribers.map((stop) => stop()));
    stopSubscribers = [];
    await core.close();
  });

  it.each([0, 1, 2])('delivers a QoS %i message from mosquitto_pub to mosquitto_sub', async (qos) => {
    const subscriber = subscribe(['-i', `sub-${qos}`, '-t', 'lab/qos', '-q', String(qos), '-C', '1', '-v']);
    await subscribedClient(`sub-${qos}`);

    const published = await publish(['-i', `pub-${qos}`, '-t', 'lab/qos', '-q', String(qos), '-m', `hello at QoS ${qos}`]);

    expect(published).toMatchObject({ code: 0 });
    expect(await subscriber.waitForLine((line) => line.startsWith('lab/qos'))).toBe(`lab/qos hello at QoS ${qos}`);
    expect(await subscriber.exited).toBe(0);
  });

  it('lists a connected mosquitto_sub with its address, protocol and subscription', async () => {
    subscribe(['-i', 'watcher', '-t', 'lab/#', '-q', '1', '-k', '45']);

    const snapshot = await subscribedClient('watcher');

    expect(snapshot.clients).toEqual([
      expect.objectContaining({ clientId: 'watcher', protocolVersion: 4, keepalive: 45, clean: true, subscriptions: [{ filter: 'lab/#', qos: 1 }] }),
    ]);
    expect(snapshot.clients[0]?.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await waitForLog(core, 'connect', /^watcher connected from 127\.0\.0\.1:\d+: MQTT 3\.1\.1, keepalive 45 s, clean session\.$/)).toBeTruthy();
  });

  it('taps PUBLISH and PUBACK in both directions with the client ids of publisher and subscriber', async () => {
    const subscriber = subscribe(['-i', 'tap-sub', '-t', 'lab/tap', '-q', '1', '-C', '1']);
    await subscribedClient('tap-sub');

    await publish(['-i', 'tap-pub', '-t', 'lab/tap', '-q', '1', '-m', 'tapped']);
    await subscriber.exited;

    const rows = await waitForPackets(core, (packets) => packets.filter((row) => row.cmd === 'publish' || row.cmd === 'puback').length >= 4);
    const flow = rows.filter((row) => row.cmd === 'publish' || row.cmd === 'puback');
    const label = (row: (typeof flow)[number]) => `${row.clientId} ${row.direction} ${row.cmd}${row.topic ? ` ${row.topic} qos ${row.qos}` : ''}`;
    expect(flow.map(label).sort()).toEqual(['tap-pub in publish lab/tap qos 1', 'tap-pub out puback', 'tap-sub in puback', 'tap-sub out publish lab/tap qos 1']);
    expect(label(flow[0]!)).toBe('tap-pub in publish lab/tap qos 1');
    // Each acknowledgement carries the packet id of the PUBLISH on its own connection.
    const find = (text: string) => flow.find((row) => label(row).startsWith(text));
    expect(find('tap-pub out puback')?.messageId).toBe(find('tap-pub in publish')?.messageId);
    expect(find('tap-sub in puback')?.messageId).toBe(find('tap-sub out publish')?.messageId);
    for (const row of flow) expect(row.monotonicMs).toBeGreaterThan(0);
  });

  it('keeps retained messages, lists them, deletes one and clears the rest', async () => {
    await publish(['-t', 'lab/retained/a', '-r', '-q', '1', '-m', 'first value']);
    await publish(['-t', 'lab/retained/b', '-r', '-m', 'second value']);

    const { retained } = await call(core, 'broker.retained.list', {});
    expect(retained).toEqual([
      expect.objectContaining({ topic: 'lab/retained/a', size: 11, qos: 1, preview: 'first value' }),
      expect.objectContaining({ topic: 'lab/retained/b', size: 12, qos: 0, preview: 'second value' }),
    ]);
    expect(core.broker.snapshot().retainedCount).toBe(2);
    const late = await runClient('mosquitto_sub', [...hostArgs(), '-t', 'lab/retained/b', '-C', '1']);
    expect(late.stdout.trim()).toBe('second value');

    await call(core, 'broker.retained.delete', { topic: 'lab/retained/a' });
    expect((await call(core, 'broker.retained.list', {})).retained.map((view) => view.topic)).toEqual(['lab/retained/b']);

    expect(await call(core, 'broker.retained.clear', {})).toEqual({ cleared: 1 });
    expect((await call(core, 'broker.retained.list', {})).retained).toEqual([]);
    expect(core.broker.snapshot().retainedCount).toBe(0);
  });

  it('publishes the will of a client whose socket is cut, and mosquitto_sub receives it', async () => {
    const watcher = subscribe(['-i', 'will-watcher', '-t', 'lab/will', '-C', '1', '-v']);
    subscribe(['-i', 'doomed', '-t', 'lab/nothing', '--will-topic', 'lab/will', '--will-payload', 'doomed is gone', '--will-qos', '1']);
    await subscribedClient('will-watcher');
    await subscribedClient('doomed');

    await call(core, 'broker.cut', { clientId: 'doomed' });

    expect(await watcher.waitForLine((line) => line.startsWith('lab/will'))).toBe('lab/will doomed is gone');
    await waitForLog(core, 'will', /^Will of doomed published on lab\/will \(QoS 1\)\.$/);
    await waitForLog(core, 'disconnect', /^doomed disconnected: cut by the user/);
  });

  it('refuses a wrong password with CONNACK 4, and mosquitto_pub exits with the error', async () => {
    await call(core, 'broker.stop', {});
    await startBroker(core, await brokerSettings({ tcpPort: port, auth: 'users', users: [{ username: 'alice', password: 'right' }] }));

    const wrong = await publish(['-i', 'intruder', '-u', 'alice', '-P', 'wrong', '-t', 'lab/auth', '-m', 'x']);
    const right = await publish(['-i', 'alice-pub', '-u', 'alice', '-P', 'right', '-t', 'lab/auth', '-m', 'x']);

    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/bad user name or password/i);
    expect(right.code).toBe(0);
    await waitForLog(core, 'refused', /^intruder from 127\.0\.0\.1:\d+ was refused: bad user name or password \(CONNACK 4\); wrong password for user alice\.$/);
    const rows = (await call(core, 'broker.packets.list', { afterSeq: 0, limit: 5000 })).packets;
    expect(rows.filter((row) => row.clientId === 'intruder').map((row) => `${row.direction} ${row.cmd}`)).toEqual(['in connect', 'out connack']);
  });
});

async function waitForPackets(core: AppCore, enough: (rows: Awaited<ReturnType<AppCore['broker']['packetsAfter']>>['packets']) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { packets } = core.broker.packetsAfter(0, 5000);
    if (enough(packets)) return packets;
    if (Date.now() > deadline) throw new Error(`The tap did not record the expected packets: ${JSON.stringify(packets)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
