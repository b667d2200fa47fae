import { base64ToBytes, bytesToBase64 } from './preview';

/** How the publisher's payload field is read. `empty` sends no payload at all (0 bytes). */
export type PublishFormat = 'json' | 'plaintext' | 'hex' | 'base64' | 'empty';

/** The payload as `message.publish` takes it, or why the text cannot be sent in its format. */
export type EncodedPayload = { ok: true; payload: string; encoding: 'utf8' | 'base64'; size: number } | { ok: false; message: string };

const utf8 = new TextEncoder();

/**
 * Reads the publisher's text in its format. JSON is checked by the panel (it knows where the error
 * is); here it is text like plain text. Hex takes pairs of digits with any spaces, colons or dashes
 * between bytes (as hex dumps and Wireshark copy them); Base64 takes the standard and the URL-safe
 * alphabets, with or without padding.
 */
export function encodePublishPayload(format: PublishFormat, text: string): EncodedPayload {
  switch (format) {
    case 'json':
    case 'plaintext':
      return { ok: true, payload: text, encoding: 'utf8', size: utf8.encode(text).byteLength };
    case 'empty':
      return { ok: true, payload: '', encoding: 'utf8', size: 0 };
    case 'hex':
      return fromHex(text);
    case 'base64':
      return fromBase64(text);
  }
}

function fromHex(text: string): EncodedPayload {
  const read = readHex(text);
  if (!read.ok) return read;
  return { ok: true, payload: bytesToBase64(read.bytes), encoding: 'base64', size: read.bytes.length };
}

/**
 * Hex as people paste it: pairs of digits with any spaces, colons, dashes or 0x between bytes. The
 * refusal names the first character that is not a digit, or says the count of digits is odd.
 */
export function readHex(text: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  const digits = text.replace(/0x/gi, '').replace(/[\s:-]/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) return { ok: false, message: `"${bad[0]}" is not a hex digit: use 0–9 and a–f, with spaces, colons or dashes between bytes if you like.` };
  if (digits.length % 2 !== 0) return { ok: false, message: `Hex needs two digits per byte; there are ${digits.length} digits, one too many or too few.` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  return { ok: true, bytes };
}

function fromBase64(text: string): EncodedPayload {
  const compact = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const body = compact.replace(/={1,2}$/, '');
  const bad = /[^A-Za-z0-9+/]/.exec(body);
  if (bad) return { ok: false, message: `"${bad[0]}" is not a Base64 character: use A–Z, a–z, 0–9, + and / (or - and _), with = only at the end.` };
  if (body.length % 4 === 1) return { ok: false, message: `Base64 cannot end with a single character after the last group of four (${body.length} characters).` };
  const bytes = base64ToBytes(body);
  return { ok: true, payload: bytesToBase64(bytes), encoding: 'base64', size: bytes.length };
}
