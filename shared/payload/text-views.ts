/** Views of payload bytes that need no format: lenient text with its invalid bytes located, and a hex dump. */

import { showInvisibleCharacters } from '../text/invisible-characters';
import { translator, type Translator } from '../i18n';
const lenientUtf8 = new TextDecoder('utf-8');

export type InvalidSequence = { offset: number; length: number };

/**
 * Where the bytes are not UTF-8. Each entry is one "maximal subpart" as the WHATWG decoder sees it,
 * so the entries match, one for one, the U+FFFD characters that the lenient decode shows.
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidSequence[] {
  const invalid: InvalidSequence[] = [];
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f; // no UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f; // nothing above U+10FFFF
    } else {
      invalid.push({ offset: index, length: 1 });
      index++;
      continue;
    }
    let next = index + 1;
    let complete = true;
    for (let seen = 0; seen < needed; seen++, next++) {
      const byte = bytes[next];
      if (byte === undefined || byte < lower || byte > upper) {
        complete = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
    }
    if (!complete) invalid.push({ offset: index, length: next - index });
    index = next;
  }
  return invalid;
}

/** Offsets listed in a note before it summarises the rest, so a noisy binary payload yields a readable note. */
const LISTED_OFFSETS = 20;

export function textView(bytes: Uint8Array, t: Translator = translator('en')): { text: string; notes: string[] } {
  const { text, count: controls } = showInvisibleCharacters(lenientUtf8.decode(bytes), { multiline: true });
  const notes: string[] = [];
  if (controls > 0) notes.push(t('payload.text.controls', { count: controls }));
  const invalid = findInvalidUtf8(bytes);
  if (invalid.length === 0) return { text, notes };
  const listed = invalid.slice(0, LISTED_OFFSETS).map((sequence) => String(sequence.offset));
  const more = invalid.length > LISTED_OFFSETS ? t('payload.text.more', { count: String(invalid.length - LISTED_OFFSETS) }) : '';
  return { text, notes: [...notes, t('payload.text.invalid', { count: invalid.length, offsets: listed.join(', '), more })] };
}

export const HEX_DUMP_BYTES_PER_LINE = 16;

/**
 * hexdump -C layout: an 8-digit hex offset, 16 bytes in two groups of 8, and an ASCII gutter where
 * anything outside printable ASCII is a dot. The last line is padded so the gutter stays aligned.
 */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += HEX_DUMP_BYTES_PER_LINE) {
    lines.push(hexDumpLine(bytes.subarray(offset, offset + HEX_DUMP_BYTES_PER_LINE), offset));
  }
  return lines.join('\n');
}

/** One line of the dump: up to 16 bytes found at `offset` of the whole payload. */
export function hexDumpLine(line: Uint8Array, offset: number): string {
  let hex = '';
  let ascii = '';
  for (let column = 0; column < HEX_DUMP_BYTES_PER_LINE; column++) {
    const byte = line[column];
    if (column === 8) hex += ' ';
    hex += byte === undefined ? '   ' : `${byte.toString(16).padStart(2, '0')} `;
    if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  }
  return `${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
}

/**
 * The longest start of `bytes` that does not end inside a UTF-8 sequence, so the first slice of a
 * large text payload does not show a cut character as invalid UTF-8.
 */
export function utf8Prefix(bytes: Uint8Array): Uint8Array {
  let start = bytes.length;
  // A sequence is at most 4 bytes: look back over at most 3 continuation bytes for its lead.
  while (start > 0 && bytes.length - start < 4 && ((bytes[start - 1] ?? 0) & 0xc0) === 0x80) start--;
  if (start === 0) return bytes;
  const lead = bytes[start - 1] ?? 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - (start - 1) < needed ? bytes.subarray(0, start - 1) : bytes;
}
