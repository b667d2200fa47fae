import type { LessonInput } from '../lesson-format';

/**
 * Lesson 5: the PUBACK is lost and the connection cut; the PUBLISH is resent with DUP, and the
 * subscriber gets it twice. Redelivery belongs to a session that persists, so the Sensor connects
 * with Clean Start 0 and a session expiry. Short timings, so it runs quickly in CI too.
 */
export const qos1AtLeastOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos1-at-least-once',
  title: 'QoS 1, at least once',
  summary: 'A QoS 1 message is sent until its PUBACK comes. Lose the PUBACK and cut the connection: the Sensor sends the PUBLISH again, with DUP set, and the Phone gets the message twice.',
  actors: [
    { name: 'Sensor', protocolVersion: 5, clean: false, sessionExpirySeconds: 30, keepaliveSeconds: 30, reconnectAfterMs: 300 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'A persistent session, and a subscriber',
      narration: 'The Sensor connects with Clean Start 0 and a Session Expiry Interval of 30 s: the broker keeps its session, and the Sensor keeps its unacknowledged messages, across a lost connection. The Phone subscribes with QoS 1.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'factory/line1/count', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1, properties: { sessionExpiryInterval: 30 } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: 'QoS 1: PUBLISH, then PUBACK',
      narration: 'The Sensor publishes with QoS 1 and keeps the message until the broker\'s PUBACK, with the same packet id, says it arrived. The broker does the same towards the Phone.',
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=1', qos: 1 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 1, dup: false },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'count=1', count: 1, qos: 1 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBACK', count: 1 },
      ],
    },
    {
      title: 'The PUBACK is lost',
      narration: 'Now the broker\'s next PUBACK to the Sensor is dropped, as a bad link would lose it. The broker has the message and passes it on; the Sensor never hears so, and keeps it.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'puback', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=2', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true, count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'count=2', count: 1 },
      ],
    },
    {
      title: 'The connection is cut; the PUBLISH is resent with DUP',
      narration: 'The Sensor\'s connection is cut. It reconnects to the same session and sends the unacknowledged PUBLISH again, with the same packet id and the DUP flag set. The broker cannot tell it already has it: at least once means the Phone may get it twice.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=2', dup: true }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=2', since: 2, count: 2, dup: 'after-first', samePacketId: true },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'count=2', since: 2, count: 2 },
      ],
      sideNote: 'Redelivery belongs to a session that persists. After a clean reconnect (Clean Start 1) the broker has no session to resume; MQTT.js still resends what it holds, but as a new message: that is the client\'s choice, not the protocol\'s guarantee.',
      tryIt: [
        {
          label: 'Drop the next PUBACK and cut again',
          actions: [
            { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'puback', direction: 'to-client', count: 1 } },
            { do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=3', qos: 1 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true }, timeoutSeconds: 5 },
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=3', dup: true }, timeoutSeconds: 10 },
          ],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=3', count: 2, dup: 'after-first', samePacketId: true }],
        },
      ],
    },
  ],
};
