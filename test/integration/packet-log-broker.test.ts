import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { BrokerPacketLog } from '../../electron/core/broker/wire/broker-packet-log';
import { dissect } from '../../shared/packets/anatomy';
import { base64ToBytes } from '../../shared/payload/preview';
import { brokerSettings, call, failureOf, startBroker } from '../helpers/broker-core';
import { saveAndConnect } from '../helpers/core-waits';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

describe('packets.get for packets through the built-in broker', () => {
  let core: AppCore;
  let url: string;
  let port: number;
  let wsPort: number;

  beforeEach(async () => {
    core = createTempCore();
    const plain = await brokerSettings();
    const settings = { ...plain, websocket: { ...plain.websocket, enabled: true } };
    url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    port = settings.tcpPort;
    wsPort = settings.websocket.port;
    await startBroker(core, settings);
  });
  afterEach(async () => {
    await core.close();
  });

  it('returns the bytes as they crossed the wire, with the protocol of the client that sent them', async () => {
    const v5 = await mqtt.connectAsync(url, { clientId: 'inspect-v5', protocolVersion: 5, reconnectPeriod: 0 });
    await v5.subscribeAsync('wire/#', { qos: 2 });
    await v5.publishAsync('wire/a', 'hello', { qos: 2, properties: { contentType: 'text/plain', userProperties: { k: 'v' } } });
    const v4 = await mqtt.connectAsync(url, { clientId: 'inspect-v4', protocolVersion: 4, reconnectPeriod: 0 });
    await v4.publishAsync('wire/b', 'old', { qos: 1 });
    await v5.endAsync();
    await v4.endAsync();

    const rows = (await call(core, 'broker.packets.list', { afterSeq: 0, limit: 5000 })).packets;
    const inbound = rows.find((row) => row.clientId === 'inspect-v5' && row.direction === 'in' && row.cmd === 'publish');
    const got = await call(core, 'packets.get', { source: 'broker', seq: inbound!.seq });
    expect(got).toMatchObject({ protocolVersion: 5, reEncoded: false });
    const d = dissect(base64ToBytes(got.bytesBase64), 5);
    expect(d.problems).toEqual([]);
    expect(d.fields.find((f) => f.name === 'Topic Name')?.value).toBe('"wire/a"');
    expect(d.fields.find((f) => f.name === 'Properties')?.children?.map((c) => c.name)).toEqual(['Property Length', 'Content Type', 'User Property']);
    expect(base64ToBytes(got.bytesBase64).length).toBe(inbound!.size);

    const old = rows.find((row) => row.clientId === 'inspect-v4' && row.direction === 'in' && row.cmd === 'publish');
    const oldBytes = await call(core, 'packets.get', { source: 'broker', seq: old!.seq });
    expect(oldBytes.protocolVersion).toBe(4);
    expect(dissect(base64ToBytes(oldBytes.bytesBase64), 4).problems).toEqual([]);

    expect(await failureOf(core, 'packets.get', { source: 'broker', seq: 999_999 })).toContain("no longer holds the bytes of packet 999999");
  });

  for (const [version, transport] of [[5, 'mqtt'], [4, 'mqtt'], [5, 'ws']] as const) {
    it(`shows a connection's packets with the same bytes as the broker's own list, both ways (MQTT ${version === 5 ? '5' : '3.1.1'} over ${transport === 'ws' ? 'WebSocket' : 'TCP'}, QoS 2)`, async () => {
      const profile = profileFor(transport === 'ws' ? wsPort : port, { protocolVersion: version, transport });
      const connectionId = await saveAndConnect(core, profile);
      await call(core, 'subscription.add', { connectionId, filter: 'both/#', qos: 2 });
      await call(core, 'message.publish', { connectionId, topic: 'both/a', qos: 2, retain: false, payload: 'hello', encoding: 'utf8' });
      await call(core, 'message.publish', { connectionId, topic: 'both/b', qos: 1, retain: false, payload: 'one', encoding: 'utf8' });
      const bytesOf = async (ref: Parameters<typeof call<'packets.get'>>[2]) => {
        const got = await call(core, 'packets.get', ref);
        expect(got.reEncoded).toBe(false);
        return Buffer.from(base64ToBytes(got.bytesBase64)).toString('hex');
      };
      // Both sides settle: the client has its copy of both messages and every acknowledgement.
      const deadline = Date.now() + 5000;
      let client: { seq: number; direction: string; cmd: string }[] = [];
      let broker: { seq: number; direction: string; cmd: string }[] = [];
      const enough = (rows: { cmd: string }[]) => rows.filter((row) => row.cmd === 'pubcomp').length >= 2 && rows.filter((row) => row.cmd === 'puback').length >= 2;
      while (Date.now() < deadline) {
        client = (await call(core, 'packets.list', { connectionId, afterSeq: 0, limit: 1000 })).packets;
        broker = (await call(core, 'broker.packets.list', { afterSeq: 0, limit: 5000 })).packets.filter((row) => row.clientId === profile.clientId);
        if (enough(client) && enough(broker)) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const sides = async (clientDirection: 'sent' | 'received', brokerDirection: 'in' | 'out') => ({
        client: await Promise.all(client.filter((row) => row.direction === clientDirection).map((row) => bytesOf({ source: 'client', connectionId, seq: row.seq }))),
        broker: await Promise.all(broker.filter((row) => row.direction === brokerDirection).map((row) => bytesOf({ source: 'broker', seq: row.seq }))),
      });
      const up = await sides('sent', 'in');
      expect(up.client).toEqual(up.broker);
      const down = await sides('received', 'out');
      expect(down.client).toEqual(down.broker);
      const pubrec = client.find((row) => row.direction === 'received' && row.cmd === 'pubrec');
      expect((await bytesOf({ source: 'client', connectionId, seq: pubrec!.seq })).length / 2).toBe(version === 5 ? 6 : 4);
    });
  }
});

describe('BrokerPacketLog frames', () => {
  it('drops the oldest frames first when their bytes exceed the budget, and frames the ring evicted', () => {
    const log = new BrokerPacketLog(4, 100);
    const frame = (size: number) => Buffer.alloc(size, 1);
    for (let i = 0; i < 3; i++) log.record('c', 'in', frame(40), undefined, undefined);
    // 120 bytes > 100: packet 1 went.
    expect(log.frame(1)).toBeUndefined();
    expect(log.frame(2)?.bytes.length).toBe(40);
    expect(log.frame(3)?.bytes.length).toBe(40);
    for (let i = 0; i < 3; i++) log.record('c', 'in', frame(10), undefined, undefined);
    // Ring of 4 holds 3..6; 40 + 10 + 10 + 10 fits.
    expect(log.frame(2)).toBeUndefined();
    expect([3, 4, 5, 6].map((seq) => log.frame(seq)?.bytes.length)).toEqual([40, 10, 10, 10]);
  });

});
