import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { OutgoingTopicAliases } from '../../electron/core/connections/outgoing-topic-aliases';
import { packetProperties } from '../../electron/core/connections/publish-packet-properties';
import { topicAliasUse } from '../../electron/core/messages/topic-alias-use';
import { messageProperties } from '../../electron/core/messages/publish-properties';
import { mayHaveLostOrder, userPropertiesInWireOrder } from '../../electron/core/messages/user-property-order';
import { requests } from '../../shared/contract';
import { checkResponseTopic, checkTopicAlias, correlationBytes, EMPTY_PUBLISH_OPTIONS, PublishProperties, readPublishOptions as readMessages } from '../../shared/mqtt/publish-options';
import { translator } from '../../shared/i18n';

/** The form's problems worded in English, as the publisher shows them. */
function readPublishOptions(...args: Parameters<typeof readMessages>) {
  const read = readMessages(...args);
  if (read.ok) return read;
  return { ok: false, errors: Object.fromEntries(Object.entries(read.errors).map(([field, message]) => [field, translator('en').msg(message ?? { key: '' })])) };
}

describe('PUBLISH properties as the publisher reads them', () => {
  it('sends nothing for an untouched form', () => {
    expect(readPublishOptions(EMPTY_PUBLISH_OPTIONS, 10)).toEqual({ ok: true });
  });

  it('reads every field, and leaves out a user property row with neither name nor value', () => {
    const read = readPublishOptions(
      {
        ...EMPTY_PUBLISH_OPTIONS,
        payloadFormat: 'bytes',
        messageExpiry: ' 60 ',
        contentType: 'text/plain',
        responseTopic: 'replies/a',
        correlationData: 'de:ad',
        correlationEncoding: 'hex',
        userProperties: [{ key: 'a', value: '1' }, { key: '', value: '' }, { key: 'a', value: '2' }],
        aliasMode: 'manual',
        alias: '4',
      },
      10,
    );
    expect(read).toEqual({
      ok: true,
      properties: {
        payloadFormatIndicator: false,
        messageExpiryInterval: 60,
        contentType: 'text/plain',
        responseTopic: 'replies/a',
        correlationData: { encoding: 'hex', value: 'de:ad' },
        userProperties: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }],
      },
      topicAlias: { mode: 'manual', alias: 4 },
    });
  });

  it('says what is wrong with each field, beside that field', () => {
    const read = readPublishOptions(
      {
        ...EMPTY_PUBLISH_OPTIONS,
        messageExpiry: '1.5',
        contentType: 'a\u0000b',
        responseTopic: 'replies/+',
        correlationData: 'abc',
        correlationEncoding: 'hex',
        userProperties: [{ key: '', value: 'orphan' }],
        aliasMode: 'manual',
        alias: '11',
      },
      10,
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        messageExpiry: 'Message expiry is a whole number of seconds from 0 to 4294967295.',
        contentType: 'Content type must not contain the null character (U+0000).',
        responseTopic: 'Response topic must not contain the wildcards + or # when publishing; wildcards belong in subscription filters.',
        correlationData: 'Correlation data: Hex needs two digits per byte; there are 3 digits, one too many or too few.',
        'userProperties.0': 'A name is needed.',
        alias: "Topic alias 11 is above the broker's Topic Alias Maximum of 10 (from its CONNACK).",
      },
    });
  });

  it('names the character that is not hex in correlation data', () => {
    expect(correlationBytes('00 zz', 'hex')).toMatchObject({ ok: false, message: expect.stringContaining('"z" is not a hex digit') });
    expect(correlationBytes('ok', 'text')).toEqual({ ok: true, bytes: new TextEncoder().encode('ok') });
    expect(correlationBytes('ab'.repeat(65_536), 'hex')).toMatchObject({ ok: false, message: 'Correlation data is 65536 bytes; MQTT allows at most 65535.' });
  });

  it('checks alias numbers against the broker maximum, and refuses aliases when the broker took none', () => {
    expect(checkTopicAlias(1, 10)).toEqual({ ok: true });
    expect(checkTopicAlias(10, 10)).toEqual({ ok: true });
    expect(checkTopicAlias(0, 10)).toMatchObject({ ok: false, message: 'A topic alias is a whole number from 1 to 65535.' });
    expect(checkTopicAlias(65_536, 70_000)).toMatchObject({ ok: false, message: 'A topic alias is a whole number from 1 to 65535.' });
    expect(checkTopicAlias(3, 0)).toMatchObject({ ok: false, message: expect.stringContaining('accepts no topic aliases') });
    expect(readPublishOptions({ ...EMPTY_PUBLISH_OPTIONS, aliasMode: 'auto' }, 0)).toMatchObject({ ok: false, errors: { alias: expect.stringContaining('accepts no topic aliases') } });
    expect(readPublishOptions({ ...EMPTY_PUBLISH_OPTIONS, aliasMode: 'manual', alias: 'two' }, 10)).toMatchObject({ ok: false, errors: { alias: 'A topic alias is a whole number from 1 to 65535.' } });
  });

  it('checks a response topic with the topic rules, in its own name', () => {
    expect(checkResponseTopic('a/b')).toEqual({ ok: true });
    expect(checkResponseTopic('')).toMatchObject({ ok: false, message: 'Response topic must not be empty.' });
    expect(checkResponseTopic('a/#')).toMatchObject({ ok: false, message: expect.stringMatching(/^Response topic must not contain the wildcards/) });
  });

  it('is checked again by the contract, which has no Subscription Identifier to offer', () => {
    const input = requests['message.publish'].input;
    const base = { connectionId: 'c', topic: 't', qos: 1, retain: false, payload: '', encoding: 'utf8' };
    expect(input.safeParse({ ...base, properties: { correlationData: { encoding: 'hex', value: 'x1' } } }).success).toBe(false);
    expect(input.safeParse({ ...base, properties: { responseTopic: 'a/+' } }).success).toBe(false);
    expect(input.safeParse({ ...base, properties: { userProperties: [{ key: 'k\u0000', value: 'v' }] } }).success).toBe(false);
    expect(input.safeParse({ ...base, topicAlias: { mode: 'manual', alias: 0 } }).success).toBe(false);
    expect(input.safeParse({ ...base, properties: { messageExpiryInterval: 4_294_967_296 } }).success).toBe(false);
    expect(input.safeParse({ ...base, properties: { messageExpiryInterval: 0, userProperties: [] }, topicAlias: { mode: 'auto' } }).success).toBe(true);
    expect(Object.keys(PublishProperties.shape)).not.toContain('subscriptionIdentifier');
  });
});

describe('PUBLISH properties as they go on the wire', () => {
  it('encodes each property only when set, and user properties in the order given, repeats interleaved', () => {
    const properties = packetProperties(
      { contentType: 'c', correlationData: { encoding: 'text', value: 'id' }, userProperties: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'a', value: '3' }, { key: '__proto__', value: '4' }] },
      undefined,
    );
    const bytes = generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties }, { protocolVersion: 5 });
    // After the fixed header (2), topic (3) and the properties' length (1): content type, correlation data, then four user properties in order.
    const body = bytes.subarray(6).toString('latin1');
    expect(body).toBe('\u0003\u0000\u0001c\u0009\u0000\u0002id' + ['a1', 'b2', 'a3'].map(([k, v]) => `\u0026\u0000\u0001${k}\u0000\u0001${v}`).join('') + '\u0026\u0000\u0009__proto__\u0000\u00014');
    expect(messageProperties(properties)?.userProperties).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'a', value: '3' },
      { key: '__proto__', value: '4' },
    ]);
    expect(packetProperties(undefined, undefined)).toBeUndefined();
    expect(packetProperties({ payloadFormatIndicator: false, messageExpiryInterval: 0 }, 2)).toEqual({ payloadFormatIndicator: false, messageExpiryInterval: 0, topicAlias: 2 });
  });
});

describe('topic aliases this client sends', () => {
  it('sends a new topic with its alias, then the alias alone, and takes the least recently used alias when all are taken', () => {
    const aliases = new OutgoingTopicAliases();
    aliases.reset(2);
    expect(aliases.choose('a', { mode: 'auto' })).toEqual({ topic: 'a', alias: 1, form: 'topic-and-alias' });
    expect(aliases.choose('a', { mode: 'auto' })).toEqual({ topic: '', alias: 1, form: 'alias-only' });
    expect(aliases.choose('b', { mode: 'auto' })).toEqual({ topic: 'b', alias: 2, form: 'topic-and-alias' });
    expect(aliases.choose('a', { mode: 'auto' })).toEqual({ topic: '', alias: 1, form: 'alias-only' });
    // b is now the least recently used: c takes its alias, and b must be set up again.
    expect(aliases.choose('c', { mode: 'auto' })).toEqual({ topic: 'c', alias: 2, form: 'topic-and-alias' });
    expect(aliases.topicOf('', 2)).toBe('c');
    expect(aliases.choose('b', { mode: 'auto' })).toEqual({ topic: 'b', alias: 1, form: 'topic-and-alias' });
  });

  it('moves a manual alias to a new topic with that topic, and forgets every alias on a new connection', () => {
    const aliases = new OutgoingTopicAliases();
    aliases.reset(10);
    expect(aliases.choose('a', { mode: 'manual', alias: 5 }).form).toBe('topic-and-alias');
    expect(aliases.choose('a', { mode: 'manual', alias: 5 }).form).toBe('alias-only');
    // Automatic reuses what the broker already knows for the topic.
    expect(aliases.choose('a', { mode: 'auto' })).toEqual({ topic: '', alias: 5, form: 'alias-only' });
    expect(aliases.choose('b', { mode: 'manual', alias: 5 })).toEqual({ topic: 'b', alias: 5, form: 'topic-and-alias' });
    expect(aliases.choose('a', { mode: 'auto' })).toEqual({ topic: 'a', alias: 1, form: 'topic-and-alias' });
    expect(() => aliases.choose('a', { mode: 'manual', alias: 11 })).toThrow("Topic alias 11 is above the broker's Topic Alias Maximum of 10");
    aliases.reset(10);
    expect(aliases.topicOf('', 5)).toBe('');
    expect(aliases.choose('b', { mode: 'manual', alias: 5 }).form).toBe('topic-and-alias');
    aliases.reset(undefined);
    expect(() => aliases.choose('b', { mode: 'auto' })).toThrow('accepts no topic aliases');
  });

  it('counts the bytes an alias saved exactly, against the same PUBLISH with its topic in full', () => {
    const payload = Buffer.alloc(10);
    const topic = 'sensors/building-7/temperature';
    const sent = { cmd: 'publish' as const, topic: '', payload, qos: 1 as const, retain: false, dup: false, messageId: 3, properties: { topicAlias: 4 } };
    const plain = generate({ ...sent, topic, properties: {} }, { protocolVersion: 5 }).length;
    const aliased = generate(sent, { protocolVersion: 5 }).length;
    expect(topicAliasUse(sent, topic)).toEqual({ alias: 4, form: 'alias-only', bytesSaved: plain - aliased });
    expect(plain - aliased).toBe(topic.length - 3);
    expect(topicAliasUse({ ...sent, topic }, topic)).toEqual({ alias: 4, form: 'topic-and-alias', bytesSaved: -3 });
    // Across a Remaining Length boundary (135 bytes in full, 108 as alias alone) the length itself takes a byte less.
    const edge = { ...sent, payload: Buffer.alloc(100) };
    const edgePlain = generate({ ...edge, topic, properties: {} }, { protocolVersion: 5 }).length;
    expect(edgePlain - generate(edge, { protocolVersion: 5 }).length).toBe(topic.length - 3 + 1);
    expect(topicAliasUse(edge, topic)?.bytesSaved).toBe(topic.length - 3 + 1);
    expect(topicAliasUse({ ...sent, properties: {} }, topic)).toBeUndefined();
  });
});

describe('user properties of a received PUBLISH, in wire order', () => {
  it('reads them in the order they came, between every other kind of property, at each QoS', () => {
    const pairs = [{ key: 'a', value: '1' }, { key: 'b', value: 'é' }, { key: 'a', value: '3' }];
    for (const qos of [0, 1, 2] as const) {
      const bytes = generate(
        {
          cmd: 'publish', topic: 't/x', payload: Buffer.from('p'), qos, retain: false, dup: false, ...(qos > 0 ? { messageId: 9 } : {}),
          properties: { payloadFormatIndicator: true, messageExpiryInterval: 5, topicAlias: 2, ...packetProperties({ userProperties: pairs, responseTopic: 'r', correlationData: { encoding: 'hex', value: '00' }, contentType: 'c' }, undefined), subscriptionIdentifier: 300 },
        },
        { protocolVersion: 5 },
      );
      expect(userPropertiesInWireOrder(bytes), `QoS ${qos}`).toEqual(pairs);
      expect(userPropertiesInWireOrder(bytes.subarray(0, bytes.length - 4)), 'cut short').toBeUndefined();
    }
    expect(userPropertiesInWireOrder(Uint8Array.from([0x40, 0x02, 0x00, 0x01]))).toBeUndefined();
  });

  it('walks the bytes only when a name repeats beside another name', () => {
    expect(mayHaveLostOrder({ a: ['1', '2'] })).toBe(false);
    expect(mayHaveLostOrder({ a: '1', b: '2' })).toBe(false);
    expect(mayHaveLostOrder({ a: ['1', '3'], b: '2' })).toBe(true);
    expect(mayHaveLostOrder(undefined)).toBe(false);
  });
});
