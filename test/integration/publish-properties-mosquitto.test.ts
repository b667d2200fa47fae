import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { generate } from 'mqtt-packet';
import type { IPublishPacket } from 'mqtt-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { PublishProperties, TopicAliasRequest } from '../../shared/mqtt/publish-options';
import { call } from '../helpers/broker-core';
import { saveAndConnect, waitForSnapshot, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { connackAccepted, startScriptedBroker } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

const run = promisify(execFile);


function publish(core: AppCore, connectionId: string, topic: string, extra: { qos?: 0 | 1 | 2; retain?: boolean; payload?: string; properties?: PublishProperties; topicAlias?: TopicAliasRequest } = {}) {
  const { qos = 1, retain = false, payload = 'x', ...options } = extra;
  return call(core, 'message.publish', { connectionId, topic, qos, retain, payload, encoding: 'utf8', ...options });
}

/** Repeated names, interleaved, with names a plain object would mishandle: the order is the test. */
const userProperties = [
  { key: 'site', value: 'north' },
  { key: 'unit', value: '°C' },
  { key: 'site', value: 'south' },
  { key: 'constructor', value: 'c' },
  { key: 'site', value: 'east' },
];

const everyProperty: PublishProperties = {
  payloadFormatIndicator: true,
  messageExpiryInterval: 3600,
  contentType: 'application/json',
  responseTopic: 'replies/lab',
  correlationData: { encoding: 'hex', value: 'de ad 00 ff' },
  userProperties,
};

describe('MQTT 5 PUBLISH options through mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  const clients: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });
  afterEach(async () => {
    await core?.close();
    await Promise.all(clients.splice(0).map((client) => client.endAsync()));
  });

  async function subscriber(filter: string): Promise<IPublishPacket[]> {
    const client = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 });
    clients.push(client);
    const received: IPublishPacket[] = [];
    client.on('message', (_topic, _payload, packet) => received.push(packet));
    await client.subscribeAsync(filter, { qos: 1 });
    return received;
  }

  async function until<T>(read: () => T | undefined, what: string): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('sends every property as set, user properties in the order given, and keeps them in the history', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const received = await subscriber('props/#');
    // mosquitto_sub prints the user properties in the order they came off the wire.
    const sub = run('mosquitto_sub', ['-V', 'mqttv5', '-p', String(broker.port), '-t', 'props/every', '-C', '1', '-W', '10', '-F', '%P|%p']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Subscribed to itself too: the received copy must keep the wire order, which mqtt-packet's object does not.
    await call(core, 'subscription.add', { connectionId, filter: 'props/every', qos: 1 });
    const history = watchHistory(core, connectionId);
    await publish(core, connectionId, 'props/every', { payload: '{"t":21}', properties: everyProperty });

    const { stdout } = await sub;
    expect(stdout).toBe('site:north unit:°C site:south constructor:c site:east|{"t":21}\n');
    const packet = await until(() => received[0], 'the second client');
    expect(packet.properties).toMatchObject({
      payloadFormatIndicator: true,
      contentType: 'application/json',
      responseTopic: 'replies/lab',
      correlationData: Buffer.from([0xde, 0xad, 0x00, 0xff]),
    });
    // mosquitto counts the expiry down while the message waits; it was delivered at once.
    expect(packet.properties?.messageExpiryInterval).toBeGreaterThanOrEqual(3599);
    expect(packet.properties).not.toHaveProperty('subscriptionIdentifier');

    const rows = await history.waitForRows(2);
    expect(rows.map((row) => row.direction)).toEqual(['out', 'in']);
    const [sent, got] = await Promise.all(rows.map((row) => call(core, 'message.get', { connectionId, messageId: row.id })));
    expect(sent!.properties).toEqual({
      payloadFormatIndicator: true,
      messageExpiryInterval: 3600,
      contentType: 'application/json',
      responseTopic: 'replies/lab',
      correlationDataHex: 'dead00ff',
      userProperties,
    });
    expect(got!.properties).toMatchObject({ contentType: 'application/json', correlationDataHex: 'dead00ff', userProperties });
    history.stop();
  });

  it('sends correlation data typed as text as its UTF-8 bytes, and only the properties that were set', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const received = await subscriber('props/text');
    await publish(core, connectionId, 'props/text', { properties: { correlationData: { encoding: 'text', value: 'req-é' } } });
    const packet = await until(() => received[0], 'the message');
    expect(packet.properties).toEqual({ correlationData: Buffer.from('req-é') });
  });

  it('refuses properties on an MQTT 3.1.1 connection, and a response topic with a wildcard, saying why', async () => {
    core = createTempCore();
    const v4 = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 4 }));
    await expect(publish(core, v4, 'props/v4', { properties: { contentType: 'text/plain' } })).rejects.toThrow(/MQTT 5 features; this connection speaks MQTT 3.1.1/);
    await expect(publish(core, v4, 'props/v4', { properties: { responseTopic: 'replies/#' } })).rejects.toThrow(/Response topic must not contain the wildcards/);
  });

  it('shows the reason code 0x10 of PUBACK and of PUBREC when no one subscribes', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const qos1 = await publish(core, connectionId, 'nobody/listens', { qos: 1 });
    expect(qos1.outcome).toMatchObject({ kind: 'acked', ack: 'PUBACK', reasonCode: 0x10 });
    // mosquitto 2.0.11 says 0x10 only in PUBACK: its PUBREC is 0x00 whether anyone subscribes or not.
    const qos2 = await publish(core, connectionId, 'nobody/listens', { qos: 2 });
    expect(qos2.outcome).toMatchObject({ kind: 'acked', ack: 'PUBCOMP', reasonCode: 0, pubrec: { reasonCode: 0 } });
  });

  it('shows the reason codes and strings a broker puts in PUBACK, PUBREC and PUBCOMP, and in a refusal', async () => {
    const scripted = await startScriptedBroker(
      (session) => session.write(connackAccepted(session.protocolVersion)),
      (packet, session) => {
        const ack = (cmd: 'puback' | 'pubrec' | 'pubcomp', messageId: number, reasonCode: number, reasonString: string) =>
          session.write(generate({ cmd, messageId, reasonCode, properties: { reasonString } }, { protocolVersion: 5 }));
        if (packet.cmd === 'publish' && packet.qos === 1) ack('puback', packet.messageId!, packet.topic === 'refused' ? 0x87 : 0x10, packet.topic === 'refused' ? 'not for you' : 'nobody home');
        if (packet.cmd === 'publish' && packet.qos === 2) ack('pubrec', packet.messageId!, 0x10, 'nobody here either');
        if (packet.cmd === 'pubrel') ack('pubcomp', packet.messageId!, 0, 'done');
      },
    );
    try {
      core = createTempCore();
      const connectionId = await saveAndConnect(core, profileFor(scripted.port, { protocolVersion: 5 }));
      expect((await publish(core, connectionId, 'a', { qos: 1 })).outcome).toEqual({ kind: 'acked', ack: 'PUBACK', reasonCode: 0x10, reasonString: 'nobody home' });
      expect((await publish(core, connectionId, 'a', { qos: 2 })).outcome).toEqual({ kind: 'acked', ack: 'PUBCOMP', reasonCode: 0, reasonString: 'done', pubrec: { reasonCode: 0x10, reasonString: 'nobody here either' } });
      await expect(publish(core, connectionId, 'refused', { qos: 1 })).rejects.toThrow('not authorized (PUBACK 0x87); the broker said "not for you"');
    } finally {
      await core.close();
      await scripted.stop();
    }
  });

  it('sends an automatic alias with the topic first, then alone, and starts again after a reconnect', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const received = await subscriber('alias/#');
    const history = watchHistory(core, connectionId);
    const first = await publish(core, connectionId, 'alias/auto', { topicAlias: { mode: 'auto' }, payload: '1' });
    const second = await publish(core, connectionId, 'alias/auto', { topicAlias: { mode: 'auto' }, payload: '2' });
    // 'alias/auto' is 10 bytes; the alias property costs 3.
    expect(first.outcome).toMatchObject({ topicAlias: { alias: 1, form: 'topic-and-alias', bytesSaved: -3 } });
    expect(second.outcome).toMatchObject({ topicAlias: { alias: 1, form: 'alias-only', bytesSaved: 7 } });

    await until(() => (received.length === 2 ? received : undefined), 'both messages');
    expect(received.map((packet) => [packet.topic, packet.payload.toString()])).toEqual([
      ['alias/auto', '1'],
      ['alias/auto', '2'],
    ]);
    const rows = await history.waitForRows(2);
    expect(rows.map((row) => [row.topic, row.topicAlias])).toEqual([
      ['alias/auto', { alias: 1, form: 'topic-and-alias', bytesSaved: -3 }],
      ['alias/auto', { alias: 1, form: 'alias-only', bytesSaved: 7 }],
    ]);
    const { packets } = await call(core, 'packets.list', { connectionId, afterSeq: 0, limit: 100 });
    const sent = packets.filter((row) => row.cmd === 'publish' && row.direction === 'sent');
    expect(sent.map((row) => [row.topic, row.topicAlias?.form, row.size])).toEqual([
      ['alias/auto', 'topic-and-alias', sent[1]!.size + 10],
      ['', 'alias-only', sent[1]!.size],
    ]);
    expect(sent[1]!.topicAlias).toMatchObject({ topic: 'alias/auto', bytesSaved: 7 });

    await call(core, 'connection.disconnect', { connectionId });
    const back = waitForSnapshot(core, connectionId, (snapshot) => snapshot.status.state === 'connected');
    await call(core, 'connection.connect', { connectionId });
    await back;
    const after = await publish(core, connectionId, 'alias/auto', { topicAlias: { mode: 'auto' }, payload: '3' });
    expect(after.outcome).toMatchObject({ topicAlias: { alias: 1, form: 'topic-and-alias' } });
    await until(() => (received.length === 3 ? received : undefined), 'the message after the reconnect');
    expect(received[2]!.topic).toBe('alias/auto');
    history.stop();
  });

  it('takes a manual alias within the broker maximum and refuses one above it, naming the maximum', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const received = await subscriber('manual/#');
    // mosquitto 2.0 announces a Topic Alias Maximum of 10 by default.
    await expect(publish(core, connectionId, 'manual/a', { topicAlias: { mode: 'manual', alias: 11 } })).rejects.toThrow("Topic alias 11 is above the broker's Topic Alias Maximum of 10");
    const a = await publish(core, connectionId, 'manual/a', { topicAlias: { mode: 'manual', alias: 7 } });
    const b = await publish(core, connectionId, 'manual/a', { topicAlias: { mode: 'manual', alias: 7 } });
    // The same alias for another topic sets it up again, with that topic.
    const c = await publish(core, connectionId, 'manual/c', { topicAlias: { mode: 'manual', alias: 7 } });
    expect([a, b, c].map(({ outcome }) => outcome.kind === 'acked' && outcome.topicAlias?.form)).toEqual(['topic-and-alias', 'alias-only', 'topic-and-alias']);
    await until(() => (received.length === 3 ? received : undefined), 'three messages');
    expect(received.map((packet) => packet.topic)).toEqual(['manual/a', 'manual/a', 'manual/c']);
  });

  it('keeps the properties of a publish queued while the broker is down', async () => {
    const port = broker.port;
    core = createTempCore();
    const profile = profileFor(port, { protocolVersion: 5 });
    profile.reconnect = { ...profile.reconnect, initialDelayMs: 100, maxDelayMs: 300 };
    const connectionId = await saveAndConnect(core, profile);
    const down = waitForSnapshot(core, connectionId, (snapshot) => snapshot.status.state === 'reconnecting');
    await broker.stop();
    await down;
    const queued = await publish(core, connectionId, 'queued/props', { retain: true, payload: 'later', properties: everyProperty, topicAlias: { mode: 'auto' } });
    expect(queued.outcome.kind).toBe('queued');
    const back = waitForSnapshot(core, connectionId, (snapshot) => snapshot.status.state === 'connected' && snapshot.pending.count === 0, 15_000);
    broker = await startMosquitto({ port });
    await back;
    // The message was retained: a subscriber that comes now gets it with what it carried.
    const { stdout } = await run('mosquitto_sub', ['-V', 'mqttv5', '-p', String(port), '-t', 'queued/props', '-C', '1', '-W', '10', '-F', '%P|%p']);
    expect(stdout).toBe('site:north unit:°C site:south constructor:c site:east|later\n');
    const received = await subscriber('queued/props');
    const packet = await until(() => received[0], 'the retained message');
    expect(packet.properties).toMatchObject({ contentType: 'application/json', responseTopic: 'replies/lab', correlationData: Buffer.from([0xde, 0xad, 0x00, 0xff]), payloadFormatIndicator: true });
  });
});
