import { ByteReader } from './byte-reader';
import { DecodeError } from './decoded-value';

/** Protobuf wire types (encoding.md): the low three bits of every field's key. */
export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

export interface FieldKey {
  field: number;
  wireType: number;
  /** Where the key starts, for messages that name the byte. */
  start: number;
}

/**
 * A bounds-checked reader of the protobuf wire format, written here rather than taken from
 * protobufjs so that decoding never needs its generated (eval'd) code, and so the same reader serves
 * the renderer and the main process. Every read checks the bytes left; lengths are checked before
 * anything is sliced.
 */
export class ProtobufReader extends ByteReader {
  constructor(bytes: Uint8Array) {
    super(bytes, 'Protobuf');
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  key(): FieldKey {
    const start = this.offset;
    const key = this.varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new DecodeError('Field number 0 is not allowed', start);
    if (field > 536_870_911) throw new DecodeError(`Field number ${field} is beyond 2^29 − 1`, start);
    if (wireType > 5) throw new DecodeError(`Unknown wire type ${wireType}`, start);
    return { field, wireType, start };
  }

  /** An unsigned varint of up to ten bytes, as a 64-bit unsigned value. */
  varint(): bigint {
    const start = this.offset;
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.take(1, start)[0] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new DecodeError('Varint longer than ten bytes', start);
  }

  fixed32(): DataView {
    const from = this.skip(4);
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + from, 4);
  }

  fixed64(): DataView {
    const from = this.skip(8);
    return new DataView(this.bytes.buffer, this.bytes.byteOffset + from, 8);
  }

  lengthDelimited(): Uint8Array {
    const start = this.offset;
    const length = this.varint();
    return this.take(this.count(length, 1, start), start);
  }

  /**
   * A reader of an embedded message, limited to its bytes but counting offsets from the start of the
   * whole payload, so an error deep inside still names the byte of the payload.
   */
  embedded(): ProtobufReader {
    const start = this.offset;
    const length = this.count(this.varint(), 1, start);
    const from = this.offset;
    this.skip(length, start);
    const reader = new ProtobufReader(this.bytes.subarray(0, from + length));
    reader.offset = from;
    return reader;
  }

  /** Skips a field this decoder does not know, as protobuf requires. */
  skipField(key: FieldKey, depth = 0): void {
    this.checkDepth(depth);
    switch (key.wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.skip(8);
        return;
      case WireType.lengthDelimited:
        this.lengthDelimited();
        return;
      case WireType.fixed32:
        this.skip(4);
        return;
      case WireType.startGroup:
        for (;;) {
          const inner = this.key();
          if (inner.wireType === WireType.endGroup) {
            if (inner.field !== key.field) throw new DecodeError(`Group ${key.field} ends with field ${inner.field}`, inner.start);
            return;
          }
          this.skipField(inner, depth + 1);
        }
      default:
        throw new DecodeError('Unexpected end of group', key.start);
    }
  }

  /** Throws naming the byte when a field arrives with a wire type its declaration does not allow. */
  expect(key: FieldKey, wireType: number, name: string): void {
    if (key.wireType !== wireType) throw new DecodeError(`Field ${key.field} (${name}) has wire type ${key.wireType}, expected ${wireType}`, key.start);
  }
}

export const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(bytes: Uint8Array, offset: number): string {
  try {
    return textDecoder.decode(bytes);
  } catch {
    throw new DecodeError('String is not valid UTF-8', offset);
  }
}
