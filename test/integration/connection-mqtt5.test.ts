import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import mqtt from 'mqtt';
import type { IPublishPacket, Packet } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { TappedPacket } from '../../electron/core/packets/packet-tap';
import type { ProfileInput } from '../../shared/domain/profile';
import { watchHistory, saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const result = await core!.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Saves the profile and records every packet of its connection from the first CONNECT on. */
async function saveAndTap(profile: ProfileInput): Promise<TappedPacket[]> {
  core ??= createTempCore();
  await invoke('connection.save', { profile });
  const packets: TappedPacket[] = [];
  core.connections.get(profile.id).tap.onPacket((tapped) => packets.push(tapped));
  return packets;
}

type ConnectPacket = Extract<Packet, { cmd: 'connect' }>;

const sentPacket = <T extends Packet>(packets: TappedPacket[], cmd: T['cmd']) =>
  packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === cmd)?.packet as T | undefined;

describe('MQTT 3.1 and MQTT 5 against mosquitto', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('connects with MQTT 3.1, saying "MQIsdp" and level 3 in CONNECT', async () => {
    const profile = profileFor(broker.port, { protocolVersion: 3 });
    const packets = await saveAndTap(profile);
    await saveAndConnect(core!, profile);
    expect(sentPacket<ConnectPacket>(packets, 'connect')).toMatchObject({ protocolId: 'MQIsdp', protocolVersion: 3 });
    const subscribed = await invoke('subscription.add', { connectionId: profile.id, filter: 'v31/#', qos: 1 });
    expect(subscribed).toMatchObject({ state: 'granted', grantedQos: 1 });
  });

  it('sends the user properties of CONNECT, repeated names included', async () => {
    const profile = profileFor(broker.port, { protocolVersion: 5 });
    profile.properties = {
      ...profile.properties,
      userProperties: [
        { key: 'site', value: 'lab' },
        { key: 'tag', value: 'a' },
        { key: 'tag', value: 'b' },
      ],
    };
    const packets = await saveAndTap(profile);
    await saveAndConnect(core!, profile);
    expect(sentPacket<ConnectPacket>(packets, 'connect')?.properties?.userProperties).toEqual({ site: 'lab', tag: ['a', 'b'] });
  });

  it('receives the user properties of a PUBLISH (seen in the packet tap; the message store keeps payload and row only)', async () => {
    const profile = profileFor(broker.port, { protocolVersion: 5 });
    const packets = await saveAndTap(profile);
    await saveAndConnect(core!, profile);
    await invoke('subscription.add', { connectionId: profile.id, filter: 'props/#', qos: 1 });
    const feed = watchHistory(core!, profile.id);
    execFileSync('mosquitto_pub', ['-V', '5', '-p', String(broker.port), '-t', 'props/a', '-m', 'with properties', '-q', '1',
      '-D', 'publish', 'user-property', 'origin', 'mosquitto_pub', '-D', 'publish', 'content-type', 'text/plain']);
    await feed.waitForRows(1);
    const received = packets.find((tapped) => tapped.direction === 'received' && tapped.packet.cmd === 'publish')?.packet as IPublishPacket;
    expect(received.properties).toMatchObject({ userProperties: { origin: 'mosquitto_pub' }, contentType: 'text/plain' });
  });

  it('keeps the session and the QoS 1 messages sent while away when the session expiry outlives the disconnect', async () => {
    const clientId = `session-${Date.now()}`;
    const profile = profileFor(broker.port, { protocolVersion: 5, clientId, clean: false });
    profile.properties = { ...profile.properties, sessionExpiryInterval: 300 };
    core = createTempCore();
    const first = await saveAndConnect(core, profile).then(() => core!.connections.get(profile.id).snapshot());
    expect(first.broker?.sessionPresent).toBe(false);
    await invoke('subscription.add', { connectionId: profile.id, filter: 'session/#', qos: 1 });
    await invoke('connection.disconnect', { connectionId: profile.id });

    for (const index of [1, 2]) {
      execFileSync('mosquitto_pub', ['-p', String(broker.port), '-t', `session/${index}`, '-m', `while away ${index}`, '-q', '1']);
    }

    const feed = watchHistory(core, profile.id);
    const packets: TappedPacket[] = [];
    core.connections.get(profile.id).tap.onPacket((tapped) => packets.push(tapped));
    const back = waitForSnapshot(core, profile.id, ({ status }) => status.state === 'connected');
    await invoke('connection.connect', { connectionId: profile.id });
    const resumed = await back;
    expect(resumed.broker?.sessionPresent).toBe(true);
    const rows = await feed.waitForRows(2);
    expect(rows.map((row) => `${row.direction} ${row.topic} ${row.qos} ${row.preview}`)).toEqual(['in session/1 1 while away 1', 'in session/2 1 while away 2']);
    // The broker kept the subscription, so none is sent again.
    expect(sentPacket(packets, 'subscribe')).toBeUndefined();
    expect(resumed.subscriptions).toEqual([{ filter: 'session/#', requestedQos: 1, state: 'granted', grantedQos: 1 }]);
  });

  it('leaves a will with its MQTT 5 properties, published when the connection is taken from it', async () => {
    const watcher = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 });
    const wills: IPublishPacket[] = [];
    watcher.on('message', (_topic, _payload, packet) => wills.push(packet));
    await watcher.subscribeAsync('will/#', { qos: 1 });
    const clientId = `will-${Date.now()}`;
    const profile = profileFor(broker.port, { protocolVersion: 5, clientId });
    profile.reconnect = { ...profile.reconnect, enabled: false };
    profile.will = {
      ...profile.will,
      enabled: true,
      topic: 'will/lab',
      payload: 'gone',
      qos: 1,
      contentType: 'text/plain',
      responseTopic: 'will/reply',
      correlationData: 'c-1',
      userProperties: [{ key: 'reason', value: 'test' }],
    };
    core = createTempCore();
    await saveAndConnect(core, profile);
    // A second client with the same id ends the first connection without a DISCONNECT from it.
    const taker = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5, clientId });
    try {
      await expect.poll(() => wills.length).toBe(1);
      expect(wills[0]).toMatchObject({ topic: 'will/lab', qos: 1 });
      expect(wills[0]?.payload.toString()).toBe('gone');
      expect(wills[0]?.properties).toMatchObject({
        contentType: 'text/plain',
        responseTopic: 'will/reply',
        correlationData: Buffer.from('c-1'),
        userProperties: { reason: 'test' },
      });
    } finally {
      await Promise.all([watcher.endAsync(), taker.endAsync()]);
    }
  });

  it('starts clean, without the earlier session, when clean start is on', async () => {
    const clientId = `clean-${Date.now()}`;
    const keep = profileFor(broker.port, { protocolVersion: 5, clientId, clean: false });
    keep.properties = { ...keep.properties, sessionExpiryInterval: 300 };
    core = createTempCore();
    await saveAndConnect(core, keep);
    await invoke('connection.disconnect', { connectionId: keep.id });
    await invoke('connection.save', { profile: { ...keep, clean: true } });
    const back = waitForSnapshot(core, keep.id, ({ status }) => status.state === 'connected');
    await invoke('connection.connect', { connectionId: keep.id });
    expect((await back).broker?.sessionPresent).toBe(false);
  });

});

describe("the broker's CONNACK report and its limits", () => {
  let limited: Broker;
  beforeAll(async () => {
    limited = await startMosquitto({ extraConfig: ['max_qos 1', 'retain_available false', 'max_keepalive 10', 'max_packet_size 1000', 'max_topic_alias 5'] });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('shows the limits mosquitto announces in its MQTT 5 CONNACK properties', async () => {
    core = createTempCore();
    const profile = profileFor(limited.port, { protocolVersion: 5, clientId: '', keepalive: 30 });
    await saveAndConnect(core, profile);
    const { broker } = core.connections.get(profile.id).snapshot();
    expect(broker).toMatchObject({ protocolVersion: 5, sessionPresent: false, code: 0, codeText: 'accepted' });
    expect(broker?.properties).toMatchObject({
      maximumQoS: 1,
      retainAvailable: false,
      serverKeepAlive: 10,
      maximumPacketSize: 1000,
      topicAliasMaximum: 5,
      assignedClientIdentifier: expect.stringMatching(/.+/),
    });
  });

  it('shows the DISCONNECT mosquitto sends for a QoS above its maximum, stays down, and is clean after connecting again', async () => {
    core = createTempCore();
    const profile = profileFor(limited.port, { protocolVersion: 5 });
    await saveAndConnect(core, profile);
    const down = waitForSnapshot(core, profile.id, ({ status }) => status.state === 'disconnected');
    // The app warns about this publish but lets it through, to show how the broker reacts.
    const publishing = core.router.dispatch('message.publish', { connectionId: profile.id, topic: 'limits/q2', qos: 2, retain: false, payload: 'x', encoding: 'utf8' });
    const { status, broker } = await down;
    expect(status).toMatchObject({
      reason: 'the broker disconnected: QoS not supported (DISCONNECT 0x9b); the broker does not accept the QoS of a message: connect again, which drops the messages in flight, and publish with a lower QoS',
      detail: 'DISCONNECT reason code 155',
    });
    expect(broker?.disconnect).toMatchObject({ code: 0x9b });
    await core.router.dispatch('connection.connect', { connectionId: profile.id });
    await waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state === 'connected');
    // Had the QoS 2 message been kept for resending, the broker would have thrown the connection out again.
    const next = await core.router.dispatch('message.publish', { connectionId: profile.id, topic: 'limits/q1', qos: 1, retain: false, payload: 'x', encoding: 'utf8' });
    expect(next).toMatchObject({ ok: true, value: { outcome: { kind: 'acked' } } });
    expect(await publishing).toMatchObject({ ok: false, error: { code: 'mqtt_error', message: "publish failed: the connection closed before the broker answered; the connection's status says why" } });
  });
});

describe('a DISCONNECT from the server (MQTT 5)', () => {
  it('stays down and says why when the session was taken over (0x8e), rather than take it back', async () => {
    // mosquitto 2.0.11 closes a taken-over connection without a DISCONNECT, so a scripted server sends it.
    const connack = Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]);
    const takenOver = Buffer.from([0xe0, 0x02, 0x8e, 0x00]);
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.write(connack, () => setTimeout(() => socket.end(takenOver), 50)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      core = createTempCore();
      const profile = profileFor((server.address() as AddressInfo).port, { protocolVersion: 5 });
      await saveAndConnect(core, profile);
      const { status, broker } = await waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state !== 'connected');
      expect(status).toMatchObject({
        state: 'disconnected',
        reason: 'the broker disconnected: session taken over (DISCONNECT 0x8e); another client connected with the same client id: give each client its own id, then connect again',
        detail: 'DISCONNECT reason code 142',
        reasonText: expect.objectContaining({ key: 'connections.error.brokerDisconnectedAdvice' }),
        since: expect.any(Number),
      });
      // The same reason travels as a Message for the window to word in its language.
      expect(status.reasonText).toBeDefined();
      expect(broker?.disconnect).toMatchObject({ code: 0x8e, codeText: 'session taken over (DISCONNECT 0x8e)' });
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
