import type { LessonInput } from '../lesson-format';

/** Lesson 1: the broker decouples publisher and subscriber; + and # as the spec says; # and $-topics. */
export const publishSubscribeLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'publish-subscribe',
  title: 'Publish/subscribe and topics',
  summary: 'A Sensor publishes, a Phone and a Dashboard subscribe. Nobody talks to anybody but the broker; topic filters decide who gets what.',
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Dashboard', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Everyone connects to the broker',
      narration: 'Each client opens one connection, to the broker and to nobody else, with CONNECT. The broker answers each with CONNACK. The Sensor will never learn who reads its messages.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'connect', actor: 'Dashboard' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'connected', actor: 'Phone', connected: true },
        { kind: 'connected', actor: 'Dashboard', connected: true },
      ],
    },
    {
      title: 'The Phone subscribes to one topic',
      narration: 'The Phone tells the broker what it wants: SUBSCRIBE with the filter home/kitchen/temperature. The broker confirms with SUBACK. The Sensor hears nothing of it.',
      actions: [{ do: 'subscribe', actor: 'Phone', filter: 'home/kitchen/temperature', qos: 0 }],
      expect: [
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'SUBACK', count: 0 },
      ],
    },
    {
      title: 'The Sensor publishes; the broker passes it on',
      narration: 'The Sensor sends one PUBLISH, to the broker. The broker finds the matching subscription and sends the message to the Phone. The Dashboard did not subscribe, so it gets nothing.',
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'home/kitchen/temperature', payload: '21.5' }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, topic: 'home/kitchen/temperature' },
        { kind: 'received', actor: 'Phone', topic: 'home/kitchen/temperature', payload: '21.5', count: 1 },
        { kind: 'received', actor: 'Dashboard', count: 0 },
      ],
      tryIt: [
        {
          label: 'Publish again',
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'home/kitchen/temperature', payload: '22.0' }],
          // At least once: pressed after the later steps, the Phone's home/# subscription brings its own copy too.
          expect: [{ kind: 'received', actor: 'Phone', topic: 'home/kitchen/temperature', payload: '22.0' }],
        },
      ],
    },
    {
      title: '+ matches exactly one level',
      narration: 'The Dashboard subscribes to home/+/temperature. The + stands for one whole topic level: home/garden/temperature matches, home/garden/soil/temperature (two levels in its place) does not.',
      actions: [
        { do: 'subscribe', actor: 'Dashboard', filter: 'home/+/temperature', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/temperature', payload: '14.0' },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/soil/temperature', payload: '9.5' },
      ],
      expect: [
        { kind: 'received', actor: 'Dashboard', topic: 'home/garden/temperature', count: 1 },
        { kind: 'received', actor: 'Dashboard', topic: 'home/garden/soil/temperature', count: 0 },
        { kind: 'received', actor: 'Phone', count: 0 },
      ],
    },
    {
      title: '# matches every level below, and the parent',
      narration: 'The Phone subscribes to home/#. The # must come last and matches any number of levels, even none: home/garden/soil/temperature matches, and so does home itself.',
      actions: [
        { do: 'subscribe', actor: 'Phone', filter: 'home/#', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/soil/temperature', payload: '9.0' },
        { do: 'publish', actor: 'Sensor', topic: 'home', payload: 'all well' },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: 'home/garden/soil/temperature', count: 1 },
        { kind: 'received', actor: 'Phone', topic: 'home', count: 1 },
      ],
    },
    {
      title: '# does not match topics that start with $',
      narration: 'Topics starting with $ are kept apart for the broker\'s own use: a filter starting with a wildcard must not match them (MQTT 3.1.1 §4.7.2). The Dashboard subscribes to #; only a filter that starts with $lab matches $lab/status.',
      actions: [
        { do: 'subscribe', actor: 'Dashboard', filter: '#', qos: 0 },
        { do: 'subscribe', actor: 'Phone', filter: '$lab/#', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: '$lab/status', payload: 'online' },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: '$lab/status', count: 1 },
        { kind: 'received', actor: 'Dashboard', topic: '$lab/status', count: 0 },
      ],
    },
  ],
};
