import { describeOnBoth } from '../helpers/differential';
import type { Scenario } from '../helpers/differential';

/**
 * Delivery on the built-in broker against mosquitto 2.0.11: QoS, overlapping subscriptions,
 * subscription options, retained messages, expiry. Each scenario runs on both; the clients must
 * receive the same packets (see test/helpers/differential.ts for what is compared).
 */

const scenarios: Scenario[] = [
  {
    name: 'QoS 0, 1 and 2 to subscriptions granted 0, 1 and 2',
    steps: [
      { do: 'connect', client: 'sub0' },
      { do: 'connect', client: 'sub1' },
      { do: 'connect', client: 'sub2' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'sub0', subscriptions: [{ topic: 'q/+', qos: 0 }] },
      { do: 'subscribe', client: 'sub1', subscriptions: [{ topic: 'q/+', qos: 1 }] },
      { do: 'subscribe', client: 'sub2', subscriptions: [{ topic: 'q/+', qos: 2 }] },
      { do: 'publish', client: 'pub', topic: 'q/a', payload: 'zero', qos: 0 },
      { do: 'publish', client: 'pub', topic: 'q/a', payload: 'one', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'q/a', payload: 'two', qos: 2 },
    ],
  },
  {
    name: 'overlapping subscriptions of one client, with subscription identifiers',
    steps: [
      { do: 'connect', client: 'sub' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'o/#', qos: 0 }], properties: { subscriptionIdentifier: 1 } },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'o/a', qos: 2 }], properties: { subscriptionIdentifier: 2 } },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'o/+', qos: 1 }] },
      { do: 'publish', client: 'pub', topic: 'o/a', payload: 'q2', qos: 2 },
      { do: 'publish', client: 'pub', topic: 'o/a', payload: 'q1', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'o/b', payload: 'other', qos: 2 },
    ],
  },
  {
    name: 'No Local: a client does not get its own messages back',
    steps: [
      { do: 'connect', client: 'self' },
      { do: 'connect', client: 'other' },
      { do: 'subscribe', client: 'self', subscriptions: [{ topic: 'nl/x', qos: 1, nl: true }] },
      { do: 'subscribe', client: 'other', subscriptions: [{ topic: 'nl/x', qos: 1, nl: true }] },
      { do: 'publish', client: 'self', topic: 'nl/x', payload: 'mine', qos: 1 },
      { do: 'publish', client: 'other', topic: 'nl/x', payload: 'theirs', qos: 1 },
    ],
  },
  {
    name: 'Retain As Published keeps the retain flag on live deliveries; without it the flag is cleared',
    steps: [
      { do: 'connect', client: 'kept' },
      { do: 'connect', client: 'cleared' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'kept', subscriptions: [{ topic: 'rap/x', qos: 1, rap: true }] },
      { do: 'subscribe', client: 'cleared', subscriptions: [{ topic: 'rap/x', qos: 1 }] },
      { do: 'publish', client: 'pub', topic: 'rap/x', payload: 'retained', qos: 1, retain: true },
      { do: 'publish', client: 'pub', topic: 'rap/x', payload: '', qos: 1, retain: true },
    ],
  },
  ...([0, 1, 2] as const).map(
    (rh): Scenario => ({
      name: `retained messages under Retain Handling ${rh}, on a new subscription and on a repeated one`,
      steps: [
        { do: 'connect', client: 'pub' },
        { do: 'publish', client: 'pub', topic: `rh${rh}/a`, payload: 'kept', qos: 1, retain: true },
        { do: 'connect', client: 'sub' },
        { do: 'subscribe', client: 'sub', subscriptions: [{ topic: `rh${rh}/+`, qos: 1, rh }] },
        { do: 'subscribe', client: 'sub', subscriptions: [{ topic: `rh${rh}/+`, qos: 1, rh }] },
        { do: 'publish', client: 'pub', topic: `rh${rh}/a`, payload: '', qos: 1, retain: true },
      ],
    }),
  ),
  {
    name: 'retained message with a subscription identifier and its properties',
    steps: [
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 'rp/a', payload: 'props', qos: 1, retain: true, properties: { contentType: 'text/plain', userProperties: { a: ['1', '2'] }, responseTopic: 'rp/reply', correlationData: Buffer.from('c0ffee', 'hex'), payloadFormatIndicator: true } },
      { do: 'connect', client: 'sub' },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'rp/#', qos: 1 }], properties: { subscriptionIdentifier: 7 } },
      { do: 'publish', client: 'pub', topic: 'rp/a', payload: '', qos: 1, retain: true },
    ],
  },
  {
    name: 'message expiry is counted down while a message is queued for an offline session, and an expired one is not delivered',
    steps: [
      { do: 'connect', client: 'sub', connect: { clean: true, properties: { sessionExpiryInterval: 60 } } },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'exp/#', qos: 1 }] },
      { do: 'disconnect', client: 'sub' },
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 'exp/short', payload: 'gone', qos: 1, properties: { messageExpiryInterval: 1 } },
      { do: 'publish', client: 'pub', topic: 'exp/long', payload: 'left', qos: 1, properties: { messageExpiryInterval: 60 } },
      { do: 'publish', client: 'pub', topic: 'exp/none', payload: 'forever', qos: 1 },
      { do: 'wait', ms: 2100 },
      { do: 'connect', client: 'sub', connect: { clean: false, properties: { sessionExpiryInterval: 60 } } },
    ],
    // Whole seconds: mosquitto counts on its clock's seconds, aedes rounds up; both have counted about 2 s down.
    summarise: (record) => JSON.parse(JSON.stringify(record).replace(/messageExpiryInterval=5[78]\b/g, 'messageExpiryInterval=57 or 58')),
  },
];

describeOnBoth('delivery on the built-in broker matches mosquitto 2.0.11', scenarios);
