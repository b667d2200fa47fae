import type { TopicAliasUse } from '../../../shared/domain/message';
import type { Message } from '../../../shared/i18n/message';
import type { Packet } from 'mqtt';
import { monotonicMs } from '../broker/wire/monotonic-clock';

export type PacketDirection = 'sent' | 'received';

/** A packet as it crossed the wire, stamped the moment MQTT.js reported it. */
export interface TappedPacket {
  /** Sequence number per connection, from 1; orders packets even when clocks tie. */
  seq: number;
  direction: PacketDirection;
  /** Monotonic time in ms (process.hrtime), for durations that survive wall-clock changes. */
  monotonicMs: number;
  /** Wall-clock time in ms since the epoch, for display. */
  wallTime: number;
  packet: Packet;
  /** Set on a packet that broke the protocol; a parse error's packet is a stand-in with only `cmd`. */
  violation?: PacketViolation;
  /**
   * The packet's bytes as they crossed the socket, in the pieces they were read or written in. A sent
   * packet's are filled in just after the tap saw it: MQTT.js reports a packet before it writes it.
   */
  wire?: Uint8Array[];
  /**
   * Set on a PUBLISH whose bytes are exactly the encoding of its fields, so the log may keep its
   * message instead (`keepAsMessage`) and rebuild the same bytes from it.
   */
  rebuildsExactly?: boolean;
  /** A PUBLISH with a Topic Alias: its form, the bytes that saved, and the topic it stands for. */
  topicAlias?: TopicAliasUse & { topic: string };
}

/** What is known of a packet's bytes besides the packet itself. */
export interface PacketBytesKnown {
  violation?: PacketViolation;
  wire?: Uint8Array[];
  rebuildsExactly?: boolean;
}

/** What was wrong with a received packet, kept with it in the packet list. */
export interface PacketViolation {
  /** Plain words with the rule: "PUBLISH has the wildcard '#' in its topic … (MQTT-3.3.2-2)". */
  text: string;
  /** The same as a message, worded where it is shown. */
  textMessage?: Message;
  /** The packet's bytes as received (bounded), when they could be kept; a parse error has nothing else. */
  bytes?: Uint8Array;
}

export type PacketListener = (tapped: TappedPacket) => void;

/**
 * Stamps every packet MQTT.js sends or receives. MQTT.js's `packetsend`/`packetreceive` events carry
 * no time, so the stamp is taken here, synchronously, as close to the wire as the client lets us be.
 * The QoS flow timelines and recordings are built on this stream.
 */
export class PacketTap {
  private seq = 0;
  private readonly listeners: PacketListener[] = [];

  /** Returns a function that removes the listener again (a recording that stops, for example). */
  onPacket(listener: PacketListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index !== -1) this.listeners.splice(index, 1);
    };
  }

  record(direction: PacketDirection, packet: Packet, known?: PacketBytesKnown): TappedPacket {
    const tapped: TappedPacket = {
      seq: ++this.seq,
      direction,
      // Same time line as process.hrtime, without a BigInt per packet on the hot path.
      monotonicMs: monotonicMs(),
      wallTime: Date.now(),
      packet,
    };
    if (known?.violation) tapped.violation = known.violation;
    if (known?.wire) tapped.wire = known.wire;
    if (known?.rebuildsExactly) tapped.rebuildsExactly = true;
    // An array, not a Set: this runs for every packet and arrays iterate faster.
    for (const listener of this.listeners) listener(tapped);
    return tapped;
  }
}
