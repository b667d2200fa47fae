import type { Packet } from 'mqtt-packet';
import type { BrokerPacketRow } from '../../../../shared/domain/broker';
import { englishText, type BrokerText } from '../../../../shared/broker/broker-text';
import { monotonicMs } from './monotonic-clock';

/** The packet type names by the fixed header's upper four bits (MQTT 3.1.1 §2.2.1, 15 is MQTT 5's AUTH). */
const commands = ['reserved', 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth'] as const;
const PUBLISH = 3;

const OUT = 1;
const DUP = 2;
const RETAIN = 4;
const HAS_QOS = 8;
const QOS_SHIFT = 4;

export const defaultPacketLogCapacity = 50_000;
/** Bytes of packet frames kept for the inspector; older frames go first when it is exceeded. */
export const defaultFrameBudget = 32 * 1024 * 1024;

/**
 * Every packet through the broker, newest `capacity` kept, in columns rather than one object per
 * packet: at tens of thousands of packets a second the tap must not feed the garbage collector.
 * Rows are built only when asked for. Sequence numbers keep counting across broker restarts, so a
 * reader's `afterSeq` stays meaningful.
 */
export class BrokerPacketLog {
  private lastSeq = 0;
  private readonly wallTimes: Float64Array;
  private readonly monotonicTimes: Float64Array;
  private readonly sizes: Uint32Array;
  /** 0 when the packet has none: packet identifiers start at 1. */
  private readonly messageIds: Uint16Array;
  private readonly types: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly clientIds: string[];
  private readonly topics: (string | undefined)[];
  private readonly faults: (BrokerText | undefined)[];
  /**
   * Copies of the packets' bytes (the framer's are views into socket chunks), for the packet
   * inspector, laid one after another in one ring of `frameBudget` bytes: a copy per packet would be
   * an allocation per packet for the garbage collector, the largest cost of the tap at full rate.
   * A frame that does not fit before the ring's end starts again at 0, overwriting the oldest.
   */
  private arena: Uint8Array | undefined;
  private readonly frameOffsets: Float64Array;
  private readonly frameVersions: Uint8Array;
  /** Where the next frame goes in the arena. */
  private arenaEnd = 0;
  /** Frames of packets before this sequence number were overwritten or dropped; sizes[] holds each frame's length. */
  private frameFloor = 1;
  /** The protocol each client connected with, from its CONNECT: the bytes alone do not say. */
  private readonly clientVersions = new Map<string, 3 | 4 | 5>();

  constructor(
    readonly capacity = defaultPacketLogCapacity,
    private readonly frameBudget = defaultFrameBudget,
  ) {
    this.frameOffsets = new Float64Array(capacity);
    this.frameVersions = new Uint8Array(capacity);
    this.wallTimes = new Float64Array(capacity);
    this.monotonicTimes = new Float64Array(capacity);
    this.sizes = new Uint32Array(capacity);
    this.messageIds = new Uint16Array(capacity);
    this.types = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.clientIds = new Array<string>(capacity).fill('');
    this.topics = new Array<string | undefined>(capacity).fill(undefined);
    this.faults = new Array<BrokerText | undefined>(capacity).fill(undefined);
  }

  /**
   * Stamps one packet. `bytes` is the whole packet as it crossed the wire (its type comes from the
   * first byte, so a packet mqtt-packet could not parse is still listed); `packet` is what parsed.
   */
  record(clientId: string, direction: 'in' | 'out', bytes: Buffer, packet: Packet | undefined, fault: BrokerText | undefined): number {
    const seq = ++this.lastSeq;
    const slot = (seq - 1) % this.capacity;
    const type = (bytes[0] ?? 0) >> 4;
    this.wallTimes[slot] = Date.now();
    this.monotonicTimes[slot] = monotonicMs();
    this.sizes[slot] = bytes.length;
    this.types[slot] = type;
    this.clientIds[slot] = clientId;
    this.faults[slot] = fault;
    let flags = direction === 'out' ? OUT : 0;
    let topic: string | undefined;
    if (packet?.cmd === 'publish') {
      flags |= HAS_QOS | (packet.qos << QOS_SHIFT) | (packet.dup ? DUP : 0) | (packet.retain ? RETAIN : 0);
      topic = packet.topic;
    }
    this.flags[slot] = flags;
    this.topics[slot] = topic;
    this.messageIds[slot] = packet && 'messageId' in packet && typeof packet.messageId === 'number' ? packet.messageId : 0;
    this.keepFrame(seq, slot, clientId, bytes, packet);
    return seq;
  }

  private keepFrame(seq: number, slot: number, clientId: string, bytes: Buffer, packet: Packet | undefined): void {
    if (packet?.cmd === 'connect') this.clientVersions.set(clientId, packet.protocolVersion === 3 || packet.protocolVersion === 5 ? packet.protocolVersion : 4);
    // The ring of packets forgets the oldest slot's frame with it.
    this.frameFloor = Math.max(this.frameFloor, seq - this.capacity + 1);
    const length = bytes.length;
    // Made at the first packet: every core has a packet log, most never start the broker.
    const arena = (this.arena ??= new Uint8Array(this.frameBudget));
    if (length > arena.length) {
      // Larger than the whole budget: not kept, and nothing older is lost for it.
      if (this.frameFloor === seq) this.frameFloor = seq + 1;
      this.frameOffsets[slot] = -1;
      return;
    }
    let start = this.arenaEnd;
    if (start + length > arena.length) start = 0;
    const end = start + length;
    // Older frames whose bytes this one overwrites go, oldest first: they are the ones just after it in the ring.
    while (this.frameFloor < seq) {
      const oldSlot = (this.frameFloor - 1) % this.capacity;
      const oldStart = this.frameOffsets[oldSlot] ?? -1;
      const oldEnd = oldStart + (this.sizes[oldSlot] ?? 0);
      const overlaps = oldStart >= 0 && oldStart < end && oldEnd > start;
      // After a wrap, frames in the tail the new one skipped are older than everything after it too.
      const skipped = start === 0 && this.arenaEnd > 0 && oldStart >= this.arenaEnd;
      if (!overlaps && !skipped && oldStart >= 0) break;
      this.frameFloor++;
    }
    arena.set(bytes, start);
    this.frameOffsets[slot] = start;
    this.frameVersions[slot] = this.clientVersions.get(clientId) ?? 4;
    this.arenaEnd = end;
  }

  /** A copy of the bytes of packet `seq` and the protocol its client spoke, while they are kept. */
  frame(seq: number): { bytes: Uint8Array; protocolVersion: 3 | 4 | 5 } | undefined {
    if (seq < this.frameFloor || seq > this.lastSeq || seq <= this.lastSeq - this.size) return undefined;
    const slot = (seq - 1) % this.capacity;
    const start = this.frameOffsets[slot] ?? -1;
    if (start < 0 || !this.arena) return undefined;
    const bytes = this.arena.slice(start, start + (this.sizes[slot] ?? 0));
    const version = this.frameVersions[slot];
    return { bytes, protocolVersion: version === 3 || version === 5 ? version : 4 };
  }

  get size(): number {
    return Math.min(this.lastSeq, this.capacity);
  }

  /** Up to `limit` rows after `afterSeq`, oldest first; `lastSeq` is where the next call continues. */
  list(afterSeq: number, limit: number): { packets: BrokerPacketRow[]; lastSeq: number } {
    const oldest = this.lastSeq - this.size + 1;
    const first = Math.max(afterSeq + 1, oldest);
    const last = Math.min(this.lastSeq, first + limit - 1);
    const packets: BrokerPacketRow[] = [];
    for (let seq = first; seq <= last; seq++) packets.push(this.row(seq));
    return { packets, lastSeq: packets.length > 0 ? last : this.lastSeq };
  }

  private row(seq: number): BrokerPacketRow {
    const slot = (seq - 1) % this.capacity;
    const flags = this.flags[slot] ?? 0;
    const type = this.types[slot] ?? 0;
    const row: BrokerPacketRow = {
      seq,
      time: this.wallTimes[slot] ?? 0,
      monotonicMs: this.monotonicTimes[slot] ?? 0,
      clientId: this.clientIds[slot] ?? '',
      direction: flags & OUT ? 'out' : 'in',
      cmd: commands[type] ?? 'reserved',
      size: this.sizes[slot] ?? 0,
    };
    const messageId = this.messageIds[slot] ?? 0;
    if (messageId !== 0) row.messageId = messageId;
    if (flags & HAS_QOS) {
      row.qos = (flags >> QOS_SHIFT) & 3;
      row.dup = (flags & DUP) !== 0;
      row.retain = (flags & RETAIN) !== 0;
    }
    const topic = this.topics[slot];
    if (topic !== undefined && type === PUBLISH) row.topic = topic;
    const fault = this.faults[slot];
    if (fault !== undefined) {
      row.fault = englishText(fault);
      row.faultText = fault;
    }
    return row;
  }
}
