/**
 * MQTT's Remaining Length: a variable byte integer of 1 to 4 bytes after a packet's first byte
 * (MQTT 3.1.1 §2.2.3, MQTT 5 §1.5.5). One reader for the broker's framer, the connection's byte
 * keeper and the packet log.
 */

/** The header is not all there yet. */
export const INCOMPLETE = -1;
/** The Remaining Length runs past its four bytes: not MQTT. */
export const MALFORMED = -2;

/** How many bytes a Remaining Length of `value` takes when written as short as it can be. */
export function remainingLengthSize(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
}

/** The whole size of the packet at `offset` (fixed header included), INCOMPLETE or MALFORMED. */
export function packetSizeAt(bytes: Uint8Array, offset: number): number {
  let value = 0;
  let multiplier = 1;
  let index = offset + 1;
  for (let lengthBytes = 0; lengthBytes < 4; lengthBytes++) {
    if (index >= bytes.length) return INCOMPLETE;
    const byte = bytes[index++] ?? 0;
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return index - offset + value;
    multiplier *= 128;
  }
  return MALFORMED;
}
