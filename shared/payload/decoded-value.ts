/**
 * The JSON shape that binary decoders (CBOR, MessagePack) produce. Values JSON cannot hold are
 * wrapped in objects whose single key starts with "$", so the view stays valid, foldable JSON.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Decoders refuse nesting deeper than this instead of risking the call stack. */
export const MAX_DECODE_DEPTH = 256;

export class DecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

export function hexString(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Integers beyond 2^53 would silently lose digits as a JSON number, so they become strings under "$bigint". */
export function integerValue(value: bigint): JsonValue {
  if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
  return { $bigint: value.toString() };
}

/** JSON has no NaN or infinities. */
export function floatValue(value: number): JsonValue {
  return Number.isFinite(value) ? value : { $float: String(value) };
}

/**
 * Map keys in CBOR and MessagePack may be any value; JSON keys are strings. A null-prototype object
 * keeps a key such as "__proto__" an ordinary property instead of a prototype change.
 */
export function newObject(): { [key: string]: JsonValue } {
  return Object.create(null) as { [key: string]: JsonValue };
}

export function keyString(key: JsonValue): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function strictText(bytes: Uint8Array, offset: number): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new DecodeError('String is not valid UTF-8', offset);
  }
}
