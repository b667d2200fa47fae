/** A minimal protobuf wire writer for the encoders: bytes are gathered in parts and joined once. */
export class ProtobufWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  varint(value: bigint): this {
    let rest = BigInt.asUintN(64, value);
    const bytes: number[] = [];
    while (rest > 0x7fn) {
      bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(Number(rest));
    this.push(Uint8Array.from(bytes));
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint((BigInt(field) << 3n) | BigInt(wireType));
  }

  fixed32(write: (view: DataView) => void): this {
    const bytes = new Uint8Array(4);
    write(new DataView(bytes.buffer));
    this.push(bytes);
    return this;
  }

  fixed64(write: (view: DataView) => void): this {
    const bytes = new Uint8Array(8);
    write(new DataView(bytes.buffer));
    this.push(bytes);
    return this;
  }

  bytes(bytes: Uint8Array): this {
    this.varint(BigInt(bytes.length));
    this.push(bytes);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

/** A JSON value the user typed could not be encoded; `path` names the field, as `metrics[2].value`. */
export class EncodeError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path === '' ? 'The payload' : path}: ${problem}`);
  }
}

export function hexBytes(text: string, path: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(text)) throw new EncodeError(path, 'bytes are written as {"$bytes": "hex digits"}, two per byte.');
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** An integer from a JSON number, a digit string, or {"$bigint": "…"}, checked against its range. */
export function integerFrom(value: unknown, path: string, bits: number, signed: boolean): bigint {
  let result: bigint | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) result = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) result = BigInt(value);
  else if (value !== null && typeof value === 'object' && typeof (value as { $bigint?: unknown }).$bigint === 'string' && /^-?\d+$/.test((value as { $bigint: string }).$bigint)) result = BigInt((value as { $bigint: string }).$bigint);
  if (result === undefined) throw new EncodeError(path, `expected a whole number, got ${JSON.stringify(value)}.`);
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (result < min || result > max) throw new EncodeError(path, `${result} is outside the ${signed ? 'signed' : 'unsigned'} ${bits}-bit range.`);
  return result;
}

export function numberFrom(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && typeof (value as { $float?: unknown }).$float === 'string') return Number((value as { $float: string }).$float);
  throw new EncodeError(path, `expected a number, got ${JSON.stringify(value)}.`);
}
