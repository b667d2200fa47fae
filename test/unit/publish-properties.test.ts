import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { messageProperties, ReceivedTopicAliases } from '../../electron/core/messages/publish-properties';

/** Encodes a PUBLISH as a broker would send it and parses it back, as MQTT.js does on receipt. */
function received(properties: object): object | undefined {
  const bytes = mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.from('x'), qos: 0, dup: false, retain: false, properties } as mqttPacket.IPublishPacket, { protocolVersion: 5 });
  const parser = mqttPacket.parser({ protocolVersion: 5 });
  let parsed: mqttPacket.Packet | undefined;
  parser.on('packet', (packet: mqttPacket.Packet) => (parsed = packet));
  parser.parse(bytes);
  return (parsed as mqttPacket.IPublishPacket | undefined)?.properties;
}

describe('messageProperties', () => {
  it('types every PUBLISH property from the wire, binary correlation data as hex', () => {
    const parsed = received({
      payloadFormatIndicator: true,
      messageExpiryInterval: 30,
      topicAlias: 4,
      responseTopic: 'r',
      correlationData: Buffer.from([0, 0xff, 0x10]),
      userProperties: { a: ['1', '2'], b: '3' },
      subscriptionIdentifier: [5, 700],
      contentType: 'text/plain',
    });
    expect(messageProperties(parsed)).toEqual({
      payloadFormatIndicator: true,
      messageExpiryInterval: 30,
      topicAlias: 4,
      responseTopic: 'r',
      correlationDataHex: '00ff10',
      userProperties: [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
        { key: 'b', value: '3' },
      ],
      subscriptionIdentifiers: [5, 700],
      contentType: 'text/plain',
    });
    // Survives the JSON transport unchanged.
    expect(JSON.parse(JSON.stringify(messageProperties(parsed)))).toEqual(messageProperties(parsed));
  });

  it('makes a list of a single subscription identifier, and nothing of no properties', () => {
    expect(messageProperties(received({ subscriptionIdentifier: 9 }))).toEqual({ subscriptionIdentifiers: [9] });
    expect(messageProperties(undefined)).toBeUndefined();
    expect(messageProperties({})).toBeUndefined();
  });
});

describe('ReceivedTopicAliases', () => {
  it('gives an alias-only PUBLISH the topic its alias was set to, until the next connection', () => {
    const aliases = new ReceivedTopicAliases();
    expect(aliases.resolve('plain/topic', undefined)).toBe('plain/topic');
    expect(aliases.resolve('a/b', 1)).toBe('a/b');
    expect(aliases.resolve('', 1)).toBe('a/b');
    expect(aliases.resolve('c/d', 1)).toBe('c/d');
    expect(aliases.resolve('', 1)).toBe('c/d');
    aliases.clear();
    expect(aliases.resolve('', 1)).toBe('');
  });
});
