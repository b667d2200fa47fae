import { generate, parser as createParser } from 'mqtt-packet';
import type { IPublishPacket, Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { FrameParser } from '../../electron/core/broker/wire/frame-parser';
import { caseSeed, fuzzScale, pick, randomInt, seededRandom } from '../helpers/seeded-random';

/** What mqtt-packet alone makes of one whole packet: the packet, or its error message. */
function reference(bytes: Buffer, protocolVersion: number | undefined): { packet: Packet | undefined; problem: string | undefined } {
  const parser = createParser(protocolVersion === undefined ? undefined : { protocolVersion });
  let packet: Packet | undefined;
  let problem: string | undefined;
  parser.on('packet', (parsed: Packet) => (packet = parsed));
  parser.on('error', (error: Error) => {
    packet = undefined;
    problem ??= error.message;
  });
  parser.parse(bytes);
  return { packet, problem };
}

function ours(bytes: Buffer, protocolVersion: number | undefined): { packet: Packet | undefined; problem: string | undefined } {
  const parser = new FrameParser(protocolVersion);
  const packet = parser.parse(bytes);
  return { packet, problem: parser.problem };
}

/** Plain objects on both sides (mqtt-packet's are instances of its Packet class), payloads as hex: comparing Buffers byte by byte in expect is slow. */
function plain(result: { packet: Packet | undefined; problem: string | undefined }) {
  if (!result.packet) return { packet: undefined, problem: result.problem };
  const packet: Record<string, unknown> = { ...result.packet };
  if (Buffer.isBuffer(packet.payload)) packet.payload = `hex:${packet.payload.toString('hex')}`;
  return { packet, problem: result.problem };
}

function randomPublish(random: () => number, protocolVersion: 4 | 5): IPublishPacket {
  const qos = pick(random, [0, 1, 2] as const);
  const packet: IPublishPacket = {
    cmd: 'publish',
    topic: pick(random, ['', 'a', 'sensors/1/temp', 'ünïcødé/☃', 'x'.repeat(randomInt(random, 300))]),
    payload: Buffer.alloc(pick(random, [0, 1, 100, 200, 2000]), randomInt(random, 256)),
    qos,
    retain: random() < 0.5,
    dup: random() < 0.3,
  };
  if (qos > 0) packet.messageId = 1 + randomInt(random, 65535);
  if (protocolVersion === 5 && random() < 0.4) {
    packet.properties = pick(random, [{ contentType: 'text/plain' }, { topicAlias: 3 }, { userProperties: { a: 'b' } }, { payloadFormatIndicator: true, messageExpiryInterval: 60 }]);
  }
  return packet;
}

function randomAcknowledgement(random: () => number, protocolVersion: 4 | 5): Packet {
  const cmd = pick(random, ['puback', 'pubrec', 'pubrel', 'pubcomp'] as const);
  const packet = { cmd, messageId: 1 + randomInt(random, 65535) } as Packet & { reasonCode?: number; properties?: object };
  if (protocolVersion === 5 && random() < 0.4) packet.reasonCode = cmd === 'pubrel' || cmd === 'pubcomp' ? 0x92 : 0x10;
  if (protocolVersion === 5 && random() < 0.2) packet.properties = { reasonString: 'why' };
  return packet;
}

/** A well-formed packet, or one bent the ways a hostile peer might bend it. */
function mangle(random: () => number, bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  switch (randomInt(random, 6)) {
    case 0:
      return copy.subarray(0, randomInt(random, copy.length));
    case 1:
        copy[0] = (copy[0] ?? 0) ^ (1 << randomInt(random, 4)); // a flag bit flipped: QoS 3, a reserved bit set…
      return copy;
    case 2: {
      const at = 1 + randomInt(random, copy.length - 1);
      copy[at] = randomInt(random, 256);
      return copy;
    }
    case 3:
      return Buffer.concat([copy, Buffer.from([randomInt(random, 256)])]);
    default:
      return copy;
  }
}

describe('FrameParser PUBLISH and acknowledgement fast path', () => {
  it('gives exactly what mqtt-packet gives for PUBLISH, PUBACK, PUBREC, PUBREL and PUBCOMP packets, well-formed and bent, on MQTT 3.1.1 and 5 (seeded)', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 0xf00d15);
    const cases = Math.round(3000 * fuzzScale());
    for (let index = 0; index < cases; index++) {
      const random = seededRandom(caseSeed(seed, index));
      const protocolVersion = pick(random, [4, 5] as const);
      const packet = random() < 0.6 ? randomPublish(random, protocolVersion) : randomAcknowledgement(random, protocolVersion);
      const bytes = mangle(random, generate(packet, { protocolVersion }));
      const parsedAs = [undefined, 3, 4, 5, protocolVersion][randomInt(random, 5)];
      expect(plain(ours(bytes, parsedAs)), `seed ${seed}, case ${index}: ${bytes.toString('hex').slice(0, 80)}`).toEqual(plain(reference(bytes, parsedAs)));
    }
  });

  it('reads a plain PUBLISH without handing it to mqtt-packet, its payload a view of the frame', () => {
    const bytes = generate({ cmd: 'publish', topic: 't', payload: Buffer.from('hi'), qos: 1, messageId: 7, retain: true, dup: false }, { protocolVersion: 5 });
    const parser = new FrameParser(5);
    const packet = parser.parse(bytes) as IPublishPacket;
    expect(packet).toEqual({ cmd: 'publish', retain: true, qos: 1, dup: false, length: bytes.length - 2, topic: 't', messageId: 7, payload: Buffer.from('hi') });
    expect((packet.payload as Buffer).buffer).toBe(bytes.buffer);
  });
});
