import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from 'mqtt-packet';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import { PacketFramer } from '../../electron/core/broker/wire/packet-framer';
import { brokerSettings, call, startBroker, waitForLog } from '../helpers/broker-core';
import { createTempCore } from '../helpers/temp-core';

describe('PacketFramer', () => {
  const packets = [
    generate({ cmd: 'connect', clientId: 'framed', protocolVersion: 4, protocolId: 'MQTT', clean: true, keepalive: 30 }),
    generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'a/#', qos: 1 }] }),
    // 200 bytes of payload: a remaining length of two bytes.
    generate({ cmd: 'publish', topic: 'a/b', payload: Buffer.alloc(200, 7), qos: 1, messageId: 2, retain: false, dup: false }),
    generate({ cmd: 'pingreq' }),
    // 70,000 bytes: three length bytes, and many chunks.
    generate({ cmd: 'publish', topic: 'a/big', payload: Buffer.alloc(70_000, 1), qos: 0, retain: false, dup: false }),
  ];
  const stream = Buffer.concat(packets);

  function frame(chunks: Buffer[]): Buffer[] {
    const framed: Buffer[] = [];
    const framer = new PacketFramer((packet) => framed.push(Buffer.from(packet)), () => framed.push(Buffer.from('unframed')));
    for (const chunk of chunks) framer.push(chunk);
    return framed;
  }

  it.each([1, 2, 3, 7, 1000, 65_536, stream.length])('cuts a stream delivered in chunks of %i bytes into its packets', (size) => {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < stream.length; offset += size) chunks.push(stream.subarray(offset, offset + size));

    expect(frame(chunks)).toEqual(packets);
  });

  it('passes bytes through unframed after a remaining length longer than 4 bytes', () => {
    const malformed = Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]);

    expect(frame([packets[3]!, malformed]).map((each) => each.toString('latin1'))).toEqual([packets[3]!.toString('latin1'), 'unframed']);
  });
});

describe('the wire applying fault decisions', () => {
  let core: AppCore;
  let url: string;
  const clients: MqttClient[] = [];
  const connect = async (clientId: string) => {
    const client = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0 });
    clients.push(client);
    return client;
  };
  /** Collects the payloads one subscriber receives on lab/wire. */
  async function subscriber(clientId: string) {
    const client = await connect(clientId);
    const received: string[] = [];
    client.on('message', (_topic, payload) => received.push(payload.toString()));
    await client.subscribeAsync('lab/wire', { qos: 1 });
    return {
      received,
      async waitFor(count: number): Promise<string[]> {
        const deadline = Date.now() + 10_000;
        while (received.length < count) {
          if (Date.now() > deadline) throw new Error(`Only ${JSON.stringify(received)} arrived.`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return received;
      },
    };
  }
  const outRows = (clientId: string) => core.broker.packetsAfter(0, 5000).packets.filter((row) => row.clientId === clientId && row.direction === 'out' && row.cmd === 'publish');

  beforeEach(async () => {
    core = createTempCore();
    const settings = await brokerSettings();
    url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    await startBroker(core, settings);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
    await core.close();
  });

  it('delays deliveries and keeps their order, marking them in the tap', async () => {
    const sink = await subscriber('slow-sink');
    await call(core, 'broker.faults.add', { fault: { kind: 'delay', target: 'slow-sink', what: 'deliveries', ms: 200 } });
    const source = await connect('source');

    for (const payload of ['one', 'two', 'three']) await source.publishAsync('lab/wire', payload, { qos: 1 });

    expect(await sink.waitFor(3)).toEqual(['one', 'two', 'three']);
    expect(outRows('slow-sink').map((row) => row.fault)).toEqual(Array(3).fill(expect.stringMatching(/delivery delayed 200 ms/)));
  });

  it('holds deliveries while paused, keeps the connection alive, and releases them in order', async () => {
    const sink = await subscriber('paused-sink');
    const paused = await call(core, 'broker.faults.add', { fault: { kind: 'pause-delivery', target: '*' } });
    const faultId = paused.faults[0]!.id;
    const source = await connect('pause-source');
    await source.publishAsync('lab/wire', 'held 1', { qos: 1 });
    await source.publishAsync('lab/wire', 'held 2', { qos: 1 });

    // A SUBACK is no delivery: it overtakes the held messages, so the client is not stalled.
    const sinkClient = clients[0]!;
    await sinkClient.subscribeAsync('lab/other', { qos: 0 });
    expect(sink.received).toEqual([]);

    await call(core, 'broker.faults.remove', { faultId });

    expect(await sink.waitFor(2)).toEqual(['held 1', 'held 2']);
  });

  it('drops QoS 0 deliveries, which are not counted as sent', async () => {
    const sink = await subscriber('lossy-sink');
    await call(core, 'broker.faults.add', { fault: { kind: 'drop-qos0', target: 'lossy-sink', percent: 100 } });
    const source = await connect('lossy-source');

    await source.publishAsync('lab/wire', 'lost', { qos: 0 });
    await source.publishAsync('lab/wire', 'kept', { qos: 1 });

    expect(await sink.waitFor(1)).toEqual(['kept']);
    expect(outRows('lossy-sink').map((row) => row.fault ?? 'delivered')).toEqual([expect.stringMatching(/QoS 0 delivery dropped/), 'delivered']);
    expect(core.broker.snapshot().clients.find((client) => client.clientId === 'lossy-sink')?.messagesOut).toBe(1);
  });

  it('refuses connections with the fault\'s CONNACK code, and logs it', async () => {
    await call(core, 'broker.faults.add', { fault: { kind: 'refuse-connections', target: '*', code: 3 } });

    await expect(mqtt.connectAsync(url, { clientId: 'turned-away', reconnectPeriod: 0 })).rejects.toThrow(/server unavailable/i);

    await waitForLog(core, 'fault', /^Fault \d+ added: Refuse new connections with CONNACK 3 \(server unavailable\)\.$/);
    await waitForLog(core, 'refused', /^turned-away from 127\.0\.0\.1:\d+ was refused: server unavailable \(CONNACK 3\); refused by a refuse-connections fault\.$/);
    const rows = core.broker.packetsAfter(0, 5000).packets.filter((row) => row.clientId === 'turned-away');
    expect(rows.map((row) => `${row.direction} ${row.cmd}`)).toEqual(['in connect', 'out connack']);
  });
});
