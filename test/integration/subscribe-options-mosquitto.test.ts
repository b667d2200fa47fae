import { execFileSync } from 'node:child_process';
import mqtt from 'mqtt';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { TappedPacket } from '../../electron/core/packets/packet-tap';
import type { ConnectionSnapshot, SubscriptionView, UnsubscribeResult } from '../../shared/domain/connection';
import type { MessageDetail, MessageRow } from '../../shared/domain/message';
import type { ProfileInput } from '../../shared/domain/profile';
import { saveAndConnect, waitForSnapshot, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
const clients: MqttClient[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
});

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await core!.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** An MQTT 5 connection of the core, with every packet it sends or receives from the CONNECT on. */
async function connected(port: number, overrides: Partial<ProfileInput> = {}) {
  core ??= createTempCore();
  const profile = profileFor(port, { protocolVersion: 5, ...overrides });
  await invoke('connection.save', { profile });
  const packets: TappedPacket[] = [];
  core.connections.get(profile.id).tap.onPacket((tapped) => packets.push(tapped));
  await saveAndConnect(core, profile);
  const connectionId = profile.id;
  const feed = watchHistory(core, connectionId);
  return {
    connectionId,
    packets,
    feed,
    subscribe: (filter: string, qos: 0 | 1 | 2, options?: unknown) => invoke<SubscriptionView>('subscription.add', { connectionId, filter, qos, options }),
    publish: (topic: string, payload: string, retain = false) =>
      invoke('message.publish', { connectionId, topic, qos: 1, retain, payload, encoding: 'utf8' }),
    /** Every row held once the message on `markerTopic`, sent after everything before it, has arrived. */
    async rowsUpTo(markerTopic: string): Promise<MessageRow[]> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { store } = core!.connections.get(connectionId);
        const rows = store.rows(0, store.size);
        if (rows.some((row) => row.direction === 'in' && row.topic === markerTopic)) return rows;
        if (Date.now() > deadline) throw new Error(`No message on ${markerTopic}.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

const received = (rows: MessageRow[], topic: string) => rows.filter((row) => row.direction === 'in' && row.topic === topic);

describe('MQTT 5 subscription options against mosquitto, on the wire', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  const mosquittoPub = (...args: string[]) => execFileSync('mosquitto_pub', ['-V', '5', '-p', String(broker.port), ...args]);

  it('No Local: our own publish is not sent back on that subscription, while another is', async () => {
    const lab = await connected(broker.port);
    expect(await lab.subscribe('nl/quiet/#', 1, { noLocal: true })).toMatchObject({ state: 'granted', options: { noLocal: true } });
    await lab.subscribe('nl/loud/#', 1);
    const sent = lab.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe')?.packet;
    expect(sent).toMatchObject({ subscriptions: [{ topic: 'nl/quiet/#', nl: true }] });
    await lab.publish('nl/quiet/a', 'mine');
    // From the same client, after the first: mosquitto forwards them in order.
    await lab.publish('nl/loud/a', 'marker');
    const rows = await lab.rowsUpTo('nl/loud/a');
    expect(received(rows, 'nl/quiet/a')).toEqual([]);
  });

  it('Retain As Published keeps the RETAIN flag of a live message; without it the broker clears it', async () => {
    const lab = await connected(broker.port);
    await lab.subscribe('rap/kept/#', 1, { retainAsPublished: true });
    await lab.subscribe('rap/cleared/#', 1);
    mosquittoPub('-t', 'rap/kept/1', '-m', 'r', '-r', '-q', '1');
    mosquittoPub('-t', 'rap/cleared/1', '-m', 'r', '-r', '-q', '1');
    const rows = await lab.feed.waitForRows(2);
    expect(received(rows, 'rap/kept/1').map((row) => row.retain)).toEqual([true]);
    expect(received(rows, 'rap/cleared/1').map((row) => row.retain)).toEqual([false]);
    mosquittoPub('-t', 'rap/kept/1', '-n', '-r');
    mosquittoPub('-t', 'rap/cleared/1', '-n', '-r');
  });

  it('Retain Handling 2 never sends the retained message, 1 only for a new subscription, 0 at every subscribe', async () => {
    mosquittoPub('-t', 'rh/t', '-m', 'retained', '-r', '-q', '1');
    const lab = await connected(broker.port);
    await lab.subscribe('rh-mark/#', 1);
    let mark = 0;
    const retainedSoFar = async () => {
      mark++;
      await lab.publish(`rh-mark/${mark}`, 'marker');
      return received(await lab.rowsUpTo(`rh-mark/${mark}`), 'rh/t').length;
    };
    await lab.subscribe('rh/+', 1, { retainHandling: 2 });
    expect(await retainedSoFar()).toBe(0);
    await invoke('subscription.remove', { connectionId: lab.connectionId, filter: 'rh/+' });
    await lab.subscribe('rh/#', 1, { retainHandling: 1 });
    expect(await retainedSoFar()).toBe(1);
    await lab.subscribe('rh/#', 1, { retainHandling: 1 });
    expect(await retainedSoFar()).toBe(1);
    await lab.subscribe('rh/#', 1);
    expect(await retainedSoFar()).toBe(2);
    const sent = lab.packets.filter((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe').map((tapped) => tapped.packet);
    expect(sent.map((packet) => (packet as { subscriptions: { rh?: number }[] }).subscriptions[0]?.rh)).toEqual([0, 2, 1, 1, 0]);
    mosquittoPub('-t', 'rh/t', '-n', '-r');
  });

  it('sends the subscription identifier and user properties, and the identifier comes back on each message', async () => {
    const lab = await connected(broker.port);
    const granted = await lab.subscribe('sid/#', 1, { subscriptionIdentifier: 7, userProperties: [{ key: 'who', value: 'lab' }, { key: 'who', value: 'test' }] });
    expect(granted).toMatchObject({ state: 'granted', options: { subscriptionIdentifier: 7 } });
    const sent = lab.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe')?.packet;
    expect(sent).toMatchObject({ properties: { subscriptionIdentifier: 7, userProperties: { who: ['lab', 'test'] } } });
    mosquittoPub('-t', 'sid/a', '-m', 'hello', '-q', '1');
    const [row] = await lab.feed.waitForRows(1);
    const detail = await invoke<MessageDetail>('message.get', { connectionId: lab.connectionId, messageId: row!.id });
    expect(detail.properties?.subscriptionIdentifiers).toEqual([7]);
  });

  it('sends nothing more than before for a subscription without options', async () => {
    const lab = await connected(broker.port);
    await lab.subscribe('plain/#', 2, {});
    const sent = lab.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe');
    expect(sent?.packet).not.toHaveProperty('properties');
    expect(sent?.packet).toMatchObject({ subscriptions: [{ topic: 'plain/#', qos: 2, nl: false, rap: false, rh: 0 }] });
  });

  it('saves the options with the profile and asks for them again on the next connect', async () => {
    const lab = await connected(broker.port);
    await lab.subscribe('saved/#', 1, { noLocal: true, retainHandling: 2, subscriptionIdentifier: 42 });
    expect(core!.connections.profile(lab.connectionId).subscriptions).toEqual([
      { filter: 'saved/#', qos: 1, options: { noLocal: true, retainHandling: 2, subscriptionIdentifier: 42 } },
    ]);
    await invoke('connection.disconnect', { connectionId: lab.connectionId });
    lab.packets.length = 0;
    await invoke('connection.connect', { connectionId: lab.connectionId });
    const resent = () => lab.packets.find((tapped) => tapped.direction === 'received' && tapped.packet.cmd === 'suback') && lab.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe')?.packet;
    await expect.poll(resent).toBeTruthy();
    expect(resent()).toMatchObject({ subscriptions: [{ topic: 'saved/#', nl: true, rh: 2 }], properties: { subscriptionIdentifier: 42 } });
  });

  it('refuses options on an MQTT 3.1.1 connection and No Local on a shared subscription, and allows $share on 3.1.1', async () => {
    const old = await connected(broker.port, { protocolVersion: 4 });
    await expect(old.subscribe('a/#', 0, { noLocal: true })).rejects.toThrow(/invalid_input: .*MQTT 5 options/);
    expect(await old.subscribe('$share/g/a/#', 0)).toMatchObject({ state: 'granted' });
    const lab = await connected(broker.port);
    await expect(lab.subscribe('$share/g/b/#', 0, { noLocal: true })).rejects.toThrow(/MQTT-3.8.3-4/);
    await expect(lab.subscribe('$share/g+/b/#', 0)).rejects.toThrow(/The share group name "g\+" must not contain the wildcard \+/);
  });

  it('a $share subscription receives on its inner filter', async () => {
    const lab = await connected(broker.port);
    await lab.subscribe('$share/team/shared/#', 1, { subscriptionIdentifier: 3 });
    mosquittoPub('-t', 'shared/x', '-m', 'one', '-q', '1');
    const [row] = await lab.feed.waitForRows(1);
    expect(row?.topic).toBe('shared/x');
    const detail = await invoke<MessageDetail>('message.get', { connectionId: lab.connectionId, messageId: row!.id });
    expect(detail.properties?.subscriptionIdentifiers).toEqual([3]);
  });
});

describe('UNSUBACK reason codes against mosquitto', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('shows 0x00 for a filter the broker had, and 0x11 no subscription existed for one it no longer had', async () => {
    const clientId = `unsub-${Date.now()}`;
    const lab = await connected(broker.port, { clientId, clean: false, properties: { ...profileFor(broker.port).properties, sessionExpiryInterval: 300 } });
    await lab.subscribe('kept/#', 1);
    await lab.subscribe('dropped/#', 1);
    await invoke('connection.disconnect', { connectionId: lab.connectionId });
    // Another client takes the session over and drops one subscription from it: our list still shows it.
    const other = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5, clientId, clean: false, properties: { sessionExpiryInterval: 300 } });
    await other.unsubscribeAsync('dropped/#');
    await other.endAsync();
    const back = waitForSnapshot(core!, lab.connectionId, (snapshot) => snapshot.status.state === 'connected');
    await invoke('connection.connect', { connectionId: lab.connectionId });
    expect((await back).broker?.sessionPresent).toBe(true);
    expect(await invoke<UnsubscribeResult>('subscription.remove', { connectionId: lab.connectionId, filter: 'kept/#' })).toEqual({ reasonCode: 0, reason: 'success (UNSUBACK 0x00)' });
    expect(await invoke<UnsubscribeResult>('subscription.remove', { connectionId: lab.connectionId, filter: 'dropped/#' })).toEqual({
      reasonCode: 0x11,
      reason: 'no subscription existed (UNSUBACK 0x11)',
    });
  });

  it('has no code to show on MQTT 3.1.1, whose UNSUBACK carries none', async () => {
    const lab = await connected(broker.port, { protocolVersion: 4 });
    await lab.subscribe('open/#', 1);
    expect(await invoke<UnsubscribeResult>('subscription.remove', { connectionId: lab.connectionId, filter: 'open/#' })).toEqual({});
  });
});

describe('Disconnect with a reason against mosquitto', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  async function willWatcher(topic: string) {
    const watcher = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5 });
    clients.push(watcher);
    const seen: IPublishPacket[] = [];
    watcher.on('message', (_topic, _payload, packet) => seen.push(packet));
    await watcher.subscribeAsync(`${topic}/#`, { qos: 1 });
    return { watcher, seen };
  }

  function withWill(topic: string): Partial<ProfileInput> {
    const base = profileFor(broker.port);
    return { will: { ...base.will, enabled: true, topic: `${topic}/lab`, payload: 'gone', qos: 1 }, reconnect: { ...base.reconnect, enabled: false } };
  }

  it('0x04 makes the broker publish the will to another subscriber, and says so in the status', async () => {
    const { seen } = await willWatcher('will04');
    const lab = await connected(broker.port, withWill('will04'));
    const snapshot = await invoke<ConnectionSnapshot>('connection.disconnect', { connectionId: lab.connectionId, reasonCode: 0x04 });
    expect(snapshot.status).toMatchObject({ state: 'disconnected', reason: 'disconnected by you with 0x04 disconnect with will message' });
    const goodbye = lab.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'disconnect')?.packet;
    expect(goodbye).toMatchObject({ reasonCode: 0x04 });
    await expect.poll(() => seen.map((packet) => `${packet.topic} ${packet.payload.toString()}`)).toEqual(['will04/lab gone']);
  });

  it('0x00 (the plain Disconnect) sends no will', async () => {
    const { watcher, seen } = await willWatcher('will00');
    const lab = await connected(broker.port, withWill('will00'));
    await invoke('connection.disconnect', { connectionId: lab.connectionId });
    // The will would be published when mosquitto reads the DISCONNECT, before this marker from another client is handled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.publishAsync('will00/marker', 'after', { qos: 1 });
    await expect.poll(() => seen.map((packet) => packet.topic)).toEqual(['will00/marker']);
  });

  it('updates the session expiry on the way out where the CONNECT had one, and refuses a non-zero one where it had 0', async () => {
    const keeping = await connected(broker.port, { clean: false, properties: { ...profileFor(broker.port).properties, sessionExpiryInterval: 300 } });
    await keeping.subscribe('kept/#', 1);
    await invoke('connection.disconnect', { connectionId: keeping.connectionId, sessionExpiryInterval: 0 });
    expect(keeping.packets.find((tapped) => tapped.direction === 'sent' && tapped.packet.cmd === 'disconnect')?.packet).toMatchObject({ properties: { sessionExpiryInterval: 0 } });
    const back = waitForSnapshot(core!, keeping.connectionId, (snapshot) => snapshot.status.state === 'connected');
    await invoke('connection.connect', { connectionId: keeping.connectionId });
    // Expiry 0 on the way out: mosquitto dropped the session, though the CONNECT had asked to keep it 300 s.
    expect((await back).broker?.sessionPresent).toBe(false);

    const plain = await connected(broker.port);
    await expect(invoke('connection.disconnect', { connectionId: plain.connectionId, sessionExpiryInterval: 60 })).rejects.toThrow(/MQTT-3.14.2-2/);
    await expect(invoke('connection.disconnect', { connectionId: plain.connectionId, reasonCode: 0x8e })).rejects.toThrow(/invalid_input/);
    expect(core!.connections.get(plain.connectionId).snapshot().status.state).toBe('connected');
  });

  it('judges the session expiry update by what the CONNECT sent, not by the profile edited since', async () => {
    const lab = await connected(broker.port);
    const profile = core!.connections.profile(lab.connectionId);
    const { id, secrets: _secrets, subscriptions: _subscriptions, ...fields } = profile;
    await invoke('connection.save', { profile: { ...fields, id, secrets: {}, properties: { ...fields.properties, sessionExpiryInterval: 300 } } });
    await expect(invoke('connection.disconnect', { connectionId: lab.connectionId, sessionExpiryInterval: 60 })).rejects.toThrow(/MQTT-3.14.2-2/);
  });
});
