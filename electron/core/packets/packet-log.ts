import { generate } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import type { PacketRow } from '../../../shared/packets/packet-row';
import { remainingLengthSize } from '../../../shared/packets/remaining-length';
import type { PacketTap, TappedPacket } from './packet-tap';

export type PacketProtocolVersion = 3 | 4 | 5;

export const defaultPacketLogCapacity = 100_000;
/**
 * Payload bytes the held packets may keep alive. The log holds MQTT.js's packet objects, payloads
 * included; without this a stream of large messages would hold 100,000 of them.
 */
export const defaultPacketLogPayloadBudget = 64 * 1024 * 1024;

/** What the log needs of a stored message to rebuild the PUBLISH packet that carried it. */
export interface StoredPublish {
  row: { topic: string; qos: 0 | 1 | 2; retain: boolean; dup: boolean; packetId?: number; time: number; direction: 'in' | 'out' };
  payload: Uint8Array;
  monotonicMs: number;
}

/**
 * The newest packets a connection's tap saw, at most `capacity` of them and `payloadBudget` bytes of
 * their payloads and kept bytes. Each keeps the tap's object as it is, with the bytes that crossed
 * the socket where the connection kept them (no encoding): the tap runs for every packet and must
 * stay cheap. Rows are made when the list asks for a window; bytes are re-encoded only for a packet
 * whose bytes were not kept (an opened recording's), and say so.
 */
export class PacketLog {
  /**
   * Grown as packets come, then reused in a ring: an idle connection costs nothing. A number is the
   * id of the stored message a plain PUBLISH carried (see `keepAsMessage`).
   */
  private readonly ring: (TappedPacket | number | undefined)[] = [];
  /** The history that holds the messages named by numbers in the ring. */
  messages: ((messageId: number) => StoredPublish | undefined) | undefined;
  private readonly versions: PacketProtocolVersion[] = [];
  /** For a slot held as a message id: whether the rebuilt bytes are the ones that crossed the socket. */
  private readonly rebuiltExactly: boolean[] = [];
  private readonly payloadSizes: number[] = [];
  /** Encoded sizes, computed on first read; 0 until then. */
  private readonly sizes: number[] = [];
  private recorded = 0;
  /** Slot of the oldest packet held, how many are held, and the sequence number of the oldest. */
  private head = 0;
  private held = 0;
  private firstSeq = 1;
  private payloadBytes = 0;

  constructor(
    /** The protocol the connection speaks now: a profile may change between connections. */
    private readonly protocolVersion: () => PacketProtocolVersion,
    readonly capacity = defaultPacketLogCapacity,
    private readonly payloadBudget = defaultPacketLogPayloadBudget,
  ) {}

  /** A log fed by `tap` from now on. */
  static attach(tap: PacketTap, protocolVersion: () => PacketProtocolVersion, capacity?: number, payloadBudget?: number): PacketLog {
    const log = new PacketLog(protocolVersion, capacity, payloadBudget);
    tap.onPacket((tapped) => log.add(tapped));
    return log;
  }

  add(tapped: TappedPacket): void {
    if (this.held === this.capacity) this.evictOldest();
    if (this.held === 0) this.firstSeq = tapped.seq;
    const slot = this.recorded % this.capacity;
    this.recorded++;
    const payload = (tapped.packet as { payload?: { length: number } }).payload;
    // A received packet's kept bytes are a copy; a sent one's are the pieces written, its payload among them.
    const payloadSize = (payload ? payload.length : 0) + (tapped.direction === 'received' ? wireLength(tapped.wire) : 0);
    if (slot === this.ring.length) {
      this.ring.push(tapped);
      this.rebuiltExactly.push(false);
      this.versions.push(this.protocolVersion());
      this.payloadSizes.push(payloadSize);
      this.sizes.push(0);
    } else {
      this.ring[slot] = tapped;
      this.versions[slot] = this.protocolVersion();
      this.payloadSizes[slot] = payloadSize;
      this.sizes[slot] = 0;
    }
    this.held++;
    this.payloadBytes += payloadSize;
    // One the history is about to hold (`keepAsMessage`) will not count: judge the budget at the next packet.
    if (this.messages !== undefined && keepsAsMessage(tapped)) return;
    // The newest packet stays even alone over the budget: the inspector can always show the latest.
    while (this.payloadBytes > this.payloadBudget && this.held > 1) this.evictOldest();
  }

  /**
   * Drops the packet object of a PUBLISH whose message the history now holds, keeping only the
   * message's id: the packet is rebuilt from the history when it is asked for. Holding 100,000
   * packet objects (with their payload buffers and topic strings) made every one of them survive
   * the young generation, and the garbage collector's copying then cost more per message than
   * the whole store. Only a PUBLISH without properties qualifies: it is rebuilt byte for byte
   * from what the history keeps (topic, flags, packet id, payload); one with properties (a topic
   * alias, user properties) keeps its object, and so does one whose bytes were kept because they
   * are not what the fields encode to (a Remaining Length in more bytes than needed). A message the
   * history has since evicted or cleared takes its packet out of the log with it.
   */
  keepAsMessage(tapped: TappedPacket, messageId: number): void {
    if (this.messages === undefined || !keepsAsMessage(tapped)) return;
    const slot = this.slotOf(tapped.seq);
    if (slot === undefined || this.ring[slot] !== tapped) return;
    const remaining = (tapped.packet as { length?: unknown }).length;
    if (typeof remaining === 'number' && remaining >= 0) this.sizes[slot] = 1 + remainingLengthSize(remaining) + remaining;
    this.payloadBytes -= this.payloadSizes[slot] ?? 0;
    this.payloadSizes[slot] = 0;
    this.rebuiltExactly[slot] = tapped.rebuildsExactly === true;
    this.ring[slot] = messageId;
  }

  private evictOldest(): void {
    this.payloadBytes -= this.payloadSizes[this.head] ?? 0;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.held--;
    this.firstSeq++;
  }

  get size(): number {
    return this.held;
  }

  get evicted(): number {
    return this.recorded - this.held;
  }

  private get lastSeq(): number {
    return this.firstSeq + this.held - 1;
  }

  /** Up to `limit` rows after `afterSeq`, oldest first; `lastSeq` is where the next call continues. */
  list(afterSeq: number, limit: number): { packets: PacketRow[]; lastSeq: number } {
    const packets: PacketRow[] = [];
    for (let seq = Math.max(afterSeq + 1, this.firstSeq); seq <= this.lastSeq && packets.length < limit; seq++) {
      const slot = this.slotOf(seq);
      const row = slot === undefined ? undefined : this.row(slot);
      if (row) packets.push(row);
    }
    return { packets, lastSeq: packets.at(-1)?.seq ?? Math.max(afterSeq, this.lastSeq) };
  }

  /** The packet with this sequence number, if the log still holds it. */
  get(seq: number): { tapped: TappedPacket; protocolVersion: PacketProtocolVersion } | undefined {
    const slot = this.slotOf(seq);
    if (slot === undefined) return undefined;
    const tapped = this.tappedAt(slot, seq);
    return tapped && { tapped, protocolVersion: this.versions[slot] ?? 4 };
  }

  private tappedAt(slot: number, seq: number): TappedPacket | undefined {
    const entry = this.ring[slot];
    if (typeof entry !== 'number') return entry;
    const message = this.messages?.(entry);
    if (!message) return undefined;
    const { row, payload } = message;
    const packet: Packet = {
      cmd: 'publish',
      topic: row.topic,
      payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
      qos: row.qos,
      retain: row.retain,
      dup: row.dup,
    };
    if (row.qos > 0 && row.packetId !== undefined) packet.messageId = row.packetId;
    const rebuilt: TappedPacket = { seq, direction: row.direction === 'in' ? 'received' : 'sent', monotonicMs: message.monotonicMs, wallTime: row.time, packet };
    if (this.rebuiltExactly[slot]) rebuilt.rebuildsExactly = true;
    return rebuilt;
  }

  /** Every packet held, oldest first. */
  *all(): Generator<{ tapped: TappedPacket; protocolVersion: PacketProtocolVersion }> {
    for (let seq = this.firstSeq; seq <= this.lastSeq; seq++) {
      const entry = this.get(seq);
      if (entry) yield entry;
    }
  }

  rowOf(seq: number): PacketRow | undefined {
    const slot = this.slotOf(seq);
    return slot === undefined ? undefined : this.row(slot);
  }

  /** The tap numbers its packets consecutively, so a sequence number's slot is an offset from the oldest. */
  private slotOf(seq: number): number | undefined {
    if (this.held === 0 || seq < this.firstSeq || seq > this.lastSeq) return undefined;
    const slot = (this.head + (seq - this.firstSeq)) % this.capacity;
    const entry = this.ring[slot];
    // A message id carries no sequence number; the tap's numbering being consecutive places it.
    return typeof entry === 'number' || entry?.seq === seq ? slot : undefined;
  }

  private row(slot: number): PacketRow | undefined {
    const tapped = this.tappedAt(slot, this.firstSeq + ((slot - this.head + this.capacity) % this.capacity));
    if (!tapped) return undefined;
    let size = this.sizes[slot] ?? 0;
    if (size === 0) {
      size = wireLength(tapped.wire) || (tapped.violation?.bytes?.length ?? encodedSize(tapped.packet as Packet, this.versions[slot] ?? 4));
      this.sizes[slot] = size;
    }
    return packetRow(tapped, size);
  }
}

/** The packet's size on the wire: a received packet knows its Remaining Length, a sent one is encoded once. */
function encodedSize(packet: Packet, protocolVersion: PacketProtocolVersion): number {
  const remaining = (packet as { length?: unknown }).length;
  if (typeof remaining === 'number' && remaining >= 0) return 1 + remainingLengthSize(remaining) + remaining;
  try {
    return generate(packet, { protocolVersion }).length;
  } catch {
    return 0;
  }
}

/** Whether the packet is a PUBLISH that the fields a history keeps encode completely. */
export function isPlainPublish(packet: TappedPacket['packet']): boolean {
  return packet.cmd === 'publish' && packet.properties === undefined && typeof packet.payload !== 'string';
}

/**
 * A plain PUBLISH whose bytes it rebuilds exactly, or whose bytes are not known anyway (a recording's):
 * one whose kept bytes differ from its encoding keeps them.
 */
function keepsAsMessage(tapped: TappedPacket): boolean {
  return isPlainPublish(tapped.packet) && (tapped.rebuildsExactly === true || wireLength(tapped.wire) === 0);
}

function wireLength(wire: readonly Uint8Array[] | undefined): number {
  if (wire === undefined) return 0;
  let length = 0;
  for (const piece of wire) length += piece.length;
  return length;
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
    if (tapped.topicAlias) row.topicAlias = tapped.topicAlias;
  }
  if ('reasonCode' in packet && typeof packet.reasonCode === 'number') row.reasonCode = packet.reasonCode;
  else if (packet.cmd === 'connack' && typeof packet.returnCode === 'number') row.reasonCode = packet.returnCode;
  if (tapped.violation) row.violation = tapped.violation.text;
  if (tapped.violation?.textMessage) row.violationText = tapped.violation.textMessage;
  return row;
}

/**
 * The packet's bytes as they crossed the socket, where they were kept: those the connection read or
 * wrote, or those of a packet that broke the protocol (re-encoding would hide what was wrong, and a
 * packet that could not be parsed has nothing to re-encode).
 */
export function wireBytesOf(tapped: TappedPacket): Uint8Array | undefined {
  const wire = tapped.wire;
  if (wire !== undefined && wire.length > 0) {
    if (wire.length === 1) return wire[0];
    // Joined once: a sent packet was written in pieces, and the inspector may ask again.
    const joined = Buffer.concat(wire);
    wire.splice(0, wire.length, joined);
    return joined;
  }
  return tapped.violation?.bytes;
}

/**
 * The bytes to show for a packet: those that crossed the socket, or else its encoding, then marked
 * as re-encoded unless the encoding is known to be the same bytes.
 */
export function packetBytes(tapped: TappedPacket, protocolVersion: PacketProtocolVersion): { bytes: Uint8Array; reEncoded: boolean } {
  const wire = wireBytesOf(tapped);
  if (wire !== undefined) return { bytes: wire, reEncoded: false };
  return { bytes: encodePacket(tapped.packet as Packet, protocolVersion), reEncoded: tapped.rebuildsExactly !== true };
}

/** The packet's bytes by encoding its fields again, for a packet whose bytes were not kept. */
export function encodePacket(packet: Packet, protocolVersion: PacketProtocolVersion): Uint8Array {
  return generate(packet, { protocolVersion });
}
