import { generate } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import type { PacketRow } from '../../../shared/packets/packet-row';
import type { PacketTap, TappedPacket } from './packet-tap';

export type PacketProtocolVersion = 3 | 4 | 5;

export const defaultPacketLogCapacity = 100_000;

/**
 * The newest `capacity` packets a connection's tap saw. Each keeps the tap's object as it is (no
 * copy, no encoding): the tap runs for every packet and must stay cheap. Bytes are produced by
 * re-encoding when the inspector asks for one packet, rows when the list asks for a window.
 */
export class PacketLog {
  /** Grown as packets come, then overwritten in a ring: an idle connection costs nothing. */
  private readonly ring: TappedPacket[] = [];
  private readonly versions: PacketProtocolVersion[] = [];
  /** Encoded sizes, computed on first read; 0 until then. */
  private readonly sizes: number[] = [];
  private recorded = 0;
  private lastSeq = 0;

  constructor(
    /** The protocol the connection speaks now: a profile may change between connections. */
    private readonly protocolVersion: () => PacketProtocolVersion,
    readonly capacity = defaultPacketLogCapacity,
  ) {}

  /** A log fed by `tap` from now on. */
  static attach(tap: PacketTap, protocolVersion: () => PacketProtocolVersion, capacity?: number): PacketLog {
    const log = new PacketLog(protocolVersion, capacity);
    tap.onPacket((tapped) => log.add(tapped));
    return log;
  }

  add(tapped: TappedPacket): void {
    const slot = this.recorded % this.capacity;
    this.recorded++;
    this.lastSeq = tapped.seq;
    if (slot === this.ring.length) {
      this.ring.push(tapped);
      this.versions.push(this.protocolVersion());
      this.sizes.push(0);
    } else {
      this.ring[slot] = tapped;
      this.versions[slot] = this.protocolVersion();
      this.sizes[slot] = 0;
    }
  }

  get size(): number {
    return this.ring.length;
  }

  get evicted(): number {
    return this.recorded - this.ring.length;
  }

  /** Up to `limit` rows after `afterSeq`, oldest first; `lastSeq` is where the next call continues. */
  list(afterSeq: number, limit: number): { packets: PacketRow[]; lastSeq: number } {
    const packets: PacketRow[] = [];
    const held = this.ring.length;
    // Slots in arrival order start after the newest once the ring wrapped.
    const oldestSlot = this.recorded > this.capacity ? this.recorded % this.capacity : 0;
    // The tap numbers its packets consecutively, so the slot of a sequence number is an offset from the oldest.
    const oldestSeq = this.lastSeq - held + 1;
    const from = Math.max(afterSeq + 1, oldestSeq);
    for (let seq = from; seq <= this.lastSeq && packets.length < limit; seq++) {
      const slot = (oldestSlot + (seq - oldestSeq)) % this.capacity;
      packets.push(this.row(slot));
    }
    return { packets, lastSeq: packets.at(-1)?.seq ?? Math.max(afterSeq, this.lastSeq) };
  }

  /** The packet with this sequence number, if the log still holds it. */
  get(seq: number): { tapped: TappedPacket; protocolVersion: PacketProtocolVersion } | undefined {
    const slot = this.slotOf(seq);
    if (slot === undefined) return undefined;
    return { tapped: this.ring[slot] as TappedPacket, protocolVersion: this.versions[slot] ?? 4 };
  }

  /** Every packet held, oldest first. */
  *all(): Generator<{ tapped: TappedPacket; protocolVersion: PacketProtocolVersion }> {
    const oldestSeq = this.lastSeq - this.ring.length + 1;
    for (let seq = oldestSeq; seq <= this.lastSeq; seq++) {
      const entry = this.get(seq);
      if (entry) yield entry;
    }
  }

  rowOf(seq: number): PacketRow | undefined {
    const slot = this.slotOf(seq);
    return slot === undefined ? undefined : this.row(slot);
  }

  private slotOf(seq: number): number | undefined {
    const oldestSeq = this.lastSeq - this.ring.length + 1;
    if (seq < oldestSeq || seq > this.lastSeq) return undefined;
    const oldestSlot = this.recorded > this.capacity ? this.recorded % this.capacity : 0;
    const slot = (oldestSlot + (seq - oldestSeq)) % this.capacity;
    return this.ring[slot]?.seq === seq ? slot : undefined;
  }

  private row(slot: number): PacketRow {
    const tapped = this.ring[slot] as TappedPacket;
    let size = this.sizes[slot] ?? 0;
    if (size === 0) {
      size = encodedSize(tapped.packet as Packet, this.versions[slot] ?? 4);
      this.sizes[slot] = size;
    }
    return packetRow(tapped, size);
  }
}

/** The packet's size on the wire: a received packet knows its Remaining Length, a sent one is encoded once. */
function encodedSize(packet: Packet, protocolVersion: PacketProtocolVersion): number {
  const remaining = (packet as { length?: unknown }).length;
  if (typeof remaining === 'number' && remaining >= 0) return 1 + varintLength(remaining) + remaining;
  try {
    return generate(packet, { protocolVersion }).length;
  } catch {
    return 0;
  }
}

function varintLength(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
}

export function packetRow(tapped: TappedPacket, size: number): PacketRow {
  const packet = tapped.packet as Packet;
  const row: PacketRow = { seq: tapped.seq, time: tapped.wallTime, monotonicMs: tapped.monotonicMs, direction: tapped.direction, cmd: packet.cmd, size };
  if ('messageId' in packet && typeof packet.messageId === 'number') row.packetId = packet.messageId;
  if (packet.cmd === 'publish') {
    row.qos = packet.qos;
    row.dup = packet.dup;
    row.retain = packet.retain;
    row.topic = packet.topic;
  }
  if ('reasonCode' in packet && typeof packet.reasonCode === 'number') row.reasonCode = packet.reasonCode;
  else if (packet.cmd === 'connack' && typeof packet.returnCode === 'number') row.reasonCode = packet.returnCode;
  return row;
}

/** The packet's bytes by re-encoding it: MQTT.js reports parsed packets, never the bytes it wrote or read. */
export function encodePacket(packet: Packet, protocolVersion: PacketProtocolVersion): Uint8Array {
  return generate(packet, { protocolVersion });
}
