/**
 * Turning payload bytes into something a list row can show. Payloads stay bytes everywhere else;
 * this runs only for the short preview of a row and for the one message a user opens.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type DecodedPayload = { kind: 'text'; text: string } | { kind: 'binary' };

/** UTF-8 text when the bytes are valid UTF-8 without control characters other than whitespace, else binary. */
export function decodePayload(bytes: Uint8Array): DecodedPayload {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { kind: 'binary' };
  }
  // Tabs, newlines and carriage returns are ordinary in text payloads; other C0 controls mean binary.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return { kind: 'binary' };
  return { kind: 'text', text };
}

export function toHex(bytes: Uint8Array, maxBytes = bytes.length): string {
  const parts: string[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let index = 0; index < end; index++) parts.push((bytes[index] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/**
 * A one-line preview. It never pretends to be the whole payload: when cut, it ends with an ellipsis,
 * and the row also carries the full size.
 */
export function payloadPreview(bytes: Uint8Array, maxChars = 160): string {
  if (bytes.length === 0) return '';
  const ascii = plainAsciiPreview(bytes, maxChars);
  if (ascii !== undefined) return ascii;
  // Decoding a huge payload only to show 160 characters would be wasted work on the hot path,
  // so only a prefix is decoded; 4 bytes per character covers any UTF-8 sequence.
  const prefix = bytes.length > maxChars * 4 ? bytes.subarray(0, maxChars * 4) : bytes;
  const decoded = decodePayload(prefix);
  const cutPrefix = prefix.length < bytes.length;
  if (decoded.kind === 'binary') {
    // A cut may split a UTF-8 sequence, so a cut prefix that fails to decode might still be text.
    if (cutPrefix) {
      const lenient = new TextDecoder('utf-8').decode(prefix);
      if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(lenient.slice(0, -1))) {
        return oneLine(lenient, maxChars, true);
      }
    }
    const hexBytes = Math.floor(maxChars / 3);
    return `0x ${toHex(bytes, hexBytes)}${bytes.length > hexBytes ? ' …' : ''}`;
  }
  return oneLine(decoded.text, maxChars, cutPrefix);
}

function oneLine(text: string, maxChars: number, alreadyCut: boolean): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length > maxChars) return `${flat.slice(0, maxChars)}…`;
  return alreadyCut ? `${flat}…` : flat;
}

/** Base64 without Node's Buffer or the DOM's btoa, since shared/ has neither. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(triple >> 18) & 63];
    out += alphabet[(triple >> 12) & 63];
    out += b === undefined ? '=' : alphabet[(triple >> 6) & 63];
    out += c === undefined ? '=' : alphabet[triple & 63];
  }
  return out;
}

export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let position = 0;
  for (const char of clean) {
    const value = alphabet.indexOf(char);
    if (value === -1) throw new Error(`Invalid base64 character "${char}".`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[position++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, position);
}

/**
 * The common case on the ingest path, a short payload of printable ASCII with single spaces, gives
 * the same preview as the general path without a decoder, a regex or a copy of the string. Returns
 * undefined for anything else (longer, non-ASCII, tabs, newlines, runs of spaces, edge spaces).
 */
const asciiDecoder = new TextDecoder('utf-8');

function plainAsciiPreview(bytes: Uint8Array, maxChars: number): string | undefined {
  const length = bytes.length;
  if (length > maxChars || bytes[0] === 0x20 || bytes[length - 1] === 0x20) return undefined;
  let previous = 0;
  for (let index = 0; index < length; index++) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x20 || byte > 0x7e || (byte === 0x20 && previous === 0x20)) return undefined;
    previous = byte;
  }
  // Checked ASCII, so the plain UTF-8 decoder cannot fail; it is several times faster than fromCharCode.apply.
  return asciiDecoder.decode(bytes);
}
