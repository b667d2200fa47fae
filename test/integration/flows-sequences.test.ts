import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { QoS } from '../../shared/domain/profile';
import { saveAndConnect } from '../helpers/core-waits';
import { startFaultBroker } from '../helpers/broker-faults-harness';
import type { FaultBroker } from '../helpers/broker-faults-harness';
import { arrows, listFlows, waitForFlow } from '../helpers/flow-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

interface Setup {
  core: AppCore;
  port: number;
  close(): Promise<void>;
}

const brokers: [string, () => Promise<Setup>][] = [
  [
    'mosquitto',
    async () => {
      const broker: Broker = await startMosquitto();
      const core = createTempCore();
      return { core, port: broker.port, close: async () => {
        await core.close();
        await broker.stop();
      } };
    },
  ],
  [
    'the in-process broker',
    async () => {
      const broker: FaultBroker = await startFaultBroker();
      return { core: broker.core, port: broker.port, close: () => broker.close() };
    },
  ],
];

const cases = brokers.flatMap(([name, start]) => ([4, 5] as const).map((protocolVersion) => [name, protocolVersion === 5 ? '5.0' : '3.1.1', protocolVersion, start] as const));

describe.each(cases)('QoS flows against %s with MQTT %s', (name, _version, protocolVersion, start) => {
  let setup: Setup;
  let connectionId: string;
  let other: MqttClient;

  beforeAll(async () => {
    setup = await start();
    connectionId = await saveAndConnect(setup.core, profileFor(setup.port, { protocolVersion }));
    other = await mqtt.connectAsync(`mqtt://127.0.0.1:${setup.port}`, { protocolVersion, clientId: `other-${randomUUID().slice(0, 8)}` });
  });

  afterAll(async () => {
    await other?.endAsync();
    await setup?.close();
  });

  it('draws CONNECT→CONNACK as a complete flow', async () => {
    const flow = await waitForFlow(setup.core, connectionId, 'the connect flow', (entry) => entry.kind === 'connect');
    expect(arrows(flow)).toEqual(['→CONNECT', '←CONNACK']);
    expect(flow).toMatchObject({ state: 'complete', origin: 'client', warning: false });
  });

  it.each([0, 1, 2] as const)('groups a QoS %i message this client publishes into its exact packet sequence', async (qos: QoS) => {
    const topic = `flows/out/${qos}/${randomUUID().slice(0, 6)}`;
    // A subscriber, so the broker has somewhere to send it and acknowledges with success.
    await other.subscribeAsync(topic, { qos: 2 });
    const published = await setup.core.router.dispatch('message.publish', { connectionId, topic, qos, retain: false, payload: 'out', encoding: 'utf8' });
    expect(published.ok).toBe(true);
    const expected = [['→PUBLISH'], ['→PUBLISH', '←PUBACK'], ['→PUBLISH', '←PUBREC', '→PUBREL', '←PUBCOMP']][qos];
    const flow = await waitForFlow(setup.core, connectionId, `the QoS ${qos} flow`, (entry) => entry.steps.length === expected?.length, { topic });
    expect(arrows(flow)).toEqual(expected);
    expect(flow).toMatchObject({ kind: 'publish', origin: 'client', qos, topic, state: 'complete', warning: false });
    expect(flow.waitingFor).toBeUndefined();
    if (qos > 0) expect(new Set(flow.steps.map((step) => step.packetId))).toEqual(new Set([flow.packetId]));
    // The flow names the history message it sent, and the message leads back to the flow.
    expect(flow.messageId).toBeGreaterThan(0);
    const linked = await setup.core.router.dispatch('flows.ofMessage', { connectionId, messageId: flow.messageId ?? 0 });
    expect(linked).toEqual({ ok: true, value: { flowId: flow.flowId } });
    // Steps are in time order.
    const times = flow.steps.map((step) => step.monotonicMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.each([0, 1, 2] as const)('groups a QoS %i message this client receives into its exact packet sequence', async (qos: QoS) => {
    const topic = `flows/in/${qos}/${randomUUID().slice(0, 6)}`;
    const subscribed = await setup.core.router.dispatch('subscription.add', { connectionId, filter: topic, qos: 2 });
    expect(subscribed.ok).toBe(true);
    const subscribeFlow = await waitForFlow(setup.core, connectionId, 'the subscribe flow', (entry) => entry.kind === 'subscribe' && entry.topic === topic);
    expect(arrows(subscribeFlow)).toEqual(['→SUBSCRIBE', '←SUBACK']);
    expect(subscribeFlow.state).toBe('complete');
    await other.publishAsync(topic, 'in', { qos });
    const expected = [['←PUBLISH'], ['←PUBLISH', '→PUBACK'], ['←PUBLISH', '→PUBREC', '←PUBREL', '→PUBCOMP']][qos];
    const flow = await waitForFlow(setup.core, connectionId, `the inbound QoS ${qos} flow`, (entry) => entry.kind === 'publish' && entry.steps.length === expected?.length, { topic });
    expect(arrows(flow)).toEqual(expected);
    expect(flow).toMatchObject({ origin: 'broker', qos, topic, state: 'complete' });
    expect(flow.messageId).toBeGreaterThan(0);
  });

  it('draws UNSUBSCRIBE→UNSUBACK as a complete flow', async () => {
    const topic = `flows/unsub/${randomUUID().slice(0, 6)}`;
    await setup.core.router.dispatch('subscription.add', { connectionId, filter: topic, qos: 1 });
    await setup.core.router.dispatch('subscription.remove', { connectionId, filter: topic });
    const unsubscribe = await waitForFlow(setup.core, connectionId, 'the unsubscribe flow', (entry) => entry.kind === 'unsubscribe' && entry.topic === topic);
    expect(arrows(unsubscribe)).toEqual(['→UNSUBSCRIBE', '←UNSUBACK']);
    expect(unsubscribe.state).toBe('complete');
  });

  it('draws the QoS 2 ordering of this broker as it happened: forwarded on PUBLISH (aedes) or on PUBREL (mosquitto)', async () => {
    const topic = `flows/order/${randomUUID().slice(0, 6)}`;
    await setup.core.router.dispatch('subscription.add', { connectionId, filter: topic, qos: 2 });
    await setup.core.router.dispatch('message.publish', { connectionId, topic, qos: 2, retain: false, payload: 'order', encoding: 'utf8' });
    const outbound = await waitForFlow(setup.core, connectionId, 'the outbound flow', (entry) => entry.origin === 'client' && entry.state === 'complete', { topic });
    const inbound = await waitForFlow(setup.core, connectionId, 'the inbound copy', (entry) => entry.origin === 'broker' && entry.state === 'complete', { topic });
    const pubrel = outbound.steps.find((step) => step.type === 'PUBREL');
    const copy = inbound.steps[0];
    if (!pubrel || !copy) throw new Error('missing steps');
    // The tap's sequence numbers order the two flows' packets on this client's wire.
    if (name === 'mosquitto') expect(copy.seq).toBeGreaterThan(pubrel.seq);
    else expect(copy.seq).toBeLessThan(pubrel.seq);
  });

  it('keeps each flow apart when packet ids are reused, counting epochs', async () => {
    const topic = `flows/reuse/${randomUUID().slice(0, 6)}`;
    await other.subscribeAsync(topic, { qos: 1 });
    for (let index = 0; index < 3; index++) {
      await setup.core.router.dispatch('message.publish', { connectionId, topic, qos: 1, retain: false, payload: String(index), encoding: 'utf8' });
    }
    const flows = await listFlows(setup.core, connectionId, { topic });
    expect(flows).toHaveLength(3);
    expect(flows.every((flow) => flow.state === 'complete' && arrows(flow).join() === '→PUBLISH,←PUBACK')).toBe(true);
    // Every (side, packet id, epoch) names one flow.
    const keys = new Set(flows.map((flow) => `${flow.origin}/${flow.packetId}/${flow.epoch}`));
    expect(keys.size).toBe(3);
  });
});
