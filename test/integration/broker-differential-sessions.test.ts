import { describeOnBoth } from '../helpers/differential';
import type { Scenario, Step } from '../helpers/differential';

/**
 * Wills, sessions and refusals on the built-in broker against mosquitto 2.0.11: what each client
 * receives must be the same (see test/helpers/differential.ts for what is compared).
 */

const will = (delay?: number, payload = 'will') => ({
  will: { topic: 'w/gone', payload: Buffer.from(payload), qos: 1 as const, retain: false, ...(delay === undefined ? {} : { properties: { willDelayInterval: delay } }) },
});

const watcher: Step[] = [
  { do: 'connect', client: 'watcher' },
  { do: 'subscribe', client: 'watcher', subscriptions: [{ topic: 'w/#', qos: 1 }] },
];

const scenarios: Scenario[] = [
  {
    name: 'a DISCONNECT with reason 0x00 suppresses the will',
    steps: [...watcher, { do: 'connect', client: 'dev', connect: will() }, { do: 'disconnect', client: 'dev', reasonCode: 0 }, { do: 'wait', ms: 200 }],
  },
  {
    name: 'a DISCONNECT with reason 0x04 publishes the will',
    steps: [...watcher, { do: 'connect', client: 'dev', connect: will() }, { do: 'disconnect', client: 'dev', reasonCode: 0x04 }, { do: 'wait', ms: 200 }],
  },
  {
    name: 'a cut connection publishes the will',
    steps: [...watcher, { do: 'connect', client: 'dev', connect: will() }, { do: 'cut', client: 'dev' }, { do: 'wait', ms: 200 }],
  },
  {
    name: 'a will with a delay is published after the delay, and not if the client is back in time',
    steps: [
      ...watcher,
      { do: 'connect', client: 'late', connect: { ...will(1, 'late'), properties: { sessionExpiryInterval: 30 } } },
      { do: 'connect', client: 'back', connect: { ...will(1, 'back'), properties: { sessionExpiryInterval: 30 } } },
      { do: 'cut', client: 'late' },
      { do: 'cut', client: 'back' },
      { do: 'connect', client: 'back', connect: { clean: false, properties: { sessionExpiryInterval: 30 } } },
      // Generous beside the 1 s delay: both brokers check will delays on a timer, and CI is loaded.
      { do: 'wait', ms: 2600 },
    ],
  },
  {
    name: 'session expiry: a session is kept for its interval with its subscriptions and queued messages, a clean start drops it',
    steps: [
      { do: 'connect', client: 'dev', connect: { properties: { sessionExpiryInterval: 30 } } },
      { do: 'subscribe', client: 'dev', subscriptions: [{ topic: 'se/#', qos: 1 }] },
      { do: 'disconnect', client: 'dev' },
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 'se/a', payload: 'queued', qos: 1 },
      { do: 'publish', client: 'pub', topic: 'se/a', payload: 'not queued', qos: 0 },
      { do: 'connect', client: 'dev', connect: { clean: false, properties: { sessionExpiryInterval: 30 } } },
      { do: 'disconnect', client: 'dev' },
      { do: 'connect', client: 'dev', connect: { clean: true } },
      { do: 'publish', client: 'pub', topic: 'se/a', payload: 'after clean start', qos: 1 },
    ],
  },
  {
    name: 'a session with an expiry of 0 ends with the connection, and one set to 0 at DISCONNECT too',
    steps: [
      { do: 'connect', client: 'zero', connect: { clean: false } },
      { do: 'subscribe', client: 'zero', subscriptions: [{ topic: 'z/#', qos: 1 }] },
      { do: 'disconnect', client: 'zero' },
      { do: 'connect', client: 'ends', connect: { properties: { sessionExpiryInterval: 30 } } },
      { do: 'subscribe', client: 'ends', subscriptions: [{ topic: 'z/#', qos: 1 }] },
      { do: 'disconnect', client: 'ends', properties: { sessionExpiryInterval: 0 } },
      { do: 'connect', client: 'zero', connect: { clean: false } },
      { do: 'connect', client: 'ends', connect: { clean: false, properties: { sessionExpiryInterval: 30 } } },
    ],
  },
  {
    name: 'takeover: a second connection with the same client id ends the first with DISCONNECT 0x8E and takes its session',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 closes the first connection without a word; MQTT 5.0 (MQTT-3.1.4-3, §4.13) sends it DISCONNECT 0x8E (Session taken over) first, as aedes does',
      expected: (record) => ({ ...record, first: (record.first ?? []).flatMap((line) => (line === '(closed by the broker)' ? ['DISCONNECT 0x8e', line] : [line])) }),
    },
    steps: [
      { do: 'connect', client: 'first', clientId: 'takeover-same-id', connect: { properties: { sessionExpiryInterval: 30 } } },
      { do: 'subscribe', client: 'first', subscriptions: [{ topic: 'to/#', qos: 1 }] },
      { do: 'connect', client: 'second', clientId: 'takeover-same-id', connect: { clean: false, properties: { sessionExpiryInterval: 30 } } },
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 'to/a', payload: 'to the second', qos: 1 },
      { do: 'disconnect', client: 'second', properties: { sessionExpiryInterval: 0 } },
    ],
  },
  {
    name: "DUP is the sender's own: a publisher's resend (DUP 1) reaches subscribers without DUP, and a broker's resend to a returning session carries it",
    steps: [
      { do: 'connect', client: 'dev', acks: 'held', connect: { properties: { sessionExpiryInterval: 30 } } },
      { do: 'subscribe', client: 'dev', subscriptions: [{ topic: 'dup/#', qos: 1 }] },
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 'dup/a', payload: 'sent twice by its publisher', qos: 1, dup: true },
      { do: 'wait', ms: 200 },
      { do: 'cut', client: 'dev' },
      { do: 'connect', client: 'dev', connect: { clean: false, properties: { sessionExpiryInterval: 0 } } },
      { do: 'wait', ms: 200 },
    ],
  },
  {
    name: 'refused subscriptions: an invalid filter and a wildcard in the wrong place',
    steps: [
      { do: 'connect', client: 'bad' },
      { do: 'subscribe', client: 'bad', subscriptions: [{ topic: 'ok/+', qos: 1 }, { topic: 'a/#/b', qos: 1 }] },
    ],
  },
  {
    name: 'refused publishes: a wildcard in the topic name',
    steps: [{ do: 'connect', client: 'bad' }, { do: 'publish', client: 'bad', topic: 'a/+', payload: 'no', qos: 1 }],
  },
  {
    name: 'a subscription identifier of 0 is a protocol error',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 answers DISCONNECT 0x81 (Malformed Packet); the spec calls a Subscription Identifier of 0 a Protocol Error (MQTT 5.0 §3.8.2.1.2), 0x82, as aedes answers',
      expected: (record) => ({ ...record, bad: (record.bad ?? []).map((line) => (line === 'DISCONNECT 0x81' ? 'DISCONNECT 0x82' : line)) }),
    },
    steps: [{ do: 'connect', client: 'bad' }, { do: 'subscribe', client: 'bad', subscriptions: [{ topic: 'x', qos: 1 }], properties: { subscriptionIdentifier: 0 } }],
  },
  {
    name: 'unsubscribing reports 0x11 for a filter never subscribed',
    steps: [
      { do: 'connect', client: 'sub' },
      { do: 'subscribe', client: 'sub', subscriptions: [{ topic: 'u/a', qos: 0 }] },
      { do: 'unsubscribe', client: 'sub', topics: ['u/a', 'u/never'] },
    ],
  },
];

describeOnBoth('wills, sessions and refusals on the built-in broker match mosquitto 2.0.11', scenarios);
