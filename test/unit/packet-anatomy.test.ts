import { generate } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { dissect } from '../../shared/packets/anatomy';
import type { Field } from '../../shared/packets/field';
import { bytesOf, fixtures } from '../fixtures/packet-encodings';
import type { ExpectedField } from '../fixtures/packet-encodings';

function shape(fields: Field[], withValues: ExpectedField[]): ExpectedField[] {
  return fields.map((f, i) => {
    const row: ExpectedField = [f.name, f.start, f.end, f.spec];
    if (withValues[i]?.[4] !== undefined) row.push(f.value);
    return row;
  });
}

describe('packet anatomy: hand-checked encodings of every packet type', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const bytes = bytesOf(fixture.hex);
    const d = dissect(bytes, fixture.version);
    expect(d.problems).toEqual([]);
    expect(d.type).toBe(fixture.type);
    expect(shape(d.fields, fixture.fields)).toEqual(fixture.fields);
    for (const [index, children] of Object.entries(fixture.children ?? {})) {
      const field = d.fields[Number(index)];
      expect(shape(field?.children ?? [], children), `children of ${field?.name}`).toEqual(children);
    }
    // Every byte of the packet belongs to exactly one top-level field, bit fields of the first byte aside.
    const covered = new Array<number>(bytes.length).fill(0);
    for (const f of d.fields) if (f.start > 0 || f.name === 'Packet Type') for (let i = f.start; i < f.end; i++) covered[i]! += 1;
    expect(covered.every((n) => n === 1)).toBe(true);
  });

  it('covers all 15 MQTT 5 packet types and the 14 of MQTT 3.1.1', () => {
    const v5 = new Set(fixtures.filter((f) => f.version === 5).map((f) => f.type));
    const v311 = new Set(fixtures.filter((f) => f.version === 4).map((f) => f.type));
    const all = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];
    expect(all.filter((t) => !v5.has(t))).toEqual([]);
    expect(all.filter((t) => !v311.has(t))).toEqual(['AUTH']);
  });

  it('explains every field in one line', () => {
    for (const fixture of fixtures) {
      const walk = (fields: Field[]): void => {
        for (const f of fields) {
          expect(f.explanation.length, `${fixture.name}: ${f.name}`).toBeGreaterThan(5);
          expect(f.explanation).not.toContain('\n');
          expect(f.spec).toMatch(/^\d+(\.\d+)*$/);
          walk(f.children ?? []);
        }
      };
      walk(dissect(bytesOf(fixture.hex), fixture.version).fields);
    }
  });

  it('explains each byte of a two-byte Remaining Length', () => {
    const payload = new Uint8Array(200).fill(0x78);
    // 205 = 5 (topic "a/b" with its length) + 200: 205 = 77 + 1 × 128 → 0xCD (77 | continuation), 0x01 (3.1.1 §2.2.3).
    const bytes = new Uint8Array([0x30, 0xcd, 0x01, 0x00, 0x03, 0x61, 0x2f, 0x62, ...payload]);
    const d = dissect(bytes, 4);
    expect(d.problems).toEqual([]);
    const length = d.fields.find((f) => f.name === 'Remaining Length');
    expect(length).toMatchObject({ start: 1, end: 3, value: '205', spec: '2.2.3' });
    expect(length?.children?.map((c) => [c.name, c.start, c.end, c.value, c.spec])).toEqual([
      ['Byte 1', 1, 2, '0xCD', '2.2.3'],
      ['Byte 2', 2, 3, '0x01', '2.2.3'],
    ]);
    expect(length?.children?.[0]?.explanation).toContain('77 × 1 = 77; continuation bit 1');
    expect(length?.children?.[1]?.explanation).toContain('1 × 128 = 128; continuation bit 0');
    expect(d.fields.at(-1)).toMatchObject({ name: 'Payload', start: 8, end: 208 });
  });

  it('names the string and length parts of a UTF-8 string, and the id and value of a property', () => {
    const publish = fixtures.find((f) => f.name.startsWith('PUBLISH 5.0'));
    const d = dissect(bytesOf(publish?.hex ?? ''), 5);
    const topic = d.fields.find((f) => f.name === 'Topic Name');
    expect(topic?.children?.map((c) => [c.name, c.start, c.end, c.value, c.spec])).toEqual([
      ['Length', 2, 4, '0x0009 (9)', '1.5.4'],
      ['Characters', 4, 13, '"sensors/a"', '1.5.4'],
    ]);
    const userProperty = d.fields.find((f) => f.name === 'Properties')?.children?.find((c) => c.name === 'User Property');
    expect(userProperty?.children?.map((c) => [c.name, c.start, c.end, c.value, c.spec])).toEqual([
      ['Identifier', 42, 43, '0x26 (38) User Property', '2.2.2.2'],
      ['Name', 43, 46, '"k"', '3.3.2.3.7'],
      ['Value', 46, 49, '"v"', '3.3.2.3.7'],
    ]);
  });
});

/** The same packets as objects: mqtt-packet must encode each to exactly the fixture's bytes. */
const crossChecks: [fixtureName: string, packet: Packet, version: 3 | 4 | 5][] = [
  [
    'CONNECT 5.0 with properties, will (QoS 1, will properties), user name and password',
    {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 5,
      clean: true,
      keepalive: 60,
      clientId: 'c1',
      username: 'u',
      password: Buffer.from('p'),
      will: { topic: 'w', payload: Buffer.from('x'), qos: 1, retain: false, properties: { willDelayInterval: 5 } },
      properties: { sessionExpiryInterval: 60, receiveMaximum: 20 },
    },
    5,
  ],
  ['CONNECT 3.1.1 with clean session, user name and password', { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 30, clientId: 'abc', username: 'bob', password: Buffer.from('pw') }, 4],
  ['CONNACK 3.1.1 refusing: return code 5', { cmd: 'connack', sessionPresent: false, returnCode: 5 }, 4],
  ['CONNECT 3.1 (MQIsdp, protocol level 3)', { cmd: 'connect', protocolId: 'MQIsdp', protocolVersion: 3, clean: true, keepalive: 60, clientId: 'c1' }, 3],
  ['PUBLISH 3.1.1 QoS 0', { cmd: 'publish', topic: 'a/b', payload: Buffer.from('21.5'), qos: 0, dup: false, retain: false }, 4],
  // mqtt-packet leaves out a Success reason code only when given one explicitly.
  ['PUBACK 5.0 in its short form (Remaining Length 2: Success, no properties)', { cmd: 'puback', messageId: 7, reasonCode: 0 }, 5],
  ['PUBCOMP 5.0 with reason code and an empty property list', { cmd: 'pubcomp', messageId: 7, reasonCode: 0x92 }, 5],
  ['PUBREL 3.1.1', { cmd: 'pubrel', messageId: 7 }, 4],
  ['SUBSCRIBE 3.1.1', { cmd: 'subscribe', messageId: 10, subscriptions: [{ topic: 'a/b', qos: 1 }] }, 4],
  ['SUBACK 3.1.1 with success and failure', { cmd: 'suback', messageId: 10, granted: [1, 128] }, 4],
  ['UNSUBSCRIBE 3.1.1', { cmd: 'unsubscribe', messageId: 2, unsubscriptions: ['#'] }, 4],
  ['PINGREQ', { cmd: 'pingreq' }, 5],
  ['AUTH 5.0 continuing authentication', { cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'M1', authenticationData: Buffer.from([1, 2]) } }, 5],
];

describe('packet anatomy fixtures agree with mqtt-packet', () => {
  it.each(crossChecks)('%s', (fixtureName, packet, version) => {
    const fixture = fixtures.find((f) => f.name === fixtureName);
    expect(fixture).toBeDefined();
    expect(Buffer.from(bytesOf(fixture?.hex ?? '')).toString('hex')).toBe(generate(packet, { protocolVersion: version }).toString('hex'));
  });
});

describe('packet anatomy on malformed input', () => {
  it('reports a truncated packet and keeps the fields read before the cut', () => {
    const publish = bytesOf(fixtures.find((f) => f.name.startsWith('PUBLISH 5.0'))?.hex ?? '');
    const d = dissect(publish.subarray(0, 20), 5);
    expect(d.problems).toContain('The Remaining Length declares 52 bytes but only 18 follow: the packet is truncated.');
    expect(d.problems.some((p) => p.includes('Message Expiry Interval') || p.includes('Value needs'))).toBe(true);
    expect(d.fields.map((f) => f.name)).toEqual(['Packet Type', 'DUP', 'QoS', 'RETAIN', 'Remaining Length', 'Topic Name', 'Packet Identifier', 'Properties']);
    expect(d.fields.at(-1)?.children?.map((c) => c.name)).toEqual(['Property Length', 'Payload Format Indicator']);
  });

  it('reports wrong fixed-header flags', () => {
    expect(dissect(bytesOf('80 08 00 0A 00 03 61 2F 62 01'), 4).problems).toEqual(['The fixed-header flags of a SUBSCRIBE must be 0010, not 0000.']);
  });

  it('reports QoS 3 and DUP on QoS 0', () => {
    expect(dissect(bytesOf('36 03 00 01 74'), 5).problems[0]).toContain('QoS 3 does not exist');
    expect(dissect(bytesOf('38 03 00 01 74'), 5).problems[0]).toContain('DUP is 1 on a QoS 0 PUBLISH');
  });

  it('reports an unknown property identifier and one not allowed in the packet', () => {
    expect(dissect(bytesOf('40 06 00 07 00 02 05 00'), 5).problems).toEqual(['Byte 6: 0x05 (5) is not a property identifier of MQTT 5 (§2.2.2.2)']);
    expect(dissect(bytesOf('40 06 00 07 00 02 01 01'), 5).problems).toEqual(['Byte 6: Payload Format Indicator (0x01 (1)) is not allowed in these properties (§3.4.2.2)']);
  });

  it('reports a Remaining Length of five bytes, trailing bytes, and leftover bytes', () => {
    expect(dissect(bytesOf('30 FF FF FF FF 01'), 5).problems).toEqual([
      'Remaining Length: a Variable Byte Integer has at most 4 bytes, but the 4th byte has its continuation bit set',
    ]);
    expect(dissect(bytesOf('C0 00 C0 00'), 5).problems).toEqual(['2 bytes follow the end of the packet that the Remaining Length (0) declares.']);
    expect(dissect(bytesOf('C0 01 00'), 5).problems).toEqual(['A PINGREQ has no variable header or payload, yet the Remaining Length is 1.']);
    expect(dissect(bytesOf('40 03 00 07 00'), 4).problems).toEqual(['1 bytes at the end of the packet belong to no field of a PUBACK.']);
  });

  it('reports reserved packet types, empty input and invalid UTF-8', () => {
    expect(dissect(new Uint8Array(), 5).problems).toEqual(['No bytes: a packet has at least the two bytes of its fixed header.']);
    expect(dissect(bytesOf('00 00'), 5)).toMatchObject({ type: 'Reserved (0)', problems: ['Packet type 0 is reserved in MQTT 5.'] });
    expect(dissect(bytesOf('F0 00'), 4)).toMatchObject({ type: 'Reserved (15)', problems: ['Packet type 15 is reserved in MQTT 3.1.1.'] });
    const d = dissect(bytesOf('30 04 00 02 C3 28'), 4);
    expect(d.fields.find((f) => f.name === 'Topic Name')?.value).toBe('c3 28 (not valid UTF-8)');
  });

  it('never throws and keeps every range inside the bytes, for random input', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 3000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      if (bytes.length > 1) bytes[1] = Math.floor(random() * (bytes.length + 2));
      for (const version of [4, 5] as const) {
        const d = dissect(bytes, version);
        const walk = (fields: Field[]): void => {
          for (const f of fields) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeLessThanOrEqual(bytes.length);
            expect(f.start).toBeLessThanOrEqual(f.end);
            walk(f.children ?? []);
          }
        };
        walk(d.fields);
      }
    }
  });
});
