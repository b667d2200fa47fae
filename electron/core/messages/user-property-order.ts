import type { UserProperty } from '../../../shared/domain/message';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Variable Byte Integer at `offset`: its value and size, or undefined past the end. */
function varint(bytes: Uint8Array, offset: number): { value: number; size: number } | undefined {
  let value = 0;
  for (let size = 0; size < 4; size++) {
    const byte = bytes[offset + size];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 128 ** size;
    if ((byte & 0x80) === 0) return { value, size: size + 1 };
  }
  return undefined;
}

function twoBytes(bytes: Uint8Array, offset: number): number | undefined {
  const high = bytes[offset];
  const low = bytes[offset + 1];
  return high === undefined || low === undefined ? undefined : high * 256 + low;
}

/** Bytes of the value of each PUBLISH property other than a user property, by identifier (MQTT 5 §2.2.2.2). */
const fixedSizes: Record<number, number> = { 0x01: 1, 0x02: 4, 0x23: 2 };
const prefixedSizes = new Set([0x03, 0x08, 0x09]);

/**
 * The user properties of an MQTT 5 PUBLISH in the order they are on the wire. mqtt-packet parses
 * them into an object, which groups a repeated name's values under its first appearance, so
 * "a=1, b=2, a=3" would read as "a=1, a=3, b=2". Undefined when the bytes are not a PUBLISH this
 * reader can walk: the caller keeps the parser's order then.
 */
export function userPropertiesInWireOrder(packet: Uint8Array): UserProperty[] | undefined {
  const first = packet[0];
  if (first === undefined || first >> 4 !== 3) return undefined;
  const remaining = varint(packet, 1);
  if (!remaining) return undefined;
  let offset = 1 + remaining.size;
  const topicLength = twoBytes(packet, offset);
  if (topicLength === undefined) return undefined;
  offset += 2 + topicLength + (((first >> 1) & 0x03) > 0 ? 2 : 0);
  const length = varint(packet, offset);
  if (!length) return undefined;
  offset += length.size;
  const end = offset + length.value;
  if (end > packet.length) return undefined;
  const pairs: UserProperty[] = [];
  while (offset < end) {
    const id = packet[offset++] as number;
    if (id === 0x26) {
      const keyLength = twoBytes(packet, offset);
      if (keyLength === undefined) return undefined;
      const key = utf8.decode(packet.subarray(offset + 2, offset + 2 + keyLength));
      offset += 2 + keyLength;
      const valueLength = twoBytes(packet, offset);
      if (valueLength === undefined) return undefined;
      pairs.push({ key, value: utf8.decode(packet.subarray(offset + 2, offset + 2 + valueLength)) });
      offset += 2 + valueLength;
    } else if (fixedSizes[id] !== undefined) {
      offset += fixedSizes[id];
    } else if (prefixedSizes.has(id)) {
      const size = twoBytes(packet, offset);
      if (size === undefined) return undefined;
      offset += 2 + size;
    } else if (id === 0x0b) {
      const identifier = varint(packet, offset);
      if (!identifier) return undefined;
      offset += identifier.size;
    } else {
      return undefined;
    }
  }
  return offset === end ? pairs : undefined;
}

/**
 * Whether a parsed PUBLISH's user properties may have lost their order: only when a name repeats
 * and there are other names too. Nearly every message answers no, so the bytes are walked rarely.
 */
export function mayHaveLostOrder(userProperties: unknown): boolean {
  if (!userProperties || typeof userProperties !== 'object' || Array.isArray(userProperties)) return false;
  const values = Object.values(userProperties);
  return values.length > 1 && values.some((value) => Array.isArray(value));
}

/** The packet's bytes, joined when they were kept in pieces. */
export function joinedWire(wire: readonly Uint8Array[] | undefined): Uint8Array | undefined {
  if (!wire || wire.length === 0) return undefined;
  if (wire.length === 1) return wire[0];
  return Buffer.concat(wire.map((piece) => Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)));
}
