/** Reads one encoded value (MQTT 5 §1.5, 3.1.1 §1.5) and describes its bytes as a Field. */
import type { Field, FieldGroup } from './field';
import { hexBytes, hexDec, quoted, utf8 } from './format';
import type { Reader } from './reader';

export interface About {
  name: string;
  explanation: string;
  spec: string;
  group: FieldGroup;
}

export function byteField(r: Reader, about: About, describe?: (value: number) => string): { field: Field; value: number } {
  const start = r.pos;
  const value = r.u8(about.name);
  const shown = hexDec(value, 2);
  return { field: { ...about, start, end: r.pos, value: describe ? `${shown} ${describe(value)}` : shown }, value };
}

export function twoByteField(r: Reader, about: About, describe?: (value: number) => string): { field: Field; value: number } {
  const start = r.pos;
  const value = r.u16(about.name);
  const shown = hexDec(value, 4);
  return { field: { ...about, start, end: r.pos, value: describe ? `${shown} ${describe(value)}` : shown }, value };
}

export function fourByteField(r: Reader, about: About, describe?: (value: number) => string): { field: Field; value: number } {
  const start = r.pos;
  const value = r.u32(about.name);
  const shown = hexDec(value, 8);
  return { field: { ...about, start, end: r.pos, value: describe ? `${shown} ${describe(value)}` : shown }, value };
}

/** A Variable Byte Integer, with one child per byte saying what it adds and whether another follows. */
export function varintField(r: Reader, about: About, varintSpec: string): { field: Field; value: number } {
  const start = r.pos;
  const value = r.varint(about.name);
  const children: Field[] = [];
  let multiplier = 1;
  for (let at = start; at < r.pos; at++) {
    const b = r.bytes[at] ?? 0;
    const more = (b & 0x80) !== 0;
    children.push({
      name: `Byte ${at - start + 1}`,
      start: at,
      end: at + 1,
      value: `0x${b.toString(16).toUpperCase().padStart(2, '0')}`,
      explanation: r.t(more ? 'packets.anatomy.varintByte' : 'packets.anatomy.varintLastByte', { low: b & 0x7f, multiplier, product: (b & 0x7f) * multiplier }),
      spec: varintSpec,
      group: about.group,
    });
    multiplier *= 128;
  }
  return { field: { ...about, start, end: r.pos, value: String(value), children }, value };
}

function lengthChild(r: Reader, start: number, length: number, group: FieldGroup, spec: string, unit: 'utf8' | 'bytes'): Field {
  return {
    name: 'Length',
    start,
    end: start + 2,
    value: hexDec(length, 4),
    explanation: r.t(unit === 'utf8' ? 'packets.anatomy.lengthUtf8' : 'packets.anatomy.lengthBytes'),
    spec,
    group,
  };
}

/** A UTF-8 Encoded String: two-byte length, then that many bytes of UTF-8. */
export function stringField(r: Reader, about: About, stringSpec: string): { field: Field; value: string | undefined } {
  const start = r.pos;
  const length = r.u16(`${about.name} length`);
  const bytes = r.take(length, about.name);
  const text = utf8(bytes);
  const children: Field[] = [
    lengthChild(r, start, length, about.group, stringSpec, 'utf8'),
    {
      name: 'Characters',
      start: start + 2,
      end: r.pos,
      value: text === undefined ? r.t('packets.anatomy.notUtf8Value', { hex: hexBytes(bytes, r.t) }) : quoted(text),
      explanation: r.t(text === undefined ? 'packets.anatomy.notUtf8' : 'packets.anatomy.characters'),
      spec: stringSpec,
      group: about.group,
    },
  ];
  const value = text === undefined ? r.t('packets.anatomy.notUtf8Value', { hex: hexBytes(bytes, r.t) }) : quoted(text);
  return { field: { ...about, start, end: r.pos, value, children }, value: text };
}

/** Binary Data: two-byte length, then that many bytes. */
export function binaryField(r: Reader, about: About, binarySpec: string): { field: Field; value: Uint8Array } {
  const start = r.pos;
  const length = r.u16(`${about.name} length`);
  const bytes = r.take(length, about.name);
  const children: Field[] = [
    lengthChild(r, start, length, about.group, binarySpec, 'bytes'),
    { name: 'Data', start: start + 2, end: r.pos, value: hexBytes(bytes, r.t), explanation: r.t('packets.anatomy.data'), spec: binarySpec, group: about.group },
  ];
  return { field: { ...about, start, end: r.pos, value: hexBytes(bytes, r.t), children }, value: bytes };
}

/** Two bits-of-a-byte or whole-byte flag descriptions share the byte's range. */
export function bitField(at: number, bits: string, about: About, value: string): Field {
  return { ...about, start: at, end: at + 1, bits, value };
}
