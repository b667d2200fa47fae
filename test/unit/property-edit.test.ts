import { describe, expect, it } from 'vitest';
import { generate, parser as createParser } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL, editProperty } from '../../electron/core/broker/wire/property-edit';
import type { EditResult } from '../../electron/core/broker/wire/property-edit';
import { wordText } from '../../shared/broker/broker-text';
import { translator } from '../../shared/i18n';

function parse(bytes: Buffer): Packet {
  const parser = createParser({ protocolVersion: 5 });
  let parsed: Packet | undefined;
  parser.on('packet', (packet: Packet) => (parsed = packet));
  parser.on('error', (error: Error) => {
    throw error;
  });
  parser.parse(bytes);
  if (!parsed) throw new Error(`Did not parse: ${bytes.toString('hex')}`);
  return parsed;
}

function bytesOf(result: EditResult): Buffer {
  if ('problem' in result) throw new Error(result.problem);
  return result.bytes;
}

const setExpiry = (value: number) => ({ id: SESSION_EXPIRY_INTERVAL, value }) as const;

describe('editing one property in the bytes of an MQTT 5 packet', () => {
  it.each([
    // The CONNECTs mqtt-packet's generate refuses though its parser accepts them (issue 13).
    ['Clean Start 0, no Session Expiry, empty client id', '100d00044d5154540500003c000000', ''],
    ['a password without a user name', '101500044d5154540540003c0000000006736563726574', ''],
  ])('adds a Session Expiry Interval to a CONNECT with %s, keeping every other field', (_label, hex, clientId) => {
    const original = Buffer.from(hex, 'hex');
    const edited = parse(bytesOf(editProperty(original, setExpiry(1))));

    expect(edited).toMatchObject({ ...parse(original), length: original.length - 2 + 5, properties: { sessionExpiryInterval: 1 } });
    expect(edited).toMatchObject({ cmd: 'connect', clean: false, clientId });
  });

  it('replaces a property that is there, and keeps the will properties apart', () => {
    const original = generate(
      {
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 5,
        clientId: 'c',
        clean: false,
        keepalive: 30,
        properties: { receiveMaximum: 10, sessionExpiryInterval: 0, userProperties: { a: 'b' } },
        will: { topic: 'w', payload: Buffer.from('x'), qos: 1, retain: false, properties: { willDelayInterval: 7 } },
      },
      { protocolVersion: 5 },
    );
    const edited = parse(bytesOf(editProperty(original, setExpiry(1))));

    expect(edited).toMatchObject({ properties: { receiveMaximum: 10, sessionExpiryInterval: 1, userProperties: { a: 'b' } }, will: { topic: 'w', properties: { willDelayInterval: 7 } } });
    expect(edited.length).toBe(parse(original).length);
  });

  it('removes Will Delay Interval from a PUBLISH, keeping the rest of its properties and its payload', () => {
    const payload = Buffer.alloc(300, 9);
    const original = generate(
      { cmd: 'publish', topic: 'will/t', payload, qos: 1, messageId: 7, dup: false, retain: false, properties: { contentType: 'text/plain', willDelayInterval: 5 } as object },
      { protocolVersion: 5 },
    );
    expect(parse(original)).toMatchObject({ properties: { willDelayInterval: 5 } });
    const edited = parse(bytesOf(editProperty(original, { id: WILL_DELAY_INTERVAL, value: undefined })));

    expect(edited).toMatchObject({ cmd: 'publish', topic: 'will/t', messageId: 7, qos: 1, properties: { contentType: 'text/plain' } });
    expect(edited).not.toHaveProperty('properties.willDelayInterval');
    expect(Buffer.from(edited.cmd === 'publish' ? edited.payload : '')).toEqual(payload);
  });

  it.each([
    ['without reason code or properties', 'e000', 0],
    ['with a reason code only', 'e00104', 4],
    ['with properties', 'e00700051100000e10', 0],
  ])('sets the Session Expiry of a DISCONNECT %s', (_label, hex, reasonCode) => {
    const edited = parse(bytesOf(editProperty(Buffer.from(hex, 'hex'), setExpiry(0))));

    expect(edited).toMatchObject({ cmd: 'disconnect', reasonCode, properties: { sessionExpiryInterval: 0 } });
  });

  it('answers with the problem, not an exception, when the packet is malformed', () => {
    // A CONNECT whose Property Length (9) runs past its end.
    const result = editProperty(Buffer.from('100d00044d5154540500003c090000', 'hex'), setExpiry(1));

    expect(result).toMatchObject({ problem: expect.stringMatching(/ends within a field/) });
    // The same problem as a sentence, for the broker log in Chinese.
    if (!('text' in result)) throw new Error('expected a problem');
    expect(wordText(translator('zh-CN'), result.text)).toMatch(/^报文在第 \d+ 字节处的字段中途结束$/);
  });
});
