/**
 * Turns a valid MQTT packet into a hostile one, for fuzz tests against anything that reads MQTT:
 * bit flips, truncations, wrong or oversized Remaining Lengths, reserved packet types and flags,
 * invalid UTF-8 in strings, properties a packet must not carry, garbage. Each mutation says what it
 * did (`how`), so a failing case can be read as well as replayed from its seed.
 */
import { variableByteInteger } from '../../electron/core/broker/wire/property-edit';
import { dissect } from '../../shared/packets/anatomy';
import { propertyKind, propertySections } from '../../shared/packets/properties';
import type { PropertyKind } from '../../shared/packets/properties';
import { pick, randomInt } from './seeded-random';

export interface Mutated {
  bytes: Buffer;
  how: string;
}

type Mutation = (packet: Buffer, random: () => number) => Mutated | undefined;

const hex = (bytes: Buffer | number[]) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

/** The Remaining Length of `packet` and where the body after it starts, or undefined when it is not there. */
function remainingLengthOf(packet: Buffer): { value: number; bodyStart: number } | undefined {
  let value = 0;
  for (let index = 1, multiplier = 1; index <= 4 && index < packet.length; index++, multiplier *= 128) {
    const byte = packet[index] ?? 0;
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return { value, bodyStart: index + 1 };
  }
  return undefined;
}

/** A packet with this first byte and body, its Remaining Length made to match. */
function withBody(first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first]), variableByteInteger(body.length), body]);
}

const flipBits = (packet: Buffer, random: () => number): Mutated => {
  const bytes = Buffer.from(packet);
  const flips: string[] = [];
  const count = 1 + randomInt(random, 4);
  for (let flip = 0; flip < count; flip++) {
    const at = randomInt(random, bytes.length);
    const bit = randomInt(random, 8);
    bytes[at] = (bytes[at] ?? 0) ^ (1 << bit);
    flips.push(`byte ${at} bit ${bit}`);
  }
  return { bytes, how: `flipped ${flips.join(', ')}` };
};

const truncate: Mutation = (packet, random) => {
  if (packet.length < 2) return undefined;
  const length = 1 + randomInt(random, packet.length - 1);
  return { bytes: packet.subarray(0, length), how: `truncated to ${length} of ${packet.length} bytes` };
};

const wrongRemainingLength: Mutation = (packet, random) => {
  const length = remainingLengthOf(packet);
  if (!length) return undefined;
  let claimed = randomInt(random, length.value + 40);
  if (claimed === length.value) claimed++;
  const body = packet.subarray(length.bodyStart);
  return { bytes: Buffer.concat([packet.subarray(0, 1), variableByteInteger(claimed), body]), how: `Remaining Length ${length.value} → ${claimed}` };
};

/** The largest legal value, one that runs past four bytes, and a four-byte encoding of zero. */
const oversizedLengths = [
  [0xff, 0xff, 0xff, 0x7f],
  [0xff, 0xff, 0xff, 0xff, 0x01],
  [0x80, 0x80, 0x80, 0x80, 0x00],
  [0xff, 0xff, 0x7f],
];

const oversizedRemainingLength: Mutation = (packet, random) => {
  const length = remainingLengthOf(packet);
  if (!length) return undefined;
  const encoded = pick(random, oversizedLengths);
  return { bytes: Buffer.concat([packet.subarray(0, 1), Buffer.from(encoded), packet.subarray(length.bodyStart)]), how: `Remaining Length bytes ${hex(encoded)}` };
};

const reservedType: Mutation = (packet, random) => {
  const type = pick(random, [0, 15]);
  const bytes = Buffer.from(packet);
  bytes[0] = (type << 4) | ((packet[0] ?? 0) & 0x0f);
  return { bytes, how: `packet type ${type}` };
};

const reservedFlags: Mutation = (packet, random) => {
  const original = (packet[0] ?? 0) & 0x0f;
  const flags = (original + 1 + randomInt(random, 15)) & 0x0f;
  const bytes = Buffer.from(packet);
  bytes[0] = ((packet[0] ?? 0) & 0xf0) | flags;
  return { bytes, how: `flags 0x${original.toString(16)} → 0x${flags.toString(16)}` };
};

/** A lone continuation byte, an overlong NUL, a UTF-16 surrogate, U+0000, a cut sequence, U+FFFF. */
const badUtf8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x00], [0xc3], [0xef, 0xbf, 0xbf]];

const invalidUtf8: Mutation = (packet, random) => {
  const length = remainingLengthOf(packet);
  if (!length || packet.length < length.bodyStart + 3) return undefined;
  // Half the time the first string of the body (a CONNECT's protocol name, a PUBLISH's topic), else anywhere.
  const firstString = length.bodyStart + 2;
  const at = random() < 0.5 ? firstString : firstString + randomInt(random, packet.length - firstString);
  const bad = pick(random, badUtf8);
  const bytes = Buffer.from(packet);
  Buffer.from(bad).copy(bytes, at);
  return { bytes, how: `invalid UTF-8 ${hex(bad)} at byte ${at}` };
};

const sampleValues: Record<PropertyKind, number[]> = {
  byte: [1],
  two: [0, 0],
  four: [0, 0, 0, 5],
  varint: [0],
  utf8: [0, 1, 0x61],
  binary: [0, 1, 0x00],
  pair: [0, 1, 0x6b, 0, 1, 0x76],
};

/** An MQTT 5 property this packet must not carry, put first in its property list. */
const foreignProperty: Mutation = (packet, random) => {
  const dissection = dissect(packet, 5);
  const sections = propertySections[dissection.type.toLowerCase() as keyof typeof propertySections] as { order: number[] } | undefined;
  const properties = dissection.fields.find((field) => field.name === 'Properties');
  const listLength = properties?.children?.[0];
  const length = remainingLengthOf(packet);
  if (!sections || !properties || !listLength || !length || dissection.problems.length > 0) return undefined;
  const foreign: number[] = [];
  for (let id = 1; id < 0x2b; id++) if (propertyKind(id) && !sections.order.includes(id)) foreign.push(id);
  const id = pick(random, foreign);
  const kind = propertyKind(id);
  if (!kind) return undefined;
  const list = Buffer.concat([Buffer.from([id, ...sampleValues[kind]]), packet.subarray(listLength.end, properties.end)]);
  const body = Buffer.concat([packet.subarray(length.bodyStart, properties.start), variableByteInteger(list.length), list, packet.subarray(properties.end)]);
  return { bytes: withBody(packet[0] ?? 0, body), how: `property 0x${id.toString(16)} added to a ${dissection.type}` };
};

const insertGarbage: Mutation = (packet, random) => {
  const length = remainingLengthOf(packet);
  if (!length) return undefined;
  const at = length.bodyStart + randomInt(random, packet.length - length.bodyStart + 1);
  const garbage = Buffer.from(Array.from({ length: 1 + randomInt(random, 8) }, () => randomInt(random, 256)));
  const body = Buffer.concat([packet.subarray(length.bodyStart, at), garbage, packet.subarray(at)]);
  return { bytes: withBody(packet[0] ?? 0, body), how: `inserted ${hex(garbage)} at byte ${at}` };
};

const randomBody: Mutation = (packet, random) => {
  const body = Buffer.from(Array.from({ length: randomInt(random, 40) }, () => randomInt(random, 256)));
  return { bytes: withBody(packet[0] ?? 0, body), how: `random body ${hex(body)}` };
};

const mutations: [name: string, mutation: Mutation][] = [
  ['flip', flipBits],
  ['truncate', truncate],
  ['length', wrongRemainingLength],
  ['oversized', oversizedRemainingLength],
  ['type', reservedType],
  ['flags', reservedFlags],
  ['utf8', invalidUtf8],
  ['property', foreignProperty],
  ['insert', insertGarbage],
  ['body', randomBody],
];

/** One random mutation of `valid`; when the one drawn does not apply to this packet, bits are flipped instead. */
export function mutatePacket(valid: Buffer, random: () => number): Mutated {
  const [, mutation] = pick(random, mutations);
  return mutation(valid, random) ?? flipBits(valid, random);
}

/** How the bytes go out: in one write, one byte a write, or in random small pieces. */
export function splitIntoWrites(bytes: Buffer, random: () => number): Buffer[] {
  const mode = random();
  if (mode < 0.4 || bytes.length <= 1) return [bytes];
  const pieces: Buffer[] = [];
  const oneByte = mode < 0.6;
  for (let offset = 0; offset < bytes.length; ) {
    const size = oneByte ? 1 : 1 + randomInt(random, 16);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}
