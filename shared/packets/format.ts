/** Display forms shared by the packet dissectors. */
import type { Translator } from '../i18n';

export function hex(value: number, digits: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}

/** "0x0007 (7)": the wire form and the number, both, since learners read either. */
export function hexDec(value: number, digits: number): string {
  return `${hex(value, digits)} (${value})`;
}

const MAX_SHOWN_BYTES = 48;

export function hexBytes(bytes: Uint8Array, t: Translator): string {
  if (bytes.length === 0) return t('packets.anatomy.empty');
  const shown = Array.from(bytes.subarray(0, MAX_SHOWN_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > MAX_SHOWN_BYTES ? t('packets.anatomy.moreBytes', { shown, count: bytes.length }) : shown;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 text, or undefined when the bytes are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const MAX_SHOWN_CHARS = 200;

export function quoted(text: string): string {
  const shown = text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
  return JSON.stringify(shown);
}

/** A payload as text when it is printable UTF-8, else as hex. */
export function payloadValue(bytes: Uint8Array, t: Translator): string {
  if (bytes.length === 0) return t('packets.anatomy.empty');
  const text = utf8(bytes);
  // Control characters other than tab and line breaks mean binary data that happens to be valid UTF-8.
  if (text !== undefined && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return t('packets.anatomy.textBytes', { text: quoted(text), count: bytes.length });
  return hexBytes(bytes, t);
}
