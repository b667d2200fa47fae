import mqtt from 'mqtt';
import type { IClientOptions, IConnackPacket, IPublishPacket, MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { MAX_UNRELEASED_QOS2 } from '../../electron/core/broker/wire/aedes2-workarounds';
import { dissect } from '../../shared/packets/anatomy';
import { base64ToBytes } from '../../shared/payload/preview';
import { brokerSettings, call, startBroker, waitForBroker, waitForLog } from '../helpers/broker-core';
import { startFaultBroker, waitFor, within } from '../helpers/broker-faults-harness';
import type { FaultBroker } from '../helpers/broker-faults-harness';
import { runClient, startSubscriber } from '../helpers/broker-mosquitto-clients';
import { rawClient } from '../helpers/raw-mqtt';
import type { RawClient } from '../helpers/raw-mqtt';
import { createTempCore } from '../helpers/temp-core';

/**
 * MQTT 5 on the built-in broker (aedes 2.0.0-beta.1): each workaround the wire applies for a bug of
 * the beta, proven with the scenario that showed the bug, plus the MQTT 5 features users see first.
 */

interface V5Client {
  client: MqttClient;
  connack: IConnackPacket;
  messages: IPublishPacket[];
}

let broker: FaultBroker;
const open: MqttClient[] = [];
const raws: RawClient[] = [];
const subscribers: (() => Promise<void>)[] = [];

/** Connects and collects messages from the first packet on, so queued ones sent right after CONNACK are kept. */
async function connect(options: IClientOptions): Promise<V5Client> {
  const client = mqtt.connect(broker.url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  open.push(client);
  const messages: IPublishPacket[] = [];
  client.on('message', (_topic, _payload, packet) => messages.push(packet));
  const connack = await new Promise<IConnackPacket>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
    client.once('close', () => reject(new Error(`${options.clientId ?? 'client'} closed before CONNACK`)));
  });
  return { client, connack, messages };
}

const texts = (messages: IPublishPacket[]) => messages.map((message) => message.payload.toString());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gone = (clientId: string) => waitForBroker(broker.core, (snapshot) => !snapshot.clients.some((client) => client.clientId === clientId), `${clientId} to leave`);
const hostArgs = () => ['-h', '127.0.0.1', '-p', String(broker.port)];

beforeAll(async () => {
  broker = await startFaultBroker();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.endAsync(true)));
  for (const raw of raws.splice(0)) raw.socket.destroy();
  await Promise.all(subscribers.splice(0).map((stop) => stop()));
});
afterAll(async () => {
  await broker?.close();
});

describe('workarounds for aedes 2.0.0-beta.1', () => {
  it.each([
    [4, 'after CONNACK'],
    [5, 'after CONNACK'],
    [4, 'with CONNECT'],
    [5, 'with CONNECT'],
  ] as const)('delivers a QoS 2 PUBLISH that reuses an unreleased packet id after a clean reconnect (MQTT %i, sent %s)', async (protocolVersion, when) => {
    const tag = `${protocolVersion}-${when === 'with CONNECT' ? 'pipelined' : 'waited'}`;
    const topic = `reuse/${tag}`;
    const subscriber = await connect({ protocolVersion: 5, clientId: `reuse-sub-${tag}` });
    await subscriber.client.subscribeAsync(topic, { qos: 2 });
    const clientId = `reuse-pub-${tag}`;
    const first = await rawClient(broker.port, { clientId, clean: true, protocolVersion });
    raws.push(first);
    first.send({ cmd: 'publish', topic, payload: 'first', qos: 2, messageId: 42, dup: false, retain: false });
    await first.waitFor((packet) => packet.cmd === 'pubrec' && packet.messageId === 42);
    // Gone without PUBREL: the broker still knows id 42 as unreleased.
    first.socket.destroy();
    await gone(clientId);

    // 'with CONNECT': the PUBLISH arrives before CONNACK, so the wire must hold it until the old ids are forgotten.
    const publish = { cmd: 'publish', topic, payload: 'second', qos: 2, messageId: 42, dup: false, retain: false } as const;
    const second = await rawClient(broker.port, { clientId, clean: true, protocolVersion }, when === 'with CONNECT' ? [publish] : []);
    raws.push(second);
    expect(second.connack.sessionPresent).toBe(false);
    if (when === 'after CONNACK') second.send(publish);
    await second.waitFor((packet) => packet.cmd === 'pubrec' && packet.messageId === 42);
    second.send({ cmd: 'pubrel', messageId: 42 });
    await second.waitFor((packet) => packet.cmd === 'pubcomp' && packet.messageId === 42);

    await waitFor('the second message', () => (texts(subscriber.messages).includes('second') ? true : undefined));
    expect(texts(subscriber.messages)).toEqual(['first', 'second']);
  });

  it('resumes a session with its queued messages on Clean Start 0 without Session Expiry, and ends it with that connection', async () => {
    const publisher = await connect({ protocolVersion: 5, clientId: 'resume-pub' });
    const before = await connect({ protocolVersion: 5, clientId: 'resume', clean: false, properties: { sessionExpiryInterval: 60 } });
    await before.client.subscribeAsync('resume/t', { qos: 1 });
    await before.client.endAsync();
    await publisher.client.publishAsync('resume/t', 'q1', { qos: 1 });
    await publisher.client.publishAsync('resume/t', 'q2', { qos: 1 });

    const resumed = await connect({ protocolVersion: 5, clientId: 'resume', clean: false });
    expect(resumed.connack.sessionPresent).toBe(true);
    await waitFor('the queued messages', () => (resumed.messages.length >= 2 ? true : undefined));
    expect(texts(resumed.messages)).toEqual(['q1', 'q2']);
    // The broker shows what the client asked for, not the expiry the wire asked of aedes.
    const listed = (await waitForBroker(broker.core, (snapshot) => snapshot.clients.some((client) => client.clientId === 'resume'))).clients.find((client) => client.clientId === 'resume');
    expect(listed).toMatchObject({ protocolVersion: 5, clean: false, sessionExpiryInterval: 0 });
    await waitForLog(broker.core, 'connect', /^resume connected from .*: MQTT 5\.0, keepalive 60 s, clean start 0, session expiry 0 s\.$/);

    // That connection asked for no session beyond itself: after its DISCONNECT nothing is kept.
    await resumed.client.endAsync();
    await gone('resume');
    await publisher.client.publishAsync('resume/t', 'after the end', { qos: 1 });
    const after = await connect({ protocolVersion: 5, clientId: 'resume', clean: false, properties: { sessionExpiryInterval: 60 } });
    await sleep(300);
    expect(after.connack.sessionPresent).toBe(false);
    expect(after.messages).toEqual([]);
  });

  it('ends such a session when its connection drops without DISCONNECT', async () => {
    const publisher = await connect({ protocolVersion: 5, clientId: 'drop-pub' });
    const before = await connect({ protocolVersion: 5, clientId: 'drop', clean: false, properties: { sessionExpiryInterval: 60 } });
    await before.client.subscribeAsync('drop/t', { qos: 1 });
    await before.client.endAsync();
    await publisher.client.publishAsync('drop/t', 'q1', { qos: 1 });

    const resumed = await connect({ protocolVersion: 5, clientId: 'drop', clean: false });
    await waitFor('the queued message', () => (resumed.messages.length >= 1 ? true : undefined));
    expect(texts(resumed.messages)).toEqual(['q1']);
    resumed.client.stream.destroy();
    await gone('drop');
    await publisher.client.publishAsync('drop/t', 'after the drop', { qos: 1 });
    const after = await connect({ protocolVersion: 5, clientId: 'drop', clean: false, properties: { sessionExpiryInterval: 60 } });
    await sleep(300);
    expect(after.connack.sessionPresent).toBe(false);
    expect(after.messages).toEqual([]);
  });

  it('publishes the will of such a connection cut from the broker page, and ends its session', async () => {
    const watcher = await connect({ protocolVersion: 5, clientId: 'cut-watcher' });
    await watcher.client.subscribeAsync('cut/#', { qos: 1 });
    const before = await connect({ protocolVersion: 5, clientId: 'cut', clean: false, properties: { sessionExpiryInterval: 60 } });
    await before.client.subscribeAsync('cut/t', { qos: 1 });
    await before.client.endAsync();
    await gone('cut');
    const resumed = await connect({ protocolVersion: 5, clientId: 'cut', clean: false, will: { topic: 'cut/will', payload: Buffer.from('cut off'), qos: 1, retain: false } });
    expect(resumed.connack.sessionPresent).toBe(true);

    await broker.invoke('broker.cut', { clientId: 'cut' });

    await waitFor('the will', () => (texts(watcher.messages).includes('cut off') ? true : undefined));
    await gone('cut');
    await watcher.client.publishAsync('cut/t', 'after the cut', { qos: 1 });
    const after = await connect({ protocolVersion: 5, clientId: 'cut', clean: false, properties: { sessionExpiryInterval: 60 } });
    await sleep(300);
    expect(after.connack.sessionPresent).toBe(false);
    expect(after.messages).toEqual([]);
  });

  it('tells a kicked MQTT 5 client why (DISCONNECT 0x98) and ends such a session', async () => {
    const before = await connect({ protocolVersion: 5, clientId: 'kicked', clean: false, properties: { sessionExpiryInterval: 60 } });
    await before.client.subscribeAsync('kicked/t', { qos: 1 });
    await before.client.endAsync();
    await gone('kicked');
    const resumed = await connect({ protocolVersion: 5, clientId: 'kicked', clean: false });
    expect(resumed.connack.sessionPresent).toBe(true);

    const told = new Promise<number | undefined>((resolve) => resumed.client.once('disconnect', (packet) => resolve(packet.reasonCode)));
    await broker.invoke('broker.kick', { clientId: 'kicked' });
    expect(await within('the DISCONNECT', told)).toBe(0x98);
    await gone('kicked');

    const after = await connect({ protocolVersion: 5, clientId: 'kicked', clean: false, properties: { sessionExpiryInterval: 60 } });
    expect(after.connack.sessionPresent).toBe(false);
  });

  it('keeps no session when the previous connection had no Session Expiry', async () => {
    const publisher = await connect({ protocolVersion: 5, clientId: 'none-pub' });
    const before = await connect({ protocolVersion: 5, clientId: 'none', clean: false });
    await before.client.subscribeAsync('none/t', { qos: 1 });
    await before.client.endAsync();
    await gone('none');
    await publisher.client.publishAsync('none/t', 'x', { qos: 1 });
    const after = await connect({ protocolVersion: 5, clientId: 'none', clean: false });
    await sleep(300);
    expect(after.connack.sessionPresent).toBe(false);
    expect(after.messages).toEqual([]);
  });

  it('publishes a will without the Will Delay Interval property, and mosquitto_sub -V mqttv5 stays connected', async () => {
    const v5 = await connect({ protocolVersion: 5, clientId: 'will-sub5' });
    await v5.client.subscribeAsync('will/#', { qos: 1 });
    const v4 = await connect({ protocolVersion: 4, clientId: 'will-sub4' });
    await v4.client.subscribeAsync('will/#', { qos: 1 });
    const mosquitto = startSubscriber([...hostArgs(), '-V', 'mqttv5', '-i', 'will-mosq', '-t', 'will/#', '-q', '1', '-v']);
    subscribers.push(mosquitto.stop);
    await waitForBroker(broker.core, (snapshot) => snapshot.clients.some((client) => client.clientId === 'will-mosq' && client.subscriptions.length > 0), 'mosquitto_sub to subscribe');

    const dying = await connect({
      protocolVersion: 5,
      clientId: 'will-dying',
      properties: { sessionExpiryInterval: 10 },
      will: { topic: 'will/dying', payload: Buffer.from('dead'), qos: 1, retain: false, properties: { willDelayInterval: 1, userProperties: { k: 'v' } } },
    });
    dying.client.stream.destroy();

    await waitFor('the will at the v5 subscriber', () => (v5.messages.length > 0 ? true : undefined));
    const will = v5.messages[0];
    expect(will?.payload.toString()).toBe('dead');
    expect(will?.properties).not.toHaveProperty('willDelayInterval');
    expect(will?.properties?.userProperties).toEqual({ k: 'v' });
    await waitFor('the will at the v4 subscriber', () => (v4.messages.length > 0 ? true : undefined));
    expect(await mosquitto.waitForLine((line) => line.startsWith('will/dying'))).toBe('will/dying dead');
    // A will PUBLISH with property 0x18 is a protocol error to libmosquitto: it would have left.
    const state = await Promise.race([mosquitto.exited.then(() => 'exited'), sleep(300).then(() => 'running')]);
    expect(state).toBe('running');
    expect(broker.core.broker.snapshot().clients.some((client) => client.clientId === 'will-mosq')).toBe(true);
  });

  it.each(['constructor', '__proto__', 'toString'])('accepts the client id %s without crashing, and other clients keep working', async (clientId) => {
    for (const protocolVersion of [4, 5] as const) {
      const odd = await connect({ protocolVersion, clientId, clean: true });
      await odd.client.subscribeAsync(clientId, { qos: 1 });
      const other = await connect({ protocolVersion, clientId: `after-${clientId}-${protocolVersion}` });
      await other.client.publishAsync(clientId, `to ${clientId}`, { qos: 1 });
      await waitFor(`the message to ${clientId}`, () => (odd.messages.length > 0 ? true : undefined));
      expect(texts(odd.messages)).toEqual([`to ${clientId}`]);
      await odd.client.endAsync();
      await gone(clientId);
    }
  });

  it(`announces the limit it enforces, ${MAX_UNRELEASED_QOS2}, as the Receive Maximum of an MQTT 5 CONNACK, where the packet inspector shows it`, async () => {
    const { connack } = await connect({ protocolVersion: 5, clientId: 'receive-maximum' });
    expect(connack.properties?.receiveMaximum).toBe(MAX_UNRELEASED_QOS2);

    const row = broker.core.broker.packetsAfter(0, 50_000).packets.find((each) => each.clientId === 'receive-maximum' && each.cmd === 'connack');
    const frame = await call(broker.core, 'packets.get', { source: 'broker', seq: row?.seq ?? 0 });
    const properties = dissect(base64ToBytes(frame.bytesBase64), 5).fields.find((field) => field.name === 'Properties');
    expect(properties?.children?.find((field) => field.name === 'Receive Maximum')?.children?.[1]?.value).toContain(String(MAX_UNRELEASED_QOS2));
  });

  it('disconnects an MQTT 5 client with 0x93 once it leaves more than 1000 QoS 2 messages unreleased', async () => {
    const flooder = await rawClient(broker.port, { clientId: 'flood5', clean: true, protocolVersion: 5 });
    raws.push(flooder);
    for (let messageId = 1; messageId <= 1001; messageId++) flooder.send({ cmd: 'publish', topic: 'flood/5', payload: 'x', qos: 2, messageId, dup: false, retain: false });

    const disconnect = await flooder.waitFor((packet) => packet.cmd === 'disconnect');
    expect(disconnect).toMatchObject({ cmd: 'disconnect', reasonCode: 0x93 });
    await within('the broker to close the flooding connection', flooder.closed);
    // aedes answers asynchronously, so fewer than 1000 PUBREC may have gone out before the close.
    expect(flooder.packets.filter((packet) => packet.cmd === 'pubrec').length).toBeLessThanOrEqual(1000);
    await waitForLog(broker.core, 'disconnect', /^flood5 disconnected: more than 1000 QoS 2 messages awaiting PUBREL/);
  });

  it('closes an MQTT 3.1.1 client that leaves more than 1000 QoS 2 messages unreleased, and counts PUBREL', async () => {
    const polite = await rawClient(broker.port, { clientId: 'released4', clean: true, protocolVersion: 4 });
    raws.push(polite);
    // Released flows do not count: 1500 in all, never more than one awaiting PUBREL.
    for (let messageId = 1; messageId <= 1500; messageId++) {
      polite.send({ cmd: 'publish', topic: 'flood/4', payload: 'x', qos: 2, messageId, dup: false, retain: false });
      polite.send({ cmd: 'pubrel', messageId });
    }
    await polite.waitFor((packet) => packet.cmd === 'pubcomp' && packet.messageId === 1500);
    expect(polite.socket.destroyed).toBe(false);

    const flooder = await rawClient(broker.port, { clientId: 'flood4', clean: true, protocolVersion: 4 });
    raws.push(flooder);
    for (let messageId = 1; messageId <= 1001; messageId++) flooder.send({ cmd: 'publish', topic: 'flood/4', payload: 'x', qos: 2, messageId, dup: false, retain: false });
    await within('the broker to close the flooding connection', flooder.closed);
    expect(flooder.packets.some((packet) => packet.cmd === 'disconnect')).toBe(false);
  });
});

describe('MQTT 5 features through the built-in broker', () => {
  it('carries user properties from mosquitto_pub -V mqttv5 to mosquitto_sub and MQTT.js', async () => {
    const mqttjs = await connect({ protocolVersion: 5, clientId: 'props-mqttjs' });
    await mqttjs.client.subscribeAsync('props/t', { qos: 1 });
    const mosquitto = startSubscriber([...hostArgs(), '-V', 'mqttv5', '-i', 'props-mosq', '-t', 'props/t', '-q', '1', '-F', '%t %P %p']);
    subscribers.push(mosquitto.stop);
    await waitForBroker(broker.core, (snapshot) => snapshot.clients.some((client) => client.clientId === 'props-mosq' && client.subscriptions.length > 0), 'mosquitto_sub to subscribe');

    const published = await runClient('mosquitto_pub', [...hostArgs(), '-V', 'mqttv5', '-i', 'props-pub', '-t', 'props/t', '-q', '1', '-m', 'hello', '-D', 'publish', 'user-property', 'k', 'v']);

    expect(published).toMatchObject({ code: 0 });
    expect(await mosquitto.waitForLine((line) => line.startsWith('props/t'))).toBe('props/t k:v hello');
    await waitFor('the MQTT.js delivery', () => (mqttjs.messages.length > 0 ? true : undefined));
    expect(mqttjs.messages[0]?.properties?.userProperties).toEqual({ k: 'v' });
  });

  it('keeps a session for its Session Expiry Interval, and forgets it after', async () => {
    const publisher = await connect({ protocolVersion: 5, clientId: 'expiry-pub' });
    const first = await connect({ protocolVersion: 5, clientId: 'expiry', clean: false, properties: { sessionExpiryInterval: 60 } });
    await first.client.subscribeAsync('expiry/t', { qos: 1 });
    await first.client.endAsync();
    await publisher.client.publishAsync('expiry/t', 'kept', { qos: 1 });

    const resumed = await connect({ protocolVersion: 5, clientId: 'expiry', clean: false, properties: { sessionExpiryInterval: 1 } });
    expect(resumed.connack.sessionPresent).toBe(true);
    await waitFor('the queued message', () => (resumed.messages.length > 0 ? true : undefined));
    expect(texts(resumed.messages)).toEqual(['kept']);
    await resumed.client.endAsync();
    await sleep(1600);

    const expired = await connect({ protocolVersion: 5, clientId: 'expiry', clean: false, properties: { sessionExpiryInterval: 60 } });
    expect(expired.connack.sessionPresent).toBe(false);
  });

  it('caps a delivery to an MQTT 5 wildcard subscription at its granted QoS', async () => {
    const subscriber = await connect({ protocolVersion: 5, clientId: 'granted5-sub' });
    await subscriber.client.subscribeAsync('granted5/#', { qos: 1 });
    const publisher = await connect({ protocolVersion: 5, clientId: 'granted5-pub' });
    await publisher.client.publishAsync('granted5/a', 'two', { qos: 2 });
    await waitFor('the delivery', () => (subscriber.messages.length > 0 ? true : undefined));
    expect(subscriber.messages.map((message) => message.qos)).toEqual([1]);
  });

  it('takes a shared subscription, says shared subscriptions are available, and lists the group in the snapshot', async () => {
    const member = await connect({ protocolVersion: 5, clientId: 'shared-member' });
    const granted = await member.client.subscribeAsync('$share/group/shared/t', { qos: 1 });
    expect(granted.map((grant) => grant.qos)).toEqual([1]);
    expect(member.connack.properties?.sharedSubscriptionAvailable).not.toBe(false);
    const snapshot = await waitForBroker(broker.core, (each) => (each.sharedGroups ?? []).length > 0, 'the shared group');
    expect(snapshot.sharedGroups).toEqual([{ group: 'group', filter: 'shared/t', members: [{ clientId: 'shared-member', qos: 1, connected: true }] }]);
    await member.client.endAsync();
    await waitForBroker(broker.core, (each) => (each.sharedGroups ?? []).length === 0, 'the group to go with its only member');
  });

  it("logs a message not sent to a client because it is larger than the client's Maximum Packet Size", async () => {
    const small = await connect({ protocolVersion: 5, clientId: 'small-packets', properties: { maximumPacketSize: 64 } });
    await small.client.subscribeAsync('big/#', { qos: 2 });
    const publisher = await connect({ protocolVersion: 5, clientId: 'big-publisher' });
    await publisher.client.publishAsync('big/one', 'x'.repeat(200), { qos: 1 });
    await publisher.client.publishAsync('big/three', 'z'.repeat(200), { qos: 2 });
    await publisher.client.publishAsync('big/two', 'fits', { qos: 1 });
    await waitFor('the small message', () => (small.messages.length > 0 ? true : undefined));
    expect(texts(small.messages)).toEqual(['fits']);
    await waitForLog(broker.core, 'dropped', /^A message on big\/one \(QoS 1, \d+ bytes\) was not sent to small-packets: it is larger than the Maximum Packet Size of 64 bytes the client set/);
    await waitForLog(broker.core, 'dropped', /^A message on big\/three \(QoS 2, \d+ bytes\) was not sent to small-packets/);
    // The wire settled both flows with aedes itself: no PUBREL for the QoS 2 one reached the client.
    const sent = (await broker.packets()).filter((row) => row.clientId === 'small-packets' && row.direction === 'out').map((row) => row.cmd);
    expect(sent).not.toContain('pubrel');
  });
});

describe('MQTT 5 clients refused by the built-in broker', () => {
  let core: AppCore;
  let url: string;

  beforeEach(async () => {
    core = createTempCore();
    const settings = await brokerSettings({ auth: 'users', users: [{ username: 'alice', password: 'right' }] });
    url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    await startBroker(core, settings);
  });
  afterEach(async () => {
    await core.close();
  });

  it('refuses a wrong password with CONNACK 0x86 and logs it in MQTT 5 words', async () => {
    await expect(mqtt.connectAsync(url, { protocolVersion: 5, clientId: 'intruder5', username: 'alice', password: 'wrong', reconnectPeriod: 0 })).rejects.toThrow(/bad user name or password/i);

    await waitForLog(core, 'refused', /^intruder5 from 127\.0\.0\.1:\d+ was refused: bad user name or password \(CONNACK 134\); wrong password for user alice\.$/);
  });

  it('answers a refuse-connections fault with the MQTT 5 reason code that means the same', async () => {
    await call(core, 'broker.faults.add', { fault: { kind: 'refuse-connections', target: '*', code: 3 } });

    await expect(mqtt.connectAsync(url, { protocolVersion: 5, clientId: 'turned-away5', username: 'alice', password: 'right', reconnectPeriod: 0 })).rejects.toThrow(/server unavailable/i);

    await waitForLog(core, 'refused', /^turned-away5 from 127\.0\.0\.1:\d+ was refused: server unavailable \(CONNACK 136\); refused by a refuse-connections fault\.$/);
  });
});
