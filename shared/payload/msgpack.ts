/**
 * A MessagePack decoder for display (all formats of the spec, ext as {"$ext": type, "data": hex}).
 * Like the CBOR decoder it must consume the whole payload, refuses counts the remaining bytes cannot
 * hold, and stops at MAX_DECODE_DEPTH, so hostile input costs at most one pass over its bytes.
 */
import {
  DecodeError,
  floatValue,
  hexString,
  integerValue,
  keyString,
  newObject,
  strictText,
  type JsonValue,
} from './decoded-value';
import { ByteReader } from './byte-reader';

export function decodeMessagePack(bytes: Uint8Array): JsonValue {
  const reader = new MessagePackReader(bytes);
  const value = reader.item(0);
  reader.finish();
  return value;
}

class MessagePackReader extends ByteReader {
  constructor(bytes: Uint8Array) {
    super(bytes, 'MessagePack');
  }

  item(depth: number): JsonValue {
    this.checkDepth(depth);
    const start = this.offset;
    const type = this.view.getUint8(this.skip(1));
    if (type <= 0x7f) return type;
    if (type >= 0xe0) return type - 0x100;
    if (type <= 0x8f) return this.map(type & 0x0f, depth, start);
    if (type <= 0x9f) return this.array(type & 0x0f, depth, start);
    if (type <= 0xbf) return this.text(type & 0x1f, start);
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
      case 0xc5:
      case 0xc6:
        return { $bytes: hexString(this.take(this.count(this.length(type - 0xc4), 1, start), start)) };
      case 0xc7:
      case 0xc8:
      case 0xc9:
        return this.ext(this.length(type - 0xc7), start);
      case 0xca:
        return floatValue(this.view.getFloat32(this.skip(4)));
      case 0xcb:
        return floatValue(this.view.getFloat64(this.skip(8)));
      case 0xcc:
        return this.view.getUint8(this.skip(1));
      case 0xcd:
        return this.view.getUint16(this.skip(2));
      case 0xce:
        return this.view.getUint32(this.skip(4));
      case 0xcf:
        return integerValue(this.view.getBigUint64(this.skip(8)));
      case 0xd0:
        return this.view.getInt8(this.skip(1));
      case 0xd1:
        return this.view.getInt16(this.skip(2));
      case 0xd2:
        return this.view.getInt32(this.skip(4));
      case 0xd3:
        return integerValue(this.view.getBigInt64(this.skip(8)));
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        // fixext 1, 2, 4, 8, 16
        return this.ext(2 ** (type - 0xd4), start);
      case 0xd9:
      case 0xda:
      case 0xdb:
        return this.text(this.length(type - 0xd9), start);
      case 0xdc:
      case 0xdd:
        return this.array(this.length(type - 0xdc + 1), depth, start);
      case 0xde:
      case 0xdf:
        return this.map(this.length(type - 0xde + 1), depth, start);
      default:
        // 0xc1 is the one byte the spec never uses.
        throw new DecodeError(`Byte 0x${type.toString(16)} is not a MessagePack type`, start);
    }
  }

  private array(length: number, depth: number, start: number): JsonValue[] {
    const count = this.count(length, 1, start);
    const array: JsonValue[] = [];
    for (let index = 0; index < count; index++) array.push(this.item(depth + 1));
    return array;
  }

  private map(length: number, depth: number, start: number): JsonValue {
    const count = this.count(length, 2, start);
    const object = newObject();
    for (let index = 0; index < count; index++) {
      const key = this.item(depth + 1);
      object[keyString(key)] = this.item(depth + 1);
    }
    return object;
  }

  private text(length: number, start: number): string {
    return strictText(this.take(this.count(length, 1, start), start), start);
  }

  private ext(length: number, start: number): JsonValue {
    const type = this.view.getInt8(this.skip(1));
    const data = this.take(this.count(length, 1, start), start);
    const decoded: { [key: string]: JsonValue } = { $ext: type, data: hexString(data) };
    // Type -1 is the spec's own timestamp; showing it as a date saves decoding the hex by hand.
    if (type === -1) {
      const timestamp = timestampIso(data);
      if (timestamp !== undefined) decoded.timestamp = timestamp;
    }
    return decoded;
  }

  /** A big-endian length of 1, 2 or 4 bytes, chosen by 0, 1 or 2. */
  private length(sizeIndex: number): number {
    if (sizeIndex === 0) return this.view.getUint8(this.skip(1));
    if (sizeIndex === 1) return this.view.getUint16(this.skip(2));
    return this.view.getUint32(this.skip(4));
  }
}

/** The timestamp extension's 32-, 64- and 96-bit forms as an ISO 8601 string with nanoseconds. */
function timestampIso(data: Uint8Array): string | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let seconds: bigint;
  let nanoseconds: number;
  if (data.length === 4) {
    seconds = BigInt(view.getUint32(0));
    nanoseconds = 0;
  } else if (data.length === 8) {
    const value = view.getBigUint64(0);
    nanoseconds = Number(value >> 34n);
    seconds = value & 0x3ffffffffn;
  } else if (data.length === 12) {
    nanoseconds = view.getUint32(0);
    seconds = view.getBigInt64(4);
  } else return undefined;
  // Date covers ±8.64e15 ms; beyond it, or with an impossible nanosecond count, the hex alone is shown.
  if (nanoseconds > 999_999_999 || seconds > 8_640_000_000_000n || seconds < -8_640_000_000_000n) return undefined;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, -5)}.${String(nanoseconds).padStart(9, '0')}Z`;
}
