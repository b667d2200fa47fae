import type { EventEmitter } from 'node:events';
import { parser as createParser } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import { packetSizeAt, remainingLengthSize } from '../../../shared/packets/remaining-length';
import { isPlainPublish } from '../packets/packet-log';
import type { PacketBytesKnown } from '../packets/packet-tap';

/** How many bytes of an offending packet are kept for the packet list. */
export const KEPT_BYTES_LIMIT = 64 * 1024;

/**
 * The bytes of one network connection that MQTT.js has received but not yet handed on as a packet.
 * MQTT.js reports parsed packets only, never their bytes, and a parse error carries no bytes at
 * all; the packet list shows each packet with the bytes the broker sent (a protocol violation
 * included), so they are kept here.
 *
 * It holds references to the stream's own chunks (no copy), the same ones the parser's buffer list
 * holds until the packet is complete, and lets go of each as soon as every packet in it was
 * reported. Per packet it reads the fixed header, a few bytes, so ingest pays next to nothing.
 */
export class IncomingBytes {
  private readonly chunks: Buffer[] = [];
  /** Where the next packet not yet reported starts in `chunks[0]`. */
  private offset = 0;
  private retained = 0;
  /** Set when the bytes and the reported packets disagreed; from then on nothing is known. */
  private lost = false;
  private currentSize = 0;
  private currentHeaderLength = 0;
  private readonly onData = (chunk: unknown) => {
    if (this.lost || !Buffer.isBuffer(chunk)) return;
    this.chunks.push(chunk);
    this.retained += chunk.length;
  };

  /** Listens before MQTT.js's own pipe, so a chunk is here before the parser sees it. */
  constructor(private readonly stream: EventEmitter) {
    stream.prependListener('data', this.onData);
  }

  detach(): void {
    this.stream.removeListener('data', this.onData);
    this.forget();
  }

  /**
   * Called as MQTT.js reports a received packet: reads its fixed header off the kept bytes and
   * checks it is the packet reported. False when the bytes are not known (any more).
   */
  beginPacket(remainingLength: number): boolean {
    if (this.lost) return false;
    let value = 0;
    let multiplier = 1;
    let index = 1;
    for (; index <= 4; index++) {
      const byte = this.byteAt(index);
      if (byte === undefined) return this.loseTrack();
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) break;
    }
    if (value !== remainingLength) return this.loseTrack();
    this.currentHeaderLength = index + 1;
    this.currentSize = this.currentHeaderLength + remainingLength;
    return true;
  }

  /** Bytes of the packet begun last: `length` of them from `start`, or as many as there are. */
  currentBytes(start = 0, length = KEPT_BYTES_LIMIT): Uint8Array | undefined {
    if (this.lost || this.currentSize === 0) return undefined;
    return this.copy(start, Math.min(length, this.currentSize - start));
  }

  /** All the bytes of the packet begun last, copied out of the stream's chunks. */
  currentWire(): Uint8Array | undefined {
    if (this.lost || this.currentSize === 0) return undefined;
    return this.copy(0, this.currentSize);
  }

  /**
   * Whether the packet begun last has this first byte, a Remaining Length of `remainingLength` in as
   * few bytes as it takes, and so is byte for byte what its fields encode to, given that they add up
   * to `remainingLength`. Reads a byte; copies nothing.
   */
  currentHeaderIs(firstByte: number, remainingLength: number): boolean {
    if (this.lost || this.currentSize === 0) return false;
    return this.byteAt(0) === firstByte && this.currentHeaderLength === 1 + remainingLengthSize(remainingLength) && this.currentSize === this.currentHeaderLength + remainingLength;
  }

  /** The topic's bytes of the PUBLISH begun last: after its fixed header and the two-byte length. */
  currentPublishTopic(): Uint8Array | undefined {
    const lengthBytes = this.currentBytes(this.currentHeaderLength, 2);
    if (!lengthBytes || lengthBytes.length < 2) return undefined;
    const length = ((lengthBytes[0] ?? 0) << 8) | (lengthBytes[1] ?? 0);
    return this.currentBytes(this.currentHeaderLength + 2, length);
  }

  /** Lets go of the packet begun last. */
  endPacket(): void {
    if (this.lost) return;
    this.offset += this.currentSize;
    this.retained -= this.currentSize;
    this.currentSize = 0;
    while (this.chunks.length > 0 && this.offset >= (this.chunks[0] as Buffer).length) {
      this.offset -= (this.chunks[0] as Buffer).length;
      this.chunks.shift();
    }
  }

  /**
   * After the parser failed: the packet it failed on, found by parsing what is held one packet at a
   * time, as the parser saw it. Only on this rare path is anything copied.
   */
  locateMalformed(protocolVersion: ProtocolVersion): Uint8Array | undefined {
    if (this.lost || this.retained <= 0) return undefined;
    const held = this.copy(0, this.retained);
    let start = 0;
    while (start < held.length) {
      const found = packetSizeAt(held, start);
      // Incomplete or malformed alike: the packet the parser failed on runs to the end of what is held.
      const size = found < 0 ? undefined : found;
      const end = size === undefined ? held.length : Math.min(held.length, start + size);
      if (size === undefined || start + size > held.length || !parsesCleanly(held.subarray(start, end), protocolVersion)) {
        return held.slice(start, Math.min(end, start + KEPT_BYTES_LIMIT));
      }
      start = end;
    }
    return undefined;
  }

  private byteAt(index: number): number | undefined {
    let position = this.offset + index;
    for (const chunk of this.chunks) {
      if (position < chunk.length) return chunk[position];
      position -= chunk.length;
    }
    return undefined;
  }

  private copy(start: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, length));
    let position = this.offset + start;
    let written = 0;
    for (const chunk of this.chunks) {
      if (written >= out.length) break;
      if (position >= chunk.length) {
        position -= chunk.length;
        continue;
      }
      const part = chunk.subarray(position, position + (out.length - written));
      out.set(part, written);
      written += part.length;
      position = 0;
    }
    return written === out.length ? out : out.slice(0, written);
  }

  private loseTrack(): false {
    this.lost = true;
    this.forget();
    return false;
  }

  private forget(): void {
    this.chunks.length = 0;
    this.retained = 0;
    this.offset = 0;
    this.currentSize = 0;
  }
}

/**
 * What the tap keeps of the bytes of the packet begun last. A plain PUBLISH that is exactly its
 * fields' encoding (nearly all of them) keeps nothing: the packet log rebuilds it from the history,
 * and copying every message's payload a second time would cost the ingest. Every other packet
 * keeps a copy of its bytes.
 */
export function receivedPacketBytes(incoming: IncomingBytes, packet: Packet, protocolVersion: ProtocolVersion): PacketBytesKnown {
  if (isPlainPublish(packet) && packet.cmd === 'publish') {
    const { qos, dup, retain, topic, payload } = packet;
    const remaining = 2 + Buffer.byteLength(topic) + (qos > 0 ? 2 : 0) + (protocolVersion === 5 ? 1 : 0) + payload.length;
    const firstByte = 0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 0x01 : 0);
    if (incoming.currentHeaderIs(firstByte, remaining)) return { rebuildsExactly: true };
  }
  const wire = incoming.currentWire();
  return wire === undefined ? {} : { wire: [wire] };
}

function parsesCleanly(packet: Uint8Array, protocolVersion: ProtocolVersion): boolean {
  const parser = createParser({ protocolVersion });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.parse(Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength));
  return !failed;
}
