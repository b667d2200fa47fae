import { describeOnBoth } from '../helpers/differential';
import type { Scenario } from '../helpers/differential';

/**
 * Shared subscriptions (MQTT 5.0 §4.8.2) on the built-in broker against mosquitto 2.0.11. Which
 * member of a group gets which message is the broker's choice, so those scenarios compare what the
 * group received as a whole and how many each member got.
 */

/** The group's deliveries as one sorted list, each member's count, and everything else as it came. */
function byGroup(members: string[]) {
  return (record: Record<string, string[]>) => {
    const deliveries = members.flatMap((member) => (record[member] ?? []).filter((line) => line.startsWith('PUBLISH')));
    const others = Object.fromEntries(Object.entries(record).map(([client, lines]) => [client, members.includes(client) ? lines.filter((line) => !line.startsWith('PUBLISH')) : lines]));
    const counts = members.map((member) => (record[member] ?? []).filter((line) => line.startsWith('PUBLISH')).length).sort();
    return { group: deliveries.sort(), counts, others };
  };
}

const publishes = (count: number, qos: 0 | 1 | 2, topic = 's/t') =>
  Array.from({ length: count }, (_unused, index) => ({ do: 'publish' as const, client: 'pub', topic, payload: `m${index}`, qos }));

const scenarios: Scenario[] = [
  {
    name: 'each message goes to one member of the group, split evenly; QoS is honoured per member',
    steps: [
      { do: 'connect', client: 'a' },
      { do: 'connect', client: 'b' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'a', subscriptions: [{ topic: '$share/g/s/+', qos: 2 }] },
      { do: 'subscribe', client: 'b', subscriptions: [{ topic: '$share/g/s/+', qos: 0 }] },
      ...publishes(4, 2),
    ],
    summarise(record) {
      // Member a was granted QoS 2 and b QoS 0: each copy carries its member's QoS.
      const lines = [...(record.a ?? []), ...(record.b ?? [])].filter((line) => line.startsWith('PUBLISH'));
      return { a: record.a?.filter((line) => line.startsWith('PUBLISH')).every((line) => line.includes(' q2 ')), b: record.b?.filter((line) => line.startsWith('PUBLISH')).every((line) => line.includes(' q0 ')), payloads: lines.map((line) => line.replace(/ q\d /, ' ')).sort(), counts: byGroup(['a', 'b'])(record).counts, pub: record.pub };
    },
  },
  {
    name: 'two groups on one filter each get every message; a plain subscription beside them gets its own copy',
    steps: [
      { do: 'connect', client: 'g1a' },
      { do: 'connect', client: 'g1b' },
      { do: 'connect', client: 'g2' },
      { do: 'connect', client: 'plain' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'g1a', subscriptions: [{ topic: '$share/one/s/#', qos: 1 }] },
      { do: 'subscribe', client: 'g1b', subscriptions: [{ topic: '$share/one/s/#', qos: 1 }] },
      { do: 'subscribe', client: 'g2', subscriptions: [{ topic: '$share/two/s/#', qos: 1 }], properties: { subscriptionIdentifier: 9 } },
      { do: 'subscribe', client: 'plain', subscriptions: [{ topic: 's/#', qos: 1 }] },
      ...publishes(2, 1),
    ],
    summarise: byGroup(['g1a', 'g1b']),
  },
  {
    name: 'one client with a shared and a plain subscription on the same filter gets both copies',
    aedesGap: {
      why: "aedes lowers every delivery to a client to the QoS of that client's subscription whose filter is the topic itself, if it has one (after every hook the broker has), so the shared copy comes at the plain subscription's QoS 0",
      expected: (record) => ({ ...record, both: (record.both ?? []).map((line) => line.replace(' q1 "m0"', ' q0 "m0"')) }),
    },
    steps: [
      { do: 'connect', client: 'both' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'both', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }, { topic: 's/t', qos: 0 }], properties: { subscriptionIdentifier: 3 } },
      ...publishes(1, 1),
      { do: 'unsubscribe', client: 'both', topics: ['$share/g/s/t', '$share/g/none'] },
      ...publishes(1, 1),
    ],
  },
  {
    name: 'no retained messages on a shared subscribe; live ones lose the retain flag unless Retain As Published',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 sends the retained message to every member that subscribes; MQTT 5.0 (§4.8.2, as the issue requires) sends no retained messages to a shared subscription when it is made',
      expected: (record) => Object.fromEntries(Object.entries(record).map(([client, lines]) => [client, lines.filter((line) => !line.includes('"old"'))])),
    },
    steps: [
      { do: 'connect', client: 'pub' },
      { do: 'publish', client: 'pub', topic: 's/r', payload: 'old', qos: 1, retain: true },
      { do: 'connect', client: 'member' },
      { do: 'connect', client: 'kept' },
      { do: 'subscribe', client: 'member', subscriptions: [{ topic: '$share/g/s/r', qos: 1 }] },
      { do: 'subscribe', client: 'kept', subscriptions: [{ topic: '$share/h/s/r', qos: 1, rap: true }] },
      { do: 'publish', client: 'pub', topic: 's/r', payload: 'new', qos: 1, retain: true },
      { do: 'publish', client: 'pub', topic: 's/r', payload: '', qos: 1, retain: true },
    ],
  },
  {
    name: 'a member that leaves gets no more; the rest of the group gets everything',
    steps: [
      { do: 'connect', client: 'stays' },
      { do: 'connect', client: 'leaves' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'stays', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      { do: 'subscribe', client: 'leaves', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      { do: 'disconnect', client: 'leaves' },
      ...publishes(3, 1),
    ],
  },
  {
    name: "a member that leaves with QoS 1 and 2 messages unacknowledged: they go to another member once its session ends",
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 drops them with the session; MQTT 5.0 §4.8.2: if the Session terminates before the Client reconnects, the Server SHOULD send the message to another Client of the Shared Subscription',
      expected: (record) => ({ ...record, stays: [...(record.stays ?? []), 'PUBLISH s/t q1 "m0"', 'PUBLISH s/t q2 "two0"'] }),
    },
    steps: [
      { do: 'connect', client: 'leaves', acks: 'held' },
      { do: 'connect', client: 'stays' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'leaves', subscriptions: [{ topic: '$share/g/s/t', qos: 2 }] },
      { do: 'subscribe', client: 'stays', subscriptions: [{ topic: '$share/g/s/t', qos: 2 }] },
      ...publishes(2, 1),
      ...publishes(2, 2).map((step, index) => ({ ...step, payload: `two${index}` })),
      { do: 'cut', client: 'leaves' },
      { do: 'wait', ms: 200 },
    ],
  },
  {
    name: 'a member away with a kept session takes its turn: its QoS 1 messages are queued for it',
    steps: [
      { do: 'connect', client: 'away', connect: { properties: { sessionExpiryInterval: 60 } } },
      { do: 'connect', client: 'here' },
      { do: 'connect', client: 'pub' },
      { do: 'subscribe', client: 'away', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      { do: 'subscribe', client: 'here', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      { do: 'disconnect', client: 'away' },
      ...publishes(4, 1),
      { do: 'connect', client: 'away', connect: { clean: false, properties: { sessionExpiryInterval: 0 } } },
    ],
  },
  {
    name: "a will goes to one member of a shared group",
    steps: [
      { do: 'connect', client: 'a' },
      { do: 'connect', client: 'b' },
      { do: 'subscribe', client: 'a', subscriptions: [{ topic: '$share/g/s/will', qos: 1 }] },
      { do: 'subscribe', client: 'b', subscriptions: [{ topic: '$share/g/s/will', qos: 1 }] },
      { do: 'connect', client: 'dev', connect: { will: { topic: 's/will', payload: Buffer.from('gone'), qos: 1, retain: false } } },
      { do: 'cut', client: 'dev' },
      { do: 'wait', ms: 200 },
    ],
    summarise: byGroup(['a', 'b']),
  },
  {
    name: 'refused shared subscriptions: a wildcard in the share name, an empty one, no filter, No Local',
    differsFromMosquitto: {
      why: 'mosquitto 2.0.11 closes the connection (0x81) for a wildcard in the share name but grants an empty share name and a share name without a filter, which MQTT-4.8.2-1 and -2 forbid in the same way, and grants No Local on a shared subscription, a Protocol Error (MQTT-3.8.3-4)',
      expected: (record) => ({
        ...record,
        emptyname: ['CONNACK 0x00 session present 0, shared 1', 'DISCONNECT 0x81', '(closed by the broker)'],
        nofilter: ['CONNACK 0x00 session present 0, shared 1', 'DISCONNECT 0x81', '(closed by the broker)'],
        nolocal: ['CONNACK 0x00 session present 0, shared 1', 'DISCONNECT 0x82', '(closed by the broker)'],
      }),
    },
    steps: [
      { do: 'connect', client: 'wildcard' },
      { do: 'subscribe', client: 'wildcard', subscriptions: [{ topic: '$share/g+/s/t', qos: 1 }] },
      { do: 'connect', client: 'nofilter' },
      { do: 'subscribe', client: 'nofilter', subscriptions: [{ topic: '$share/g', qos: 1 }] },
      { do: 'connect', client: 'emptyname' },
      { do: 'subscribe', client: 'emptyname', subscriptions: [{ topic: '$share//s/t', qos: 1 }] },
      { do: 'connect', client: 'nolocal' },
      { do: 'subscribe', client: 'nolocal', subscriptions: [{ topic: '$share/g/s/t', qos: 1, nl: true }] },
    ],
  },
  {
    name: 'MQTT 3.1.1 clients share too',
    steps: [
      { do: 'connect', client: 'a', connect: { protocolVersion: 4 } },
      { do: 'connect', client: 'b', connect: { protocolVersion: 4 } },
      { do: 'connect', client: 'pub', connect: { protocolVersion: 4 } },
      { do: 'subscribe', client: 'a', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      { do: 'subscribe', client: 'b', subscriptions: [{ topic: '$share/g/s/t', qos: 1 }] },
      ...publishes(4, 1),
    ],
    summarise: byGroup(['a', 'b']),
  },
];

describeOnBoth('shared subscriptions on the built-in broker match mosquitto 2.0.11', scenarios);
