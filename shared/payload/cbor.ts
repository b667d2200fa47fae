/**
 * A CBOR (RFC 8949) decoder for display. It decodes exactly one data item that must span the whole
 * payload; anything else is an error, so the detector never claims CBOR for bytes that merely start like it.
 * Work is bounded by the payload length: every item consumes at least one byte, a count larger than the
 * bytes left is refused before any allocation, and nesting stops at MAX_DECODE_DEPTH.
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

const BREAK = Symbol('break');

export function decodeCbor(bytes: Uint8Array): JsonValue {
  const reader = new CborReader(bytes);
  const value = reader.item(0);
  if (value === BREAK) throw new DecodeError('Unexpected "break" outside an indefinite-length item', 0);
  reader.finish();
  return value;
}

class CborReader extends ByteReader {
  constructor(bytes: Uint8Array) {
    super(bytes, 'CBOR');
  }

  item(depth: number): JsonValue | typeof BREAK {
    this.checkDepth(depth);
    const start = this.offset;
    const initial = this.take(1)[0] ?? 0;
    const major = initial >> 5;
    const additional = initial & 0x1f;
    if (major === 7) return this.simpleOrFloat(additional, start);
    if (additional === 31) return this.indefinite(major, depth, start);
    const argument = this.argument(additional, start);
    switch (major) {
      case 0:
        return integerValue(argument);
      case 1:
        return integerValue(-1n - argument);
      case 2:
        return { $bytes: hexString(this.take(this.count(argument, 1, start))) };
      case 3:
        return strictText(this.take(this.count(argument, 1, start)), start);
      case 4: {
        const length = this.count(argument, 1, start);
        const array: JsonValue[] = [];
        for (let index = 0; index < length; index++) array.push(this.definite(depth + 1));
        return array;
      }
      case 5: {
        const length = this.count(argument, 2, start);
        const object = newObject();
        for (let index = 0; index < length; index++) {
          const key = this.definite(depth + 1);
          object[keyString(key)] = this.definite(depth + 1);
        }
        return object;
      }
      default:
        // Major type 6: a tag wraps exactly one item.
        return { $tag: integerValue(argument), value: this.definite(depth + 1) };
    }
  }

  /** An item where a "break" would be malformed. */
  private definite(depth: number): JsonValue {
    const start = this.offset;
    const value = this.item(depth);
    if (value === BREAK) throw new DecodeError('Unexpected "break"', start);
    return value;
  }

  private indefinite(major: number, depth: number, start: number): JsonValue {
    if (major === 2 || major === 3) {
      // Chunks must be definite strings of the same major type.
      const chunks: Uint8Array[] = [];
      for (;;) {
        const chunkStart = this.offset;
        const head = this.take(1)[0] ?? 0;
        if (head === 0xff) break;
        if (head >> 5 !== major || (head & 0x1f) === 31) throw new DecodeError('Invalid chunk in an indefinite-length string', chunkStart);
        chunks.push(this.take(this.count(this.argument(head & 0x1f, chunkStart), 1, chunkStart)));
      }
      const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      let position = 0;
      for (const chunk of chunks) {
        joined.set(chunk, position);
        position += chunk.length;
      }
      return major === 2 ? { $bytes: hexString(joined) } : strictText(joined, start);
    }
    if (major === 4) {
      const array: JsonValue[] = [];
      for (;;) {
        const value = this.item(depth + 1);
        if (value === BREAK) return array;
        array.push(value);
      }
    }
    if (major === 5) {
      const object = newObject();
      for (;;) {
        const key = this.item(depth + 1);
        if (key === BREAK) return object;
        object[keyString(key)] = this.definite(depth + 1);
      }
    }
    throw new DecodeError(`Major type ${major} cannot have an indefinite length`, start);
  }

  private simpleOrFloat(additional: number, start: number): JsonValue | typeof BREAK {
    if (additional < 20) return { $simple: additional };
    switch (additional) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return { $undefined: true };
      case 24: {
        const value = this.take(1)[0] ?? 0;
        // RFC 8949 §3.3: values below 32 must use the one-byte form.
        if (value < 32) throw new DecodeError('Simple value below 32 in two-byte form', start);
        return { $simple: value };
      }
      case 25:
        return floatValue(float16(this.view.getUint16(this.skip(2))));
      case 26:
        return floatValue(this.view.getFloat32(this.skip(4)));
      case 27:
        return floatValue(this.view.getFloat64(this.skip(8)));
      case 31:
        return BREAK;
      default:
        throw new DecodeError(`Reserved additional information ${additional}`, start);
    }
  }

  private argument(additional: number, start: number): bigint {
    if (additional < 24) return BigInt(additional);
    if (additional === 24) return BigInt(this.view.getUint8(this.skip(1)));
    if (additional === 25) return BigInt(this.view.getUint16(this.skip(2)));
    if (additional === 26) return BigInt(this.view.getUint32(this.skip(4)));
    if (additional === 27) return this.view.getBigUint64(this.skip(8));
    throw new DecodeError(`Reserved additional information ${additional}`, start);
  }

  /** A length or item count, refused when the bytes left could not possibly hold it. */
}

/** IEEE 754 half precision, per RFC 8949 Appendix D. */
function float16(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  let value: number;
  if (exponent === 0) value = mantissa * 2 ** -24;
  else if (exponent !== 31) value = (mantissa + 1024) * 2 ** (exponent - 25);
  else value = mantissa === 0 ? Infinity : NaN;
  return half & 0x8000 ? -value : value;
}
