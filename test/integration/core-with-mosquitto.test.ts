import { execFileSync } from 'node:child_process';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { base64ToBytes } from '../../shared/payload/preview';
import { freePort } from '../helpers/free-port';
import { watchHistory, saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { startAedes } from '../helpers/aedes';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

async function invoke(core: AppCore, channel: string, input: unknown) {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as never;
}

describe('the core against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;

  beforeAll(async () => {
    broker = await startMosquitto({ websockets: true });
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await core?.close();
  });

  async function connected(overrides: Parameters<typeof profileFor>[1] = {}) {
    core = createTempCore();
    return saveAndConnect(core, profileFor(broker.port, overrides));
  }

  for (const protocolVersion of [4, 5] as const) {
    it(`connects with MQTT ${protocolVersion === 5 ? '5.0' : '3.1.1'}, subscribes, receives, publishes at QoS 0, 1 and 2, and disconnects`, async () => {
      const connectionId = await connected({ protocolVersion });
      const feed = watchHistory(core, connectionId);

      const subscription = await invoke(core, 'subscription.add', { connectionId, filter: 'lab/#', qos: 2 });
      expect(subscription).toMatchObject({ filter: 'lab/#', state: 'granted', grantedQos: 2 });

      execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'lab/from-peer', '-m', 'peer says hi', '-q', '1']);
      const [fromPeer] = await feed.waitForRows(1);
      expect(fromPeer).toMatchObject({ direction: 'in', topic: 'lab/from-peer', qos: 1, preview: 'peer says hi', size: 12 });

      const outcomes: { outcome: unknown }[] = [];
      for (const qos of [0, 1, 2] as const) {
        outcomes.push(await invoke(core, 'message.publish', { connectionId, topic: `lab/qos${qos}`, qos, retain: false, payload: `{"qos":${qos}}`, encoding: 'utf8' }));
      }
      expect(outcomes.map((result) => result.outcome)).toEqual([
        { kind: 'sent' },
        expect.objectContaining({ kind: 'acked', ack: 'PUBACK' }),
        expect.objectContaining({ kind: 'acked', ack: 'PUBCOMP' }),
      ]);

      // Each publish shows up once as outgoing and once more as it comes back through lab/#.
      const rows = await feed.waitForRows(7);
      const summary = rows.slice(1).map((row) => `${row.direction} ${row.topic} ${row.qos}`).sort();
      expect(summary).toEqual(['in lab/qos0 0', 'in lab/qos1 1', 'in lab/qos2 2', 'out lab/qos0 0', 'out lab/qos1 1', 'out lab/qos2 2']);

      const full = await invoke(core, 'message.get', { connectionId, messageId: fromPeer!.id });
      expect(new TextDecoder().decode(base64ToBytes((full as { payloadBase64: string }).payloadBase64))).toBe('peer says hi');

      await invoke(core, 'subscription.remove', { connectionId, filter: 'lab/#' });
      const after = (await invoke(core, 'connection.disconnect', { connectionId })) as { status: { state: string }; subscriptions: unknown[] };
      expect(after.status.state).toBe('disconnected');
      expect(after.subscriptions).toEqual([]);
    });
  }

  it('connects over WebSocket', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.wsPort!, { transport: 'ws', path: '/' }));
    expect(core.connections.get(connectionId).isConnected).toBe(true);
  });

  it('reports "connection refused" in plain words for a port where nothing listens', async () => {
    core = createTempCore();
    const port = await freePort();
    const profile = profileFor(port);
    await invoke(core, 'connection.save', { profile });
    const failed = waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state === 'failed');
    await invoke(core, 'connection.connect', { connectionId: profile.id });
    expect((await failed).status.reason).toBe(`connection refused: nothing is listening on 127.0.0.1:${port}; check the port, and that the broker is running`);
  });

  it('refuses to publish while disconnected, with a specific error', async () => {
    core = createTempCore();
    const profile = profileFor(broker.port, { name: 'Bench' });
    await invoke(core, 'connection.save', { profile });
    const result = await core.router.dispatch('message.publish', { connectionId: profile.id, topic: 'a', qos: 0, retain: false, payload: 'x', encoding: 'utf8' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_connected', message: 'Cannot publish: "Bench" is not connected. Connect first.' } });
  });

  it('delivers all of 10,000 messages sent as fast as possible, in batches rather than one event each', async () => {
    const connectionId = await connected();
    await invoke(core, 'subscription.add', { connectionId, filter: 'burst/#', qos: 1 });
    const feed = watchHistory(core, connectionId);

    const publisher = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 });
    const count = 10_000;
    await Promise.all(Array.from({ length: count }, (_, index) => publisher.publishAsync(`burst/${index % 10}`, String(index), { qos: 1 })));
    await publisher.endAsync();

    const rows = await feed.waitForRows(count);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.preview)).size).toBe(count);
    expect(new Set(rows.map((row) => row.id)).size).toBe(count);
    // ~50 ms batching: a burst that takes a second or two yields tens of events, not thousands.
    expect(feed.updates.length).toBeLessThan(count / 20);
    expect(feed.updates.at(-1)?.rows.at(-1)?.id).toBe(count);
    const list = (await invoke(core, 'message.list', { connectionId, from: 0, count: 50_000 })) as { total: number };
    expect(list.total).toBe(count);
  });
});

describe('a broker that goes away', () => {
  it('turns a lost connection into "reconnecting" with the reason, not "failed"', async () => {
    const broker = await startMosquitto();
    const core = createTempCore();
    try {
      const connectionId = await saveAndConnect(core, profileFor(broker.port));
      const reconnecting = waitForSnapshot(core, connectionId, (snapshot) => snapshot.status.state === 'reconnecting');
      await broker.stop();
      const snapshot = await reconnecting;
      expect(snapshot.status.reason).toMatch(/connection was lost|connection refused|reset/);
      const stillTrying = waitForSnapshot(core, connectionId, (next) => next.status.state === 'reconnecting', 5000);
      expect((await stillTrying).status.state).toBe('reconnecting');
    } finally {
      await core.close();
      await broker.stop();
    }
  });
});

describe('brokers that say no', () => {
  let core: AppCore;
  afterEach(async () => {
    await core?.close();
  });

  it('shows a bad password as "not authorized (CONNACK 5)" on MQTT 3.1.1', async () => {
    const broker = await startMosquitto({ users: { alice: 'secret' } });
    try {
      core = createTempCore();
      const profile = profileFor(broker.port, { protocolVersion: 4, username: 'alice', secrets: { password: 'wrong' } });
      await core.router.dispatch('connection.save', { profile });
      const failed = waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state === 'failed');
      await core.router.dispatch('connection.connect', { connectionId: profile.id });
      expect((await failed).status.reason).toBe("the broker refused the connection: not authorized (CONNACK 5); check the user name and password, or the broker's access rules for this client");
    } finally {
      await broker.stop();
    }
  });

  it('shows the SUBACK failure of a subscription the broker refuses (aedes, 3.1.1)', async () => {
    const broker = await startAedes({
      authorizeSubscribe: (_client, subscription, callback) => callback(null, subscription.topic.startsWith('secret/') ? null : subscription),
    });
    try {
      core = createTempCore();
      const profile = profileFor(broker.port, { protocolVersion: 4 });
      await saveAndConnect(core, profile);
      const granted = await core.router.dispatch('subscription.add', { connectionId: profile.id, filter: 'lab/#', qos: 1 });
      expect(granted).toMatchObject({ ok: true, value: { state: 'granted', grantedQos: 1 } });
      const denied = await core.router.dispatch('subscription.add', { connectionId: profile.id, filter: 'secret/#', qos: 1 });
      expect(denied).toMatchObject({ ok: true, value: { state: 'failed', reasonCode: 0x80, reason: 'the broker refused the subscription (SUBACK 0x80)' } });
    } finally {
      await broker.stop();
    }
  });

  it('shows a granted QoS lower than the one asked for', async () => {
    const broker = await startMosquitto({ extraConfig: ['max_qos 1'] });
    try {
      core = createTempCore();
      const profile = profileFor(broker.port, { protocolVersion: 5 });
      await saveAndConnect(core, profile);
      const result = await core.router.dispatch('subscription.add', { connectionId: profile.id, filter: 'lab/#', qos: 2 });
      expect(result).toMatchObject({ ok: true, value: { state: 'granted', requestedQos: 2, grantedQos: 1 } });
    } finally {
      await broker.stop();
    }
  });
});
