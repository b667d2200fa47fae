import mqtt from 'mqtt';
import type { IPublishPacket } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultBroker, waitFor } from '../helpers/broker-faults-harness';
import type { FaultBroker } from '../helpers/broker-faults-harness';

let broker: FaultBroker;

beforeAll(async () => {
  broker = await startFaultBroker();
});

afterAll(async () => {
  await broker.close();
});

describe('QoS of deliveries from the built-in broker', () => {
  it('caps a delivery at the QoS granted to a wildcard subscription (MQTT-3.8.4-6), which aedes alone does not', async () => {
    const subscriber = await mqtt.connectAsync(broker.url, { clientId: 'granted-qos-sub', protocolVersion: 4 });
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'granted-qos-pub', protocolVersion: 4 });
    try {
      const received: IPublishPacket[] = [];
      subscriber.on('message', (_topic, _payload, packet) => received.push(packet));
      await subscriber.subscribeAsync('granted/#', { qos: 1 });
      await subscriber.subscribeAsync('exact/topic', { qos: 0 });
      await publisher.publishAsync('granted/a/b', 'two', { qos: 2 });
      await publisher.publishAsync('exact/topic', 'also two', { qos: 2 });
      await waitFor('both deliveries', () => (received.length >= 2 ? true : undefined));
      expect(received.map((packet) => [packet.topic, packet.qos])).toEqual([
        ['granted/a/b', 1],
        ['exact/topic', 0],
      ]);
      const out = (await broker.packets()).filter((row) => row.clientId === 'granted-qos-sub' && row.direction === 'out' && row.cmd === 'publish');
      expect(out.map((row) => row.qos)).toEqual([1, 0]);
      // QoS 1 flow, so the subscriber answered PUBACK, not PUBREC. MQTT.js may send it a little after
      // the message event, so wait for it rather than read the log at once.
      await waitFor('the PUBACK', async () => ((await broker.packets()).some((row) => row.clientId === 'granted-qos-sub' && row.cmd === 'puback') ? true : undefined));
      const acks = (await broker.packets()).filter((row) => row.clientId === 'granted-qos-sub' && row.direction === 'in' && row.cmd !== 'subscribe' && row.cmd !== 'connect' && row.cmd !== 'pingreq');
      expect(acks.map((row) => row.cmd)).toEqual(['puback']);
    } finally {
      await subscriber.endAsync();
      await publisher.endAsync();
    }
  });
});
