import { describeOnBoth } from '../helpers/differential';
import type { Scenario } from '../helpers/differential';

/**
 * The limits an MQTT 5 client sets in its CONNECT (Receive Maximum, Maximum Packet Size, Topic
 * Alias Maximum) and what the server answers in CONNACK, on the built-in broker against mosquitto 2.0.11.
 */

const scenarios: Scenario[] = [
  {
    name: "never more unacknowledged QoS 1 and 2 deliveries in flight than the client's Receive Maximum",
    steps: [
      { do: 'connect', client: 'slow', connect: { properties: { receiveMaximum: 2 } }, acks: 'held' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'slow', subscriptions: [{ topic: 'rm/#', qos: 2 }] },
      { do: 'publish', client: 'pub', topic: 'rm/a', payload: 'one', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'rm/a', payload: 'two', qos: 2 },
      { do: 'publish', client: 'pub', topic: 'rm/a', payload: 'three', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'rm/a', payload: 'zero', qos: 0 },
      { do: 'publish', client: 'pub', topic: 'rm/a', payload: 'four', qos: 2 },
      { do: 'release acks', client: 'slow' },
    ],
  },
  {
    name: 'message expiry is counted down while a delivery waits for a place in the Receive Maximum; an expired one is not sent',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 drops the expired message but then sends nothing more from that queue (without the expired one it sends "lasts"); MQTT 5.0 §3.3.2.3.3 only drops the expired message',
      expected: (record) => ({ ...record, slow: [...(record.slow ?? []), 'PUBLISH rmx/a q1 "lasts" {messageExpiryInterval=58}'] }),
    },
    steps: [
      { do: 'connect', client: 'slow', connect: { properties: { receiveMaximum: 1 } }, acks: 'held' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'slow', subscriptions: [{ topic: 'rmx/#', qos: 1 }] },
      { do: 'publish', client: 'pub', topic: 'rmx/a', payload: 'first', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'rmx/a', payload: 'expires', qos: 1, properties: { messageExpiryInterval: 1 } },
      { do: 'publish', client: 'pub', topic: 'rmx/a', payload: 'lasts', qos: 1, properties: { messageExpiryInterval: 60 } },
      { do: 'wait', ms: 2100 },
      { do: 'release acks', client: 'slow' },
      { do: 'wait', ms: 500 },
    ],
    // Whole seconds: mosquitto counts on its clock's seconds; both have counted about 2 s down.
    summarise: (record) => JSON.parse(JSON.stringify(record).replace(/messageExpiryInterval=5[78]\b/g, 'messageExpiryInterval=57 or 58')),
  },
  {
    name: "a message larger than the client's Maximum Packet Size is not sent to it, and nothing behind it waits",
    steps: [
      { do: 'connect', client: 'small', connect: { properties: { maximumPacketSize: 64 } } },
      { do: 'connect', client: 'large' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'small', subscriptions: [{ topic: 'mps/#', qos: 2 }] },
      { do: 'subscribe', client: 'large', subscriptions: [{ topic: 'mps/#', qos: 2 }] },
      { do: 'publish', client: 'pub', topic: 'mps/a', payload: 'x'.repeat(100), qos: 1 },
      { do: 'publish', client: 'pub', topic: 'mps/a', payload: 'y'.repeat(100), qos: 0 },
      { do: 'publish', client: 'pub', topic: 'mps/a', payload: 'z'.repeat(100), qos: 2 },
      { do: 'publish', client: 'pub', topic: 'mps/a', payload: 'fits', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'mps/a', payload: 'fits too', qos: 2 },
    ],
  },
  {
    name: "topic aliases to a client that allows them, within its Topic Alias Maximum",
    showAliases: true,
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 sends no topic aliases to clients (they are optional, MQTT 5.0 §3.3.2.3.4); the built-in broker gives the first topics sent to a client one alias each, up to its Topic Alias Maximum, and sends the alias alone after that',
      expected: (record) => ({
        ...record,
        sub: (record.sub ?? []).map((line) => {
          if (!line.startsWith('PUBLISH')) return line;
          if (line.includes('"1"')) return `${line} (alias 1 set)`;
          if (line.includes('"3"')) return `${line} (alias 2 set)`;
          // The third topic gets none: the client allows two.
          return line.includes('ta/first') ? `${line} (alias 1)` : line;
        }),
      }),
    },
    steps: [
      { do: 'connect', client: 'sub', connect: { properties: { topicAliasMaximum: 2 } } },
      { do: 'connect', client: 'plain' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'ta/#', qos: 1 }] },
      { do: 'subscribe', client: 'plain', subscriptions: [{ topic: 'ta/#', qos: 0 }] },
      { do: 'publish', client: 'pub', topic: 'ta/first', payload: '1', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'ta/first', payload: '2', qos: 0 },
      { do: 'publish', client: 'pub', topic: 'ta/second', payload: '3', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'ta/third', payload: '4', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'ta/first', payload: '5', qos: 1 },
    ],
  },
  {
    name: 'inbound topic aliases from a publisher, and an alias above the server maximum',
    steps: [
      { do: 'connect', client: 'sub' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'in/#', qos: 1 }] },
      { do: 'publish', client: 'pub', topic: 'in/a', payload: 'set', qos: 1, properties: { topicAlias: 1 } },
      { do: 'publish', client: 'pub', topic: '', payload: 'used', qos: 1, properties: { topicAlias: 1 } },
      { do: 'publish', client: 'pub', topic: 'in/b', payload: 'too high', qos: 1, properties: { topicAlias: 60000 } },
    ],
  },
  {
    name: 'Response Information when the client requests it',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 sends no Response Information even when asked (the spec allows that, MQTT 5.0 §3.2.2.3.15); the built-in broker gives a topic prefix of the client\'s own, which the request/response helper builds its response topic from',
      expected: (record) => ({ ...record, asks: (record.asks ?? []).map((line) => (line.startsWith('CONNACK') ? `${line}, response information` : line)) }),
    },
    steps: [
      { do: 'connect', client: 'asks', connect: { properties: { requestResponseInformation: true } } },
      { do: 'connect', client: 'quiet' },
    ],
  },
];

describeOnBoth('client limits on the built-in broker match mosquitto 2.0.11', scenarios);
