import { englishText, text, type BrokerText } from '../../../../shared/broker/broker-text';
import { propertyKind } from '../../../../shared/packets/properties';

/** MQTT 5 property identifiers the wire edits (§2.2.2.2); both hold a Four Byte Integer. */
export const SESSION_EXPIRY_INTERVAL = 0x11;
export const WILL_DELAY_INTERVAL = 0x18;

/** One Four Byte Integer property of an MQTT 5 packet, set to `value`, or removed when it is undefined. */
export interface PropertyEdit {
  id: typeof SESSION_EXPIRY_INTERVAL | typeof WILL_DELAY_INTERVAL;
  value: number | undefined;
}

/** `problem` is the English for tests and the log's text; `text` is the same sentence to word. */
export type EditResult = { bytes: Buffer } | { problem: string; text: BrokerText };

function problem(reason: BrokerText): { problem: string; text: BrokerText } {
  return { problem: englishText(reason), text: reason };
}

const CONNECT = 1;
const PUBLISH = 3;
const DISCONNECT = 14;
const SUCCESS = 0x00;

class Overrun extends Error {
  constructor(readonly text: BrokerText) {
    super(englishText(text));
  }
}

/** Reads forward through a packet, throwing Overrun (caught in editProperty) past its end. */
class Cursor {
  constructor(
    private readonly bytes: Buffer,
    public at: number,
    private readonly end: number,
  ) {}

  skip(count: number): void {
    if (this.at + count > this.end) throw new Overrun(text('broker.wire.fieldOverrun', { at: String(this.at) }));
    this.at += count;
  }

  byte(): number {
    this.skip(1);
    return this.bytes[this.at - 1] ?? 0;
  }

  /** Skips a Two Byte length and that many bytes (a UTF-8 string or binary data), answering the length. */
  lengthPrefixed(): number {
    const length = this.byte() * 256 + this.byte();
    this.skip(length);
    return length;
  }

  variableByteInteger(): number {
    let value = 0;
    for (let multiplier = 1; multiplier <= 128 ** 3; multiplier *= 128) {
      const byte = this.byte();
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Overrun(text('broker.wire.integerOverrun'));
  }
}

/**
 * The packet with one property of its own property list (not a will's) set or removed, every other
 * byte as it came. Re-encoding the parsed packet instead would need an encoder as lenient as the
 * parser: mqtt-packet's `generate` throws on CONNECTs its parser accepts (an MQTT 5 Clean Start 0
 * with an empty client id, a password without a user name). Only CONNECT, PUBLISH and DISCONNECT
 * are edited. A packet that cannot be walked comes back as the problem, in words, never as an
 * exception; properties a packet should not carry are kept or removed like any other (removing one
 * from the broker's PUBLISH is what the edit is for).
 */
export function editProperty(packet: Buffer, edit: PropertyEdit): EditResult {
  try {
    const type = (packet[0] ?? 0) >> 4;
    const header = new Cursor(packet, 1, packet.length);
    const remainingLength = header.variableByteInteger();
    const bodyStart = header.at;
    if (bodyStart + remainingLength !== packet.length) return problem(text('broker.wire.lengthMismatch', { length: String(remainingLength), bytes: String(packet.length - bodyStart) }));
    const cursor = new Cursor(packet, bodyStart, packet.length);
    const added = edit.value === undefined ? [] : [propertyBytes(edit.id, edit.value)];
    if (type === DISCONNECT && remainingLength <= 1) {
      // MQTT 5 lets a DISCONNECT leave out its reason code (Success) and properties (§3.14.2.1).
      const reasonCode = remainingLength === 1 ? (packet[bodyStart] ?? SUCCESS) : SUCCESS;
      return { bytes: withBody(packet, Buffer.concat([Buffer.from([reasonCode]), propertyList(added)])) };
    }
    if (type === CONNECT) {
      cursor.lengthPrefixed(); // protocol name
      cursor.skip(4); // version, flags, keepalive
    } else if (type === PUBLISH) {
      cursor.lengthPrefixed(); // topic
      if (((packet[0] ?? 0) & 0x06) !== 0) cursor.skip(2); // packet identifier
    } else if (type === DISCONNECT) {
      cursor.skip(1); // reason code
    } else {
      return problem(text('broker.wire.notEdited', { type: String(type) }));
    }
    const listStart = cursor.at;
    const listLength = cursor.variableByteInteger();
    const kept: Buffer[] = [];
    const properties = new Cursor(packet, cursor.at, cursor.at + listLength);
    cursor.skip(listLength);
    while (properties.at < cursor.at) {
      const start = properties.at;
      const id = properties.variableByteInteger();
      skipValue(properties, id);
      if (id !== edit.id) kept.push(packet.subarray(start, properties.at));
    }
    const body = Buffer.concat([packet.subarray(bodyStart, listStart), propertyList([...kept, ...added]), packet.subarray(cursor.at)]);
    return { bytes: withBody(packet, body) };
  } catch (error) {
    if (error instanceof Overrun) return problem(error.text);
    throw error;
  }
}

function skipValue(cursor: Cursor, id: number): void {
  switch (propertyKind(id)) {
    case 'byte':
      return cursor.skip(1);
    case 'two':
      return cursor.skip(2);
    case 'four':
      return cursor.skip(4);
    case 'varint':
      cursor.variableByteInteger();
      return;
    case 'utf8':
    case 'binary':
      cursor.lengthPrefixed();
      return;
    case 'pair':
      cursor.lengthPrefixed();
      cursor.lengthPrefixed();
      return;
    case undefined:
      throw new Overrun(text('broker.wire.unknownProperty', { id: `0x${id.toString(16)}` }));
  }
}

function propertyBytes(id: number, value: number): Buffer {
  const bytes = Buffer.alloc(5);
  bytes[0] = id;
  bytes.writeUInt32BE(value, 1);
  return bytes;
}

function propertyList(properties: Buffer[]): Buffer {
  const list = Buffer.concat(properties);
  return Buffer.concat([variableByteInteger(list.length), list]);
}

function withBody(packet: Buffer, body: Buffer): Buffer {
  return Buffer.concat([packet.subarray(0, 1), variableByteInteger(body.length), body]);
}

/** §1.5.5: seven bits a byte, least significant first, the top bit saying another byte follows. */
export function variableByteInteger(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    const digit = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? digit | 0x80 : digit);
  } while (rest > 0);
  return Buffer.from(bytes);
}
