import type { LessonInput } from '../lesson-format';

/** Lesson 4: QoS 0 is sent once and never acknowledged, so a delivery the broker drops is gone for good. */
export const qos0AtMostOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos0-at-most-once',
  title: 'QoS 0, at most once',
  summary: 'A QoS 0 message is sent once, and nobody confirms it. When the broker\'s delivery to the Phone is lost, nothing notices and nothing sends it again.',
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Fire and forget',
      narration: 'The Phone subscribes with QoS 0, the Sensor publishes with QoS 0. One PUBLISH goes to the broker, one goes on to the Phone, and no acknowledgement comes back: cheap and fast, with no promise.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'garden/soil/moisture', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=41%', qos: 0 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 0 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=41%', count: 1, qos: 0 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 0 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBACK', count: 0 },
      ],
    },
    {
      title: 'The broker\'s delivery is lost',
      narration: 'Now the broker\'s next QoS 0 delivery to the Phone is dropped, as a lossy link would lose it. The Sensor did its part: its PUBLISH reached the broker. But QoS 0 has no packet id and no acknowledgement, so nobody can know the Phone never got it.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-qos0', actor: 'Phone', percent: 100 } },
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=12%, water now', qos: 0 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true }, timeoutSeconds: 5 },
        { do: 'clear-faults' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, payload: 'moisture=12%, water now' },
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true, count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=12%, water now', count: 0 },
      ],
    },
    {
      title: 'Gone for good',
      narration: 'The link is fine again and the Sensor publishes its next reading. It reaches the Phone; the lost one never does. Nobody kept a copy to send again. QoS 0 suits readings that the next one replaces anyway.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=11%', qos: 0 },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', payload: 'moisture=11%', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=12%, water now', since: 1, count: 0, says: 'The Phone never received "moisture=12%, water now": not when it was lost, and not later.' },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'moisture=12%, water now', count: 0, says: 'The Sensor never sent it again.' },
      ],
      tryIt: [
        {
          label: 'Drop the next delivery to the Phone',
          actions: [
            { do: 'fault', fault: { kind: 'drop-qos0', actor: 'Phone', percent: 100 } },
            { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=10%', qos: 0 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true }, timeoutSeconds: 5 },
            { do: 'clear-faults' },
          ],
          expect: [
            { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true, count: 1 },
            { kind: 'received', actor: 'Phone', payload: 'moisture=10%', count: 0 },
          ],
        },
      ],
    },
  ],
};
