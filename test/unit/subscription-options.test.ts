import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { mqttSubscribeOptions } from '../../electron/core/connections/subscribe-options';
import type { QoS } from '../../shared/domain/profile';
import { SubscriptionOptions, describeOptions, setOptions, subscriptionOptionsProblem } from '../../shared/mqtt/subscription-options';
import { english, translator, type Message } from '../../shared/i18n';

const worded = (message: string | Message | undefined) => (message === undefined || typeof message === 'string' ? message : english(message.key, message.params));

/** The SUBSCRIBE MQTT.js writes for one filter with these options (it copies nl, rap and rh to the entry). */
function subscribeBytes(filter: string, qos: QoS, options: SubscriptionOptions | undefined): Buffer {
  const { properties, ...entry } = mqttSubscribeOptions(qos, options);
  return generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: filter, nl: false, rap: false, rh: 0, ...entry }], ...(properties ? { properties } : {}) }, { protocolVersion: 5 });
}

describe('subscription options on the wire', () => {
  it('sends a subscription with no options as before: options byte = QoS, no properties', () => {
    const bytes = subscribeBytes('a/b', 1, undefined);
    expect([...bytes]).toEqual([0x82, 9, 0, 1, 0, 0, 3, 0x61, 0x2f, 0x62, 0x01]);
    expect(subscribeBytes('a/b', 1, { noLocal: false, retainAsPublished: false, retainHandling: 0, userProperties: [] })).toEqual(bytes);
  });

  it.each([
    [{ noLocal: true }, 0x04],
    [{ retainAsPublished: true }, 0x08],
    [{ retainHandling: 1 as const }, 0x10],
    [{ retainHandling: 2 as const }, 0x20],
    [{ noLocal: true, retainAsPublished: true, retainHandling: 2 as const }, 0x2c],
  ])('sets the bits of %j in the options byte (§3.8.3.1)', (options, bits) => {
    const bytes = subscribeBytes('t', 2, options);
    expect(bytes.at(-1)).toBe(bits | 2);
  });

  it('writes the subscription identifier as a Variable Byte Integer property 0x0B, up to 268,435,455', () => {
    const bytes = subscribeBytes('t', 0, { subscriptionIdentifier: 268_435_455 });
    // messageId (2), property length 5, then 0x0B and four bytes of 0xFF 0xFF 0xFF 0x7F.
    expect([...bytes.subarray(4, 10)]).toEqual([5, 0x0b, 0xff, 0xff, 0xff, 0x7f]);
  });

  it('writes user properties as 0x26 pairs, repeated names kept in order', () => {
    const bytes = subscribeBytes('t', 0, { userProperties: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] });
    const pair = (value: string) => [0x26, 0, 1, 0x6b, 0, 1, value.charCodeAt(0)];
    expect([...bytes.subarray(5, 5 + 14)]).toEqual([...pair('1'), ...pair('2')]);
  });
});

describe('subscription options rules', () => {
  it.each([0, -1, 268_435_456, 1.5])('refuses subscription identifier %s', (subscriptionIdentifier) => {
    expect(SubscriptionOptions.safeParse({ subscriptionIdentifier }).success).toBe(false);
  });

  it('names the rule a 0 identifier breaks', () => {
    const result = SubscriptionOptions.safeParse({ subscriptionIdentifier: 0 });
    // The schema words its issue as a catalogue key: the router sends the English and the key.
    expect(english(result.error?.issues[0]?.message as 'mqtt.subscription.identifierMin')).toBe('The subscription identifier is 1 or more; 0 is not allowed (MQTT 5 §3.8.2.1.2).');
  });

  it.each([1, 3])('refuses Retain Handling outside 0..2 (%s is fine only when 1)', (retainHandling) => {
    expect(SubscriptionOptions.safeParse({ retainHandling }).success).toBe(retainHandling === 1);
  });

  it('keeps only what is set', () => {
    expect(setOptions({ noLocal: false, retainHandling: 0, userProperties: [] })).toBeUndefined();
    expect(setOptions({ noLocal: true, retainHandling: 0, subscriptionIdentifier: 7 })).toEqual({ noLocal: true, subscriptionIdentifier: 7 });
  });

  it('refuses options on MQTT 3.1.1 and No Local on a shared subscription, and allows $share on 3.1.1', () => {
    expect(worded(subscriptionOptionsProblem('a', { noLocal: true }, 4))).toMatch(/MQTT 5 options/);
    expect(subscriptionOptionsProblem('$share/g/a', undefined, 4)).toBeUndefined();
    expect(worded(subscriptionOptionsProblem('$share/g/a', { noLocal: true }, 5))).toMatch(/MQTT-3.8.3-4/);
    expect(subscriptionOptionsProblem('$share/g/a', { retainHandling: 2, subscriptionIdentifier: 3 }, 5)).toBeUndefined();
  });

  it('describes the options for the list in short words', () => {
    expect(describeOptions({ noLocal: true, retainAsPublished: true, retainHandling: 2, subscriptionIdentifier: 7, userProperties: [{ key: 'a', value: 'b' }] }).map(worded)).toEqual([
      'No Local',
      'Retain As Published',
      'Retain Handling 2',
      'id 7',
      'a=b',
    ]);
  });

  it('words the options in Chinese, keeping the spec names and the user text', () => {
    const zh = translator('zh-CN');
    const words = describeOptions({ noLocal: true, retainHandling: 2, subscriptionIdentifier: 7, userProperties: [{ key: 'a', value: 'b' }] });
    expect(words.map((word) => (typeof word === 'string' ? word : zh.msg(word)))).toEqual(['No Local', 'Retain Handling 2', '标识符 7', 'a=b']);
    expect(zh.msg(subscriptionOptionsProblem('$share/g/a', { noLocal: true }, 5) ?? { key: 'x' })).toBe('共享订阅不能设置 No Local：Broker 会关闭连接（MQTT-3.8.3-4）。');
  });
});
