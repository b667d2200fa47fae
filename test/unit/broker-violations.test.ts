import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { describeUnacknowledged } from '../../electron/core/connections/client-ending';
import { hexOf, isParserError, parserViolation } from '../../electron/core/connections/broker-violations';
import { IncomingBytes } from '../../electron/core/connections/incoming-bytes';

/** Every message mqtt-packet's parser can emit, read from its source so an upgrade cannot slip one past. */
function parserMessages(): string[] {
  const source = readFileSync(createRequire(import.meta.url).resolve('mqtt-packet/parser.js'), 'utf8');
  const messages = [...source.matchAll(/new Error\('([^']+)'\)/g)].map((match) => match[1] ?? '');
  const flags = ['puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'unsubscribe', 'pubrel'].map((cmd) => `Invalid header flag bits, must be 0x2 for ${cmd} packet`);
  const reasons = ['puback', 'pubrec', 'pubrel', 'pubcomp'].map((cmd) => `Invalid ${cmd} reason code`);
  return [...new Set([...messages, ...flags, ...reasons, 'Invalid header flag bits, must be 0x0 for pingreq packet'])];
}

describe('the plain-words table of parser errors', () => {
  it('knows every message the parser has, and names a rule for each', () => {
    const messages = parserMessages();
    expect(messages.length).toBeGreaterThan(30);
    for (const message of messages) {
      const error = new Error(message);
      expect(isParserError(error), message).toBe(true);
      const violation = parserViolation(error, 4, 0x30);
      expect(violation.what, message).not.toMatch(/^could not be parsed/);
      expect(violation.rule, message).toMatch(/^MQTT[- ]/);
      expect(violation.disconnectCode).toBe(0x81);
    }
  });

  it("does not take MQTT.js's own errors or socket errors for parser errors", () => {
    for (const message of ['connack timeout', 'Keepalive timeout', 'client disconnecting', 'Connection closed', 'Packet has no Authentication Method']) {
      expect(isParserError(new Error(message)), message).toBe(false);
    }
    expect(isParserError(Object.assign(new Error('Not supported'), { code: 'ECONNRESET' }))).toBe(false);
  });

  it('says which flags were found and which are required', () => {
    const violation = parserViolation(new Error('Invalid header flag bits, must be 0x0 for pingreq packet'), 4, 0xc1);
    expect(violation).toMatchObject({ packetName: 'PINGREQ', what: 'has reserved flag bits set in its fixed header (0x1, must be 0x0)', rule: 'MQTT-2.2.2-2' });
  });

  it('shows at most the given number of bytes, saying how many there were', () => {
    expect(hexOf(Uint8Array.from([0x30, 0x02, 0x00]), 32)).toBe('30 02 00');
    expect(hexOf(new Uint8Array(40), 2)).toBe('00 00 … (40 bytes)');
  });
});

describe('what a Disconnect left unacknowledged', () => {
  it('is said in words, or not at all', () => {
    expect(describeUnacknowledged({ subscribes: 0, unsubscribes: 0, qos1: 0, qos2: 0 })).toBeUndefined();
    expect(describeUnacknowledged({ subscribes: 1, unsubscribes: 0, qos1: 3, qos2: 0 })).toBe('1 SUBSCRIBE and 3 QoS 1 messages were still unacknowledged');
    expect(describeUnacknowledged({ subscribes: 0, unsubscribes: 0, qos1: 0, qos2: 1 })).toBe('1 QoS 2 message was still unacknowledged');
    expect(describeUnacknowledged({ subscribes: 2, unsubscribes: 1, qos1: 1, qos2: 2 })).toBe('2 SUBSCRIBEs, 1 UNSUBSCRIBE, 1 QoS 1 message and 2 QoS 2 messages were still unacknowledged');
  });
});

describe('the bytes of received packets', () => {
  const packets = [
    generate({ cmd: 'connack', sessionPresent: false, returnCode: 0 }),
    generate({ cmd: 'publish', topic: 'a/b', payload: Buffer.alloc(300, 7), qos: 1, messageId: 9, retain: false, dup: false }),
    generate({ cmd: 'pingresp' }),
  ];
  const wire = Buffer.concat(packets);

  for (const size of [1, 2, 7, wire.length]) {
    it(`follows packet boundaries across chunks of ${size} byte${size === 1 ? '' : 's'}`, () => {
      const stream = new EventEmitter();
      const incoming = new IncomingBytes(stream);
      for (let offset = 0; offset < wire.length; offset += size) stream.emit('data', wire.subarray(offset, offset + size));
      for (const packet of packets) {
        const remaining = packet.length - (packet.length > 129 ? 3 : 2);
        expect(incoming.beginPacket(remaining)).toBe(true);
        expect(Buffer.from(incoming.currentBytes() ?? []).equals(packet)).toBe(true);
        incoming.endPacket();
      }
      incoming.detach();
    });
  }

  it('finds the packet the parser failed on among those after the last one reported', () => {
    const stream = new EventEmitter();
    const incoming = new IncomingBytes(stream);
    const bad = Buffer.from([0xc1, 0x00]);
    stream.emit('data', Buffer.concat([packets[0] as Buffer, packets[2] as Buffer, bad, packets[2] as Buffer]));
    expect(Buffer.from(incoming.locateMalformed(4) ?? []).equals(bad)).toBe(true);
  });

  it('stops claiming to know once the bytes and the reported packets disagree', () => {
    const stream = new EventEmitter();
    const incoming = new IncomingBytes(stream);
    stream.emit('data', packets[2]);
    expect(incoming.beginPacket(5)).toBe(false);
    expect(incoming.currentBytes()).toBeUndefined();
    expect(incoming.locateMalformed(4)).toBeUndefined();
  });
});
