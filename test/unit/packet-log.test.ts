import type { Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { generate, parser } from 'mqtt-packet';
import { MessageStore } from '../../electron/core/messages/message-store';
import { encodePacket, PacketLog, packetBytes } from '../../electron/core/packets/packet-log';
import { PacketTap } from '../../electron/core/packets/packet-tap';

const publish = (topic: string, size: number, messageId?: number): Packet => ({
  cmd: 'publish',
  topic,
  payload: Buffer.alloc(size, 0x61),
  qos: messageId === undefined ? 0 : 1,
  dup: false,
  retain: false,
  ...(messageId === undefined ? {} : { messageId }),
});

describe('PacketLog', () => {
  it('keeps the newest `capacity` packets by the tap sequence number, and counts the evicted', () => {
    const tap = new PacketTap();
    const log = PacketLog.attach(tap, () => 5, 3);
    for (let i = 1; i <= 5; i++) tap.record('sent', publish(`t/${i}`, 1, i));
    expect(log.size).toBe(3);
    expect(log.evicted).toBe(2);
    expect(log.list(0, 10).packets.map((p) => [p.seq, p.topic, p.packetId])).toEqual([
      [3, 't/3', 3],
      [4, 't/4', 4],
      [5, 't/5', 5],
    ]);
    expect(log.list(3, 1)).toMatchObject({ packets: [{ seq: 4 }], lastSeq: 4 });
    expect(log.list(5, 10)).toEqual({ packets: [], lastSeq: 5 });
    expect(log.get(2)).toBeUndefined();
    expect(log.get(4)?.tapped.packet).toMatchObject({ topic: 't/4' });
    expect([...log.all()].map((e) => e.tapped.seq)).toEqual([3, 4, 5]);
  });

  it('keeps the tap object itself, not a copy', () => {
    const tap = new PacketTap();
    const log = PacketLog.attach(tap, () => 4);
    const packet = publish('same', 3);
    tap.record('received', packet);
    expect(log.get(1)?.tapped.packet).toBe(packet);
  });

  it('evicts the oldest packets when their payloads exceed the byte budget, keeping the newest even alone', () => {
    const tap = new PacketTap();
    const log = PacketLog.attach(tap, () => 5, 100, 250);
    for (let i = 0; i < 4; i++) tap.record('received', publish('p', 100));
    expect(log.list(0, 10).packets.map((p) => p.seq)).toEqual([3, 4]);
    tap.record('received', publish('big', 1000));
    expect(log.list(0, 10).packets.map((p) => p.seq)).toEqual([5]);
    expect(log.evicted).toBe(4);
    tap.record('sent', { cmd: 'pingreq' });
    expect(log.list(0, 10).packets.map((p) => p.seq)).toEqual([6]);
  });

  it('sizes a row by the encoded packet, and records the protocol at the time of the packet', () => {
    const tap = new PacketTap();
    let version: 4 | 5 = 4;
    const log = PacketLog.attach(tap, () => version);
    tap.record('sent', publish('a/b', 4));
    version = 5;
    tap.record('received', { cmd: 'puback', messageId: 7, reasonCode: 0x10, length: 3 } as Packet);
    const [first, second] = log.list(0, 10).packets;
    // 0x30, length 9, "a/b" with its two length bytes, 4 payload bytes.
    expect(first).toMatchObject({ cmd: 'publish', size: 11, qos: 0, topic: 'a/b', direction: 'sent' });
    expect(second).toMatchObject({ cmd: 'puback', size: 5, packetId: 7, reasonCode: 0x10, direction: 'received' });
    expect(log.get(1)?.protocolVersion).toBe(4);
    expect(log.get(2)?.protocolVersion).toBe(5);
  });

  it('holds a plain PUBLISH the history stored as its message id, and rebuilds the same bytes and row from the history', () => {
    const tap = new PacketTap();
    const store = new MessageStore({});
    const log = PacketLog.attach(tap, () => 5, 100, 1000);
    log.messages = (id) => store.get(id);
    // Parsed from bytes, as MQTT.js hands them over: with their Remaining Length.
    const wire = [
      generate({ cmd: 'publish', topic: 'plain/a', payload: Buffer.from([0, 0xff, 0x41]), qos: 1, messageId: 9, dup: true, retain: true }, { protocolVersion: 5 }),
      generate({ cmd: 'publish', topic: 'props/b', payload: Buffer.from('x'.repeat(600)), qos: 0, dup: false, retain: false, properties: { contentType: 'text/plain' } }, { protocolVersion: 5 }),
      generate({ cmd: 'publish', topic: 'plain/c', payload: Buffer.from('y'.repeat(600)), qos: 0, dup: false, retain: false }, { protocolVersion: 5 }),
    ];
    const mqttParser = parser({ protocolVersion: 5 });
    mqttParser.on('packet', (packet: Packet) => {
      const tapped = tap.record('received', packet);
      if (packet.cmd !== 'publish') return;
      const payload = packet.payload as Buffer;
      const id = store.append({ time: tapped.wallTime, monotonicMs: tapped.monotonicMs, direction: 'in', topic: packet.topic, qos: packet.qos, retain: packet.retain, dup: packet.dup, size: payload.length, ...(packet.messageId === undefined ? {} : { packetId: packet.messageId }) }, payload);
      log.keepAsMessage(tapped, id);
    });
    const rowsBefore: unknown[] = [];
    for (const bytes of wire) mqttParser.parse(bytes);
    // The 600-byte payload of the last one no longer counts against the log's 1000-byte budget: the history holds it.
    expect(log.size).toBe(3);
    for (let seq = 1; seq <= 3; seq++) rowsBefore.push(log.rowOf(seq));
    expect(rowsBefore.map((row) => (row as { size: number }).size)).toEqual(wire.map((bytes) => bytes.length));

    const rebuilt = log.get(1);
    expect(rebuilt?.tapped).toMatchObject({ seq: 1, direction: 'received', packet: { cmd: 'publish', topic: 'plain/a', qos: 1, messageId: 9, dup: true, retain: true } });
    expect(Buffer.from(encodePacket(rebuilt!.tapped.packet, 5)).equals(wire[0]!)).toBe(true);
    expect(Buffer.from(encodePacket(log.get(3)!.tapped.packet, 5)).equals(wire[2]!)).toBe(true);
    // One with properties keeps MQTT.js's object: the history does not keep every property as it was on the wire.
    expect(log.get(2)?.tapped.packet).toMatchObject({ properties: { contentType: 'text/plain' } });
    expect(log.list(0, 10).packets).toEqual(rowsBefore);

    // A cleared history takes the PUBLISH packets it held with it; the others stay.
    store.clear();
    expect(log.get(1)).toBeUndefined();
    expect(log.list(0, 10).packets.map((row) => row.seq)).toEqual([2]);
  });

  it('says a rebuilt PUBLISH is re-encoded only when its bytes were never kept, and keeps bytes that its fields do not encode to', () => {
    const tap = new PacketTap();
    const store = new MessageStore({});
    const log = PacketLog.attach(tap, () => 4, 100, 10_000);
    log.messages = (id) => store.get(id);
    const keep = (packet: Packet, known: Parameters<PacketTap['record']>[2]) => {
      const tapped = tap.record('received', packet, known);
      const payload = (packet as { payload: Buffer }).payload;
      log.keepAsMessage(tapped, store.append({ time: tapped.wallTime, monotonicMs: tapped.monotonicMs, direction: 'in', topic: 'a/b', qos: 0, retain: false, dup: false, size: payload.length }, payload));
      return tapped;
    };
    const exact = generate(publish('a/b', 3), { protocolVersion: 4 });
    // The same packet with its Remaining Length in two bytes: what a broker may send, and the fields cannot say.
    const longer = Buffer.concat([Buffer.from([0x30, 0x80 | (exact.length - 2), 0x00]), exact.subarray(2)]);
    keep(publish('a/b', 3), { rebuildsExactly: true });
    keep(publish('a/b', 3), { wire: [longer] });
    // Read from a recording: no bytes at all.
    keep(publish('a/b', 3), {});
    const shown = [1, 2, 3].map((seq) => {
      const entry = log.get(seq);
      if (!entry) throw new Error(`no packet ${seq}`);
      const { bytes, reEncoded } = packetBytes(entry.tapped, entry.protocolVersion);
      return { hex: Buffer.from(bytes).toString('hex'), reEncoded, listed: log.rowOf(seq)?.size };
    });
    expect(shown).toEqual([
      { hex: exact.toString('hex'), reEncoded: false, listed: exact.length },
      { hex: longer.toString('hex'), reEncoded: false, listed: longer.length },
      { hex: exact.toString('hex'), reEncoded: true, listed: exact.length },
    ]);
    // The packet whose bytes differ stays whole: the history alone could not give its bytes back.
    expect(log.get(2)?.tapped.wire?.[0]).toBe(longer);
  });
});
