import type { LessonInput } from '../lesson-format';

/**
 * Lesson 15 (MQTT 5): a topic alias. The first PUBLISH carries the topic and an alias number, the
 * next only the alias; the bytes saved are read off the wire. The second part, the broker's own
 * aliases towards a subscriber, is the built-in broker's (mosquitto 2.0 sends none).
 */
export const topicAliasLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'topic-alias',
  title: 'Topic alias (MQTT 5)',
  summary: 'Long topics cost bytes on every message. MQTT 5 lets each side of a connection give a topic a small number, its alias, once; after that the number alone stands for the topic.',
  actors: [
    { name: 'Tracker', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Dashboard', protocolVersion: 5, keepaliveSeconds: 30, topicAliasMaximum: 10 },
  ],
  steps: [
    {
      title: 'The broker says how many aliases it takes',
      narration: 'A client may only use aliases the broker allows: the broker\'s CONNACK carries Topic Alias Maximum, how many it will remember for this connection.',
      actions: [
        { do: 'connect', actor: 'Tracker' },
        { do: 'connect', actor: 'Dashboard' },
        { do: 'subscribe', actor: 'Dashboard', filter: 'fleet/#', qos: 0 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Tracker', type: 'CONNACK', count: 1, reasonCode: 0 }],
    },
    {
      title: 'The first PUBLISH sets up the alias',
      narration: 'The Tracker publishes its position on a long topic. This first PUBLISH carries the whole topic and a Topic Alias property: "from now on, 1 means this topic".',
      actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.52,13.40', qos: 0, topicAlias: 'auto' }],
      expect: [
        { kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'topic-and-alias', says: 'The Tracker\'s first PUBLISH carried the topic and its alias: {sizes} bytes.' },
        { kind: 'received', actor: 'Dashboard', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', count: 1 },
      ],
    },
    {
      title: 'The second PUBLISH carries only the alias',
      narration: 'The next position goes with an empty topic and the alias alone. The broker looks the alias up and delivers it on the full topic, as if nothing changed.',
      actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.53,13.41', qos: 0, topicAlias: 'auto' }],
      expect: [
        { kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'alias-only', says: 'The second PUBLISH carried only the alias: {sizes} bytes, {bytesSaved} bytes saved on this one message.' },
        { kind: 'received', actor: 'Dashboard', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.53,13.41', count: 1 },
      ],
      tryIt: [
        {
          label: 'Publish another position',
          actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.54,13.42', qos: 0, topicAlias: 'auto' }],
          expect: [{ kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'alias-only', says: 'Again only the alias: {bytesSaved} bytes saved.' }],
        },
      ],
    },
    {
      title: 'Aliases are per direction: the broker\'s own',
      narration: 'Aliases belong to one connection and one direction. The Dashboard said (Topic Alias Maximum 10 in its CONNECT) that it takes aliases too, so the broker may set up its own towards it. The built-in broker does: the first delivery set up an alias, later ones use it alone.',
      needsBuiltInBroker: true,
      actions: [],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Dashboard', type: 'PUBLISH', since: 1, count: 2, says: 'The broker sent the Dashboard {count} PUBLISH packets of {sizes} bytes.' },
        { kind: 'packet', from: 'broker', to: 'Dashboard', type: 'PUBLISH', since: 2, count: 1, topicAlias: 'alias-only', says: 'The broker\'s second delivery carried only its alias: {bytesSaved} bytes saved.' },
      ],
      sideNote: 'A broker may use aliases towards a client but need not: mosquitto 2.0 sends none, so this step runs only on the built-in broker.',
    },
  ],
};
