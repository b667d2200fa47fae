/**
 * The ways the message detail can show a payload, which one fits a payload best, and the rendering
 * of each. Pure: the renderer only puts the resulting text on screen (as text, never as HTML).
 */
import { decodeCbor } from './cbor';
import { DecodeError, type JsonValue } from './decoded-value';
import { prettyJson } from './json-pretty';
import { decodeMessagePack } from './msgpack';
import { bytesToBase64, decodePayload } from './preview';
import { findInvalidUtf8, hexDump, textView } from './text-views';
import { translator, type MessageKey, type Translator } from '../i18n';

export const payloadViews = ['text', 'json', 'hex', 'base64', 'cbor', 'msgpack'] as const;
export type PayloadView = (typeof payloadViews)[number];

/** Catalogue keys of the view names; the screen words them in its language (English: Text, JSON, Hex dump…). */
export const payloadViewLabelKeys = {
  text: 'payload.viewName.text',
  json: 'payload.viewName.json',
  hex: 'payload.viewName.hex',
  base64: 'payload.viewName.base64',
  cbor: 'payload.viewName.cbor',
  msgpack: 'payload.viewName.msgpack',
} as const satisfies Record<PayloadView, MessageKey>;

export type RenderedPayload = { text: string; language: 'json' | 'plaintext'; notes: string[] } | { error: string };

/**
 * JSON if it parses; text if it is printable UTF-8; CBOR, then MessagePack, only when one decodes the
 * whole payload (binary bytes alone, since a short text like "1" is also a valid CBOR item); else hex.
 */
export function detectPayloadView(bytes: Uint8Array): PayloadView {
  const decoded = decodePayload(bytes);
  if (decoded.kind === 'text') return parseJson(decoded.text) === undefined ? 'text' : 'json';
  if (decodesCleanly(decodeCbor, bytes)) return 'cbor';
  if (decodesCleanly(decodeMessagePack, bytes)) return 'msgpack';
  return 'hex';
}

/** `t` words the notes and errors (English unless the caller passes the language on screen). */
export function renderPayloadView(bytes: Uint8Array, view: PayloadView, t: Translator = translator('en')): RenderedPayload {
  switch (view) {
    case 'text':
      return { ...textView(bytes, t), language: 'plaintext' };
    case 'json':
      return renderJson(bytes, t);
    case 'hex':
      return { text: hexDump(bytes), language: 'plaintext', notes: [t('payload.view.hexNote', { count: String(bytes.length) })] };
    case 'base64':
      return { text: bytesToBase64(bytes), language: 'plaintext', notes: [] };
    case 'cbor':
      return renderDecoded('CBOR', decodeCbor, bytes, t);
    case 'msgpack':
      return renderDecoded('MessagePack', decodeMessagePack, bytes, t);
  }
}

function renderJson(bytes: Uint8Array, t: Translator): RenderedPayload {
  const decoded = decodePayload(bytes);
  // decodePayload also calls text with control characters binary; JSON.parse rejects those anyway.
  if (decoded.kind === 'binary') {
    const invalid = findInvalidUtf8(bytes).length;
    return { error: invalid > 0 ? t('payload.view.notUtf8', { count: invalid }) : t('payload.view.controls') };
  }
  if (parseJson(decoded.text) === undefined) return { error: t('payload.view.notParsed') };
  // Re-indented, not re-serialised: JSON.stringify would round numbers beyond 2^53.
  return { text: prettyJson(decoded.text), language: 'json', notes: [] };
}

function renderDecoded(format: string, decode: (bytes: Uint8Array) => JsonValue, bytes: Uint8Array, t: Translator): RenderedPayload {
  try {
    return { text: JSON.stringify(decode(bytes), null, 2), language: 'json', notes: [t('payload.view.decodedNote')] };
  } catch (error) {
    // The decoder's detail (which byte, what it is) is still English: shared/payload's DecodeError.
    return { error: t('payload.view.notFormat', { format, detail: describe(error) }) };
  }
}

function decodesCleanly(decode: (bytes: Uint8Array) => JsonValue, bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  // A RangeError here would be a decoder bug, but the view must still show a message, not crash.
  if (error instanceof DecodeError || error instanceof Error) return error.message;
  return String(error);
}

/** What the diff compares: pretty JSON when the payload is JSON (so layout does not hide or fake changes), else the text view. */
export function comparableText(bytes: Uint8Array): { text: string; language: 'json' | 'plaintext' } {
  const decoded = decodePayload(bytes);
  if (decoded.kind === 'text' && parseJson(decoded.text) !== undefined) return { text: prettyJson(decoded.text), language: 'json' };
  return { text: textView(bytes).text, language: 'plaintext' };
}
