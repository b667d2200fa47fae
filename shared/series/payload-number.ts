import type { PathSegment } from './field-path';
import { numberAt } from './field-path';

const decoder = new TextDecoder('utf-8');

/** A bare number payload is short; anything longer is not worth decoding to find out it is not one. */
const MAX_BARE_NUMBER_BYTES = 64;

/**
 * The finite number a payload holds at a field path, or undefined. The empty path takes the whole
 * payload as a JSON number (`21.5`, ` -3e2\n`); other paths look inside a JSON object or array.
 * Bytes that cannot start such a document are refused before any decoding, which keeps a binary or
 * plain-text topic cheap to scan.
 */
export function payloadNumber(payload: Uint8Array, segments: readonly PathSegment[]): number | undefined {
  const first = firstNonSpace(payload);
  if (first === undefined) return undefined;
  if (segments.length === 0) {
    if (payload.length > MAX_BARE_NUMBER_BYTES || !(first === 0x2d || (first >= 0x30 && first <= 0x39))) return undefined;
  } else if (first !== 0x7b && first !== 0x5b) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
  return numberAt(parsed, segments);
}

/** The first byte that is not JSON whitespace. */
function firstNonSpace(payload: Uint8Array): number | undefined {
  for (const byte of payload) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  return undefined;
}

/** A JSON document a payload holds, for the field picker: undefined when it is not JSON. */
export function payloadJson(payload: Uint8Array): unknown {
  const first = firstNonSpace(payload);
  if (first === undefined) return undefined;
  if (first !== 0x7b && first !== 0x5b && first !== 0x2d && !(first >= 0x30 && first <= 0x39)) return undefined;
  try {
    return JSON.parse(decoder.decode(payload)) as unknown;
  } catch {
    return undefined;
  }
}
