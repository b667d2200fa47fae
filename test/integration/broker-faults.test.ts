import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerPacketRow } from '../../shared/domain/broker';
import { RedeliveryMarkingStore, TestClients, nextConnect, startFaultBroker, waitFor, within } from '../helpers/broker-faults-harness';
import type { FaultBroker, Received } from '../helpers/broker-faults-harness';

/**
 * Each fault proven end to end: real MQTT.js clients (and mosquitto_pub) against the app's own
 * broker, driven through the contract, with the broker tap as the witness of what crossed the wire.
 * No test sleeps: each waits for the packet or message that shows the behaviour.
 */

let broker: FaultBroker;
const clients = new TestClients();

beforeAll(async () => {
  broker = await startFaultBroker();
});
afterAll(async () => {
  await broker?.close();
});
afterEach(async () => {
  await clients.closeAll();
  await broker.clearFaults();
});

/** Client ids and topics unique to a test: the broker, its sessions and its tap are shared by the file. */
function unique(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}`;
}

function rowsOf(rows: BrokerPacketRow[], clientId: string, direction: 'in' | 'out', cmd: string): BrokerPacketRow[] {
  return rows.filter((row) => row.clientId === clientId && row.direction === direction && row.cmd === cmd);
}

/** Waits until the tap shows at least `count` packets of that client, direction and kind. */
function tapShows(clientId: string, direction: 'in' | 'out', cmd: string, count: number, match: (row: BrokerPacketRow) => boolean = () => true): Promise<BrokerPacketRow[]> {
  return waitFor(`${count} × ${cmd} ${direction} for ${clientId} in the broker tap`, async () => {
    const rows = rowsOf(await broker.packets(), clientId, direction, cmd).filter(match);
    return rows.length >= count ? rows : undefined;
  });
}

function inboxHas(inbox: Received[], count: number, what: string): Promise<Received[]> {
  return waitFor(`${count} message(s) ${what}`, () => (inbox.length >= count ? inbox : undefined));
}

async function faultView(faultId: number) {
  const snapshot = await broker.invoke('broker.get', {});
  return snapshot.faults.find((fault) => fault.id === faultId);
}

/** Drops the client's connection without DISCONNECT: through the app's broker.cut, or from the client's side. */
async function cutAndWaitForReconnect(client: MqttClient, clientId: string, how: 'broker.cut' | 'client'): Promise<void> {
  const reconnected = nextConnect(client);
  if (how === 'broker.cut') await broker.invoke('broker.cut', { clientId });
  else client.stream.destroy();
  await reconnected;
}

function mosquittoPub(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), ...args], { timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('drop-acks on a publisher\'s flows', () => {
  it('redelivers a QoS 1 PUBLISH with DUP after the PUBACK to the publisher is dropped and the connection is cut', async () => {
    const topic = unique('faults/puback');
    const publisherId = unique('pub');
    const { client: subscriber, inbox } = await clients.connect(broker.url, { clientId: unique('sub') });
    await subscriber.subscribeAsync(topic, { qos: 1 });
    // Plain MQTT.js resends without DUP; this store makes it follow the spec (see RedeliveryMarkingStore).
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId, clean: false, outgoingStore: new RedeliveryMarkingStore() });
    const fault = await broker.addFault({ kind: 'drop-acks', target: publisherId, ack: 'puback', direction: 'to-client', count: 1 });

    const acknowledged = publisher.publishAsync(topic, 'hello', { qos: 1 });
    const [dropped] = await tapShows(publisherId, 'out', 'puback', 1);
    expect(dropped?.fault).toMatch(/PUBACK to client dropped/);
    await inboxHas(inbox, 1, 'at the subscriber');
    // The fault is spent but stays listed, with what it did.
    expect(await faultView(fault.id)).toMatchObject({ remaining: 0, hits: 1 });

    await cutAndWaitForReconnect(publisher, publisherId, 'broker.cut');
    await acknowledged;
    const publishes = await tapShows(publisherId, 'in', 'publish', 2);
    expect(publishes.map((row) => row.dup)).toEqual([false, true]);
    expect(publishes[1]?.messageId).toBe(publishes[0]?.messageId);
    const acks = await tapShows(publisherId, 'out', 'puback', 2);
    expect(acks[1]?.fault).toBeUndefined();
    // QoS 1 is at least once: the resend may reach the subscriber a second time.
    await inboxHas(inbox, 2, 'at the subscriber, the resend included');
    expect(inbox.map((message) => message.text)).toEqual(['hello', 'hello']);
  });

  it('gets the same PUBLISH again from plain MQTT.js after a dropped PUBACK, under the same packet id', async () => {
    const publisherId = unique('pub');
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId, clean: false });
    await broker.addFault({ kind: 'drop-acks', target: publisherId, ack: 'puback', direction: 'to-client', count: 1 });

    const acknowledged = publisher.publishAsync(unique('faults/puback-plain'), 'hello', { qos: 1 });
    await tapShows(publisherId, 'out', 'puback', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(publisher, publisherId, 'client');
    await acknowledged;
    // MQTT.js 5.16 leaves DUP at 0 here (mqttjs/MQTT.js#692): a timeline pairs the resend by packet id.
    const publishes = await tapShows(publisherId, 'in', 'publish', 2);
    expect(publishes[1]?.messageId).toBe(publishes[0]?.messageId);
  });

  it('redelivers a QoS 2 PUBLISH with DUP after the PUBREC to the publisher is dropped', async () => {
    const topic = unique('faults/pubrec');
    const publisherId = unique('pub');
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId, clean: false, outgoingStore: new RedeliveryMarkingStore() });
    await broker.addFault({ kind: 'drop-acks', target: publisherId, ack: 'pubrec', direction: 'to-client', count: 1 });

    const completed = publisher.publishAsync(topic, 'twice?', { qos: 2 });
    await tapShows(publisherId, 'out', 'pubrec', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(publisher, publisherId, 'client');
    await completed;
    const publishes = await tapShows(publisherId, 'in', 'publish', 2);
    expect(publishes.map((row) => row.dup)).toEqual([false, true]);
    // Only now did the publisher hear PUBREC, so only now did it release the message.
    await tapShows(publisherId, 'in', 'pubrel', 1);
    await tapShows(publisherId, 'out', 'pubcomp', 1);
  });

  it('resends PUBREL after the PUBCOMP to the publisher is dropped', async () => {
    const publisherId = unique('pub');
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId, clean: false });
    await broker.addFault({ kind: 'drop-acks', target: publisherId, ack: 'pubcomp', direction: 'to-client', count: 1 });

    const completed = publisher.publishAsync(unique('faults/pubcomp'), 'm', { qos: 2 });
    await tapShows(publisherId, 'out', 'pubcomp', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(publisher, publisherId, 'broker.cut');
    await completed;
    const releases = await tapShows(publisherId, 'in', 'pubrel', 2);
    expect(releases[1]?.messageId).toBe(releases[0]?.messageId);
    // A flow that reached PUBREC resumes with PUBREL, not with the PUBLISH.
    expect(rowsOf(await broker.packets(), publisherId, 'in', 'publish')).toHaveLength(1);
  });

  it('swallows the publisher\'s PUBREL before the broker sees it, so it is sent again after a reconnect', async () => {
    const publisherId = unique('pub');
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId, clean: false });
    await broker.addFault({ kind: 'drop-acks', target: publisherId, ack: 'pubrel', direction: 'from-client', count: 1 });

    const completed = publisher.publishAsync(unique('faults/pubrel-in'), 'm', { qos: 2 });
    const [swallowed] = await tapShows(publisherId, 'in', 'pubrel', 1);
    expect(swallowed?.fault).toMatch(/PUBREL from client dropped/);
    await cutAndWaitForReconnect(publisher, publisherId, 'client');
    await completed;
    const releases = await tapShows(publisherId, 'in', 'pubrel', 2);
    expect(releases[1]?.fault).toBeUndefined();
    // The broker answered the only PUBREL it saw: one PUBCOMP.
    expect(rowsOf(await broker.packets(), publisherId, 'out', 'pubcomp')).toHaveLength(1);
  });
});

describe('drop-acks on a subscriber\'s flows', () => {
  async function persistentSubscriber(topic: string, qos: 1 | 2) {
    const subscriberId = unique('sub');
    const { client, inbox } = await clients.connect(broker.url, { clientId: subscriberId, clean: false });
    await client.subscribeAsync(topic, { qos });
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    return { subscriberId, subscriber: client, inbox, publisher };
  }

  it('redelivers a QoS 1 message under the same packet id after the subscriber\'s PUBACK is swallowed', async () => {
    const topic = unique('faults/sub-puback');
    const { subscriberId, subscriber, inbox, publisher } = await persistentSubscriber(topic, 1);
    await broker.addFault({ kind: 'drop-acks', target: subscriberId, ack: 'puback', direction: 'from-client', count: 1 });

    await publisher.publishAsync(topic, 'again', { qos: 1 });
    await tapShows(subscriberId, 'in', 'puback', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(subscriber, subscriberId, 'broker.cut');
    // aedes resends with the same packet id but, against MQTT-3.3.1-1, without DUP (moscajs/aedes#601).
    const deliveries = await tapShows(subscriberId, 'out', 'publish', 2);
    expect(deliveries[1]?.messageId).toBe(deliveries[0]?.messageId);
    await inboxHas(inbox, 2, 'at the subscriber');
    expect(inbox.map((message) => message.text)).toEqual(['again', 'again']);
  });

  it('redelivers a QoS 2 message under the same packet id, and hands it over once, after the subscriber\'s PUBREC is swallowed', async () => {
    const topic = unique('faults/sub-pubrec');
    const { subscriberId, subscriber, inbox, publisher } = await persistentSubscriber(topic, 2);
    await broker.addFault({ kind: 'drop-acks', target: subscriberId, ack: 'pubrec', direction: 'from-client', count: 1 });

    await publisher.publishAsync(topic, 'once', { qos: 2 });
    await tapShows(subscriberId, 'in', 'pubrec', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(subscriber, subscriberId, 'client');
    // The same packet id again; aedes leaves DUP unset (moscajs/aedes#601).
    const deliveries = await tapShows(subscriberId, 'out', 'publish', 2);
    expect(deliveries[1]?.messageId).toBe(deliveries[0]?.messageId);
    await tapShows(subscriberId, 'in', 'pubcomp', 1);
    // Exactly once: MQTT.js hands a QoS 2 message over on PUBREL, and there was one.
    await inboxHas(inbox, 1, 'at the subscriber');
    expect(inbox.map((message) => message.text)).toEqual(['once']);
  });

  it('holds back a QoS 2 message until the dropped PUBREL to the subscriber is resent', async () => {
    const topic = unique('faults/sub-pubrel');
    const { subscriberId, subscriber, inbox, publisher } = await persistentSubscriber(topic, 2);
    await broker.addFault({ kind: 'drop-acks', target: subscriberId, ack: 'pubrel', direction: 'to-client', count: 1 });

    await publisher.publishAsync(topic, 'released', { qos: 2 });
    await tapShows(subscriberId, 'out', 'pubrel', 1, (row) => row.fault !== undefined);
    expect(inbox).toEqual([]);
    await cutAndWaitForReconnect(subscriber, subscriberId, 'broker.cut');
    const releases = await tapShows(subscriberId, 'out', 'pubrel', 2);
    expect(releases[1]?.messageId).toBe(releases[0]?.messageId);
    await inboxHas(inbox, 1, 'at the subscriber');
    expect(inbox.map((message) => message.text)).toEqual(['released']);
    await tapShows(subscriberId, 'in', 'pubcomp', 1);
  });

  it('resends PUBREL after the subscriber\'s PUBCOMP is swallowed', async () => {
    const topic = unique('faults/sub-pubcomp');
    const { subscriberId, subscriber, publisher } = await persistentSubscriber(topic, 2);
    await broker.addFault({ kind: 'drop-acks', target: subscriberId, ack: 'pubcomp', direction: 'from-client', count: 1 });

    await publisher.publishAsync(topic, 'm', { qos: 2 });
    await tapShows(subscriberId, 'in', 'pubcomp', 1, (row) => row.fault !== undefined);
    await cutAndWaitForReconnect(subscriber, subscriberId, 'client');
    await tapShows(subscriberId, 'out', 'pubrel', 2);
    await tapShows(subscriberId, 'in', 'pubcomp', 2);
  });
});

describe('delay', () => {
  // The fault is a behaviour, not a benchmark: only a lower bound is checked, with a margin for timer granularity.
  const delayMs = 400;
  const atLeast = delayMs - 20;

  it('delivers no earlier than the delay after the publish', async () => {
    const topic = unique('faults/delay');
    const subscriberId = unique('sub');
    const { client: subscriber, inbox } = await clients.connect(broker.url, { clientId: subscriberId });
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    await broker.addFault({ kind: 'delay', target: '*', what: 'deliveries', ms: delayMs });

    const sentAt = performance.now();
    await publisher.publishAsync(topic, 'late', { qos: 1 });
    const [message] = await inboxHas(inbox, 1, 'at the subscriber');
    expect((message?.at ?? 0) - sentAt).toBeGreaterThanOrEqual(atLeast);
    const [delivery] = await tapShows(subscriberId, 'out', 'publish', 1);
    expect(delivery?.fault).toMatch(/delivery delayed 400 ms/);
  });

  it('acknowledges a publish no earlier than the delay', async () => {
    const publisherId = unique('pub');
    const { client: publisher } = await clients.connect(broker.url, { clientId: publisherId });
    await broker.addFault({ kind: 'delay', target: publisherId, what: 'acks', ms: delayMs });

    const sentAt = performance.now();
    await publisher.publishAsync(unique('faults/delay-ack'), 'm', { qos: 1 });
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(atLeast);
    const [ack] = await tapShows(publisherId, 'out', 'puback', 1);
    expect(ack?.fault).toMatch(/PUBACK delayed 400 ms/);
  });
});

describe('drop-qos0', () => {
  it('drops every QoS 0 delivery at 100% while QoS 1 still arrives, and delivers again once removed', async () => {
    const topic = unique('faults/qos0');
    const { client: subscriber, inbox } = await clients.connect(broker.url, { clientId: unique('sub') });
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    const fault = await broker.addFault({ kind: 'drop-qos0', target: '*', percent: 100 });

    for (let index = 1; index <= 5; index++) await publisher.publishAsync(topic, `lost ${index}`, { qos: 0 });
    // The broker delivers in order on one connection: once the QoS 1 marker is in, the QoS 0 ones had their chance.
    await publisher.publishAsync(topic, 'marker', { qos: 1 });
    await waitFor('the QoS 1 marker', () => inbox.find((message) => message.text === 'marker'));
    expect(inbox.map((message) => message.text)).toEqual(['marker']);
    expect(await faultView(fault.id)).toMatchObject({ hits: 5 });

    await broker.removeFault(fault.id);
    await publisher.publishAsync(topic, 'kept', { qos: 0 });
    await waitFor('the QoS 0 message after removal', () => inbox.find((message) => message.text === 'kept'));
  });
});

describe('refuse-connections', () => {
  it('refuses new connections with CONNACK 5 until removed, for MQTT.js and mosquitto_pub', async () => {
    const fault = await broker.addFault({ kind: 'refuse-connections', target: '*', code: 5 });
    const clientId = unique('refused');

    const refusal = await mqtt.connectAsync(broker.url, { clientId, reconnectPeriod: 0, connectTimeout: 5000 }).then(
      async (client) => {
        await client.endAsync(true);
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).toMatchObject({ code: 5, message: expect.stringMatching(/Not authorized/i) });
    const [connack] = await tapShows(clientId, 'out', 'connack', 1);
    expect(connack?.fault).toBeDefined();

    const pub = await mosquittoPub(['-i', unique('mosq'), '-t', unique('faults/refused'), '-m', 'x', '-q', '1']);
    expect(pub.code).not.toBe(0);
    expect(pub.output).toMatch(/not authori[sz]ed/i);
    expect(await faultView(fault.id)).toMatchObject({ hits: 2 });

    await broker.removeFault(fault.id);
    await clients.connect(broker.url, { clientId });
    expect(await mosquittoPub(['-i', unique('mosq'), '-t', unique('faults/refused'), '-m', 'x', '-q', '1'])).toMatchObject({ code: 0 });
  });
});

describe('pause-delivery', () => {
  it('holds every delivery while paused and releases them all in order on resume', async () => {
    const topic = unique('faults/pause');
    const subscriberId = unique('sub');
    const { client: subscriber, inbox } = await clients.connect(broker.url, { clientId: subscriberId });
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    const fault = await broker.addFault({ kind: 'pause-delivery', target: '*' });

    const texts = ['one', 'two', 'three', 'four', 'five', 'six'];
    // QoS 0 and 1 mixed: both are held, and MQTT.js hands both over on PUBLISH, so arrival order is wire order.
    for (const [index, text] of texts.entries()) await publisher.publishAsync(topic, text, { qos: index % 2 === 0 ? 1 : 0 });
    await tapShows(subscriberId, 'out', 'publish', texts.length, (row) => /held/.test(row.fault ?? ''));
    expect(inbox).toEqual([]);
    // Only deliveries are held: the subscriber's other traffic still flows while paused.
    await subscriber.subscribeAsync(unique('faults/pause-other'), { qos: 1 });
    expect(inbox).toEqual([]);

    await broker.removeFault(fault.id);
    await inboxHas(inbox, texts.length, 'after resume');
    expect(inbox.map((message) => message.text)).toEqual(texts);
  });

  it('pauses one client alone, and releases it while another client stays paused', async () => {
    const topic = unique('faults/pause-one');
    const [firstId, secondId] = [unique('sub-a'), unique('sub-b')];
    const { client: first, inbox: firstInbox } = await clients.connect(broker.url, { clientId: firstId });
    const { client: second, inbox: secondInbox } = await clients.connect(broker.url, { clientId: secondId });
    await first.subscribeAsync(topic, { qos: 1 });
    await second.subscribeAsync(topic, { qos: 1 });
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    const pauseFirst = await broker.addFault({ kind: 'pause-delivery', target: firstId });
    await broker.addFault({ kind: 'pause-delivery', target: secondId });

    await publisher.publishAsync(topic, 'held', { qos: 1 });
    await tapShows(firstId, 'out', 'publish', 1, (row) => /held/.test(row.fault ?? ''));
    await tapShows(secondId, 'out', 'publish', 1, (row) => /held/.test(row.fault ?? ''));

    await broker.removeFault(pauseFirst.id);
    await inboxHas(firstInbox, 1, 'at the client whose pause ended');
    expect(secondInbox).toEqual([]);
  });

  it('still acknowledges the publishes of a client that subscribes to its own topic while paused', async () => {
    const topic = unique('faults/pause-self');
    const { client, inbox } = await clients.connect(broker.url, { clientId: unique('both') });
    await client.subscribeAsync(topic, { qos: 1 });
    const fault = await broker.addFault({ kind: 'pause-delivery', target: '*' });

    // The first delivery is held; the PUBACKs that follow must not queue behind it: only deliveries pause.
    for (const text of ['first', 'second', 'third']) await within(`the PUBACK of ${text} while paused`, client.publishAsync(topic, text, { qos: 1 }));
    expect(inbox).toEqual([]);
    await broker.removeFault(fault.id);
    await inboxHas(inbox, 3, 'after resume');
    expect(inbox.map((message) => message.text)).toEqual(['first', 'second', 'third']);
  });
});

describe('targets', () => {
  it('applies a fault aimed at one client id to that client only', async () => {
    const topic = unique('faults/target');
    const lossyId = unique('lossy');
    const { client: lossy, inbox: lossyInbox } = await clients.connect(broker.url, { clientId: lossyId });
    const { client: other, inbox: otherInbox } = await clients.connect(broker.url, { clientId: unique('other') });
    await Promise.all([lossy.subscribeAsync(topic, { qos: 1 }), other.subscribeAsync(topic, { qos: 1 })]);
    const { client: publisher } = await clients.connect(broker.url, { clientId: unique('pub') });
    await broker.addFault({ kind: 'drop-qos0', target: lossyId, percent: 100 });

    for (const text of ['a', 'b', 'c']) await publisher.publishAsync(topic, text, { qos: 0 });
    await publisher.publishAsync(topic, 'marker', { qos: 1 });
    await waitFor('the marker at both subscribers', () =>
      [lossyInbox, otherInbox].every((inbox) => inbox.some((message) => message.text === 'marker')) ? true : undefined,
    );
    expect(otherInbox.map((message) => message.text)).toEqual(['a', 'b', 'c', 'marker']);
    expect(lossyInbox.map((message) => message.text)).toEqual(['marker']);
  });

  it('does not drop another publisher\'s acks', async () => {
    const targetId = unique('target');
    const fault = await broker.addFault({ kind: 'drop-acks', target: targetId, ack: 'puback', direction: 'to-client', count: 1 });
    const { client: bystander } = await clients.connect(broker.url, { clientId: unique('bystander') });
    await bystander.publishAsync(unique('faults/bystander'), 'm', { qos: 1 });
    expect(await faultView(fault.id)).toMatchObject({ remaining: 1, hits: 0 });
  });
});
