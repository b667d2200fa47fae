import type { LessonInput } from '../lesson-format';

/**
 * Lesson 16 (MQTT 5): Receive Maximum caps the QoS 1 and 2 messages in flight towards a client. The
 * Worker's PUBACKs are dropped on their way to the broker, so the broker sees two unacknowledged
 * messages and must hold the rest until the Worker's session resumes and acknowledges.
 */
export const flowControlLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'flow-control',
  title: 'Flow control (MQTT 5)',
  summary: 'A slow client can be flooded with messages it has no room for. MQTT 5 lets it say how many unacknowledged QoS 1 and 2 messages it takes at once, its Receive Maximum; the broker holds the rest back until acknowledgements come.',
  actors: [
    { name: 'Shop', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker', protocolVersion: 5, keepaliveSeconds: 30, receiveMaximum: 2, clean: false, sessionExpirySeconds: 30, reconnectAfterMs: 300 },
  ],
  steps: [
    {
      title: 'The Worker takes two at a time',
      narration: 'The Worker connects with Receive Maximum 2: "send me at most two QoS 1 or 2 messages that I have not acknowledged yet". It subscribes with QoS 1.',
      actions: [
        { do: 'connect', actor: 'Shop' },
        { do: 'connect', actor: 'Worker' },
        { do: 'subscribe', actor: 'Worker', filter: 'shop/jobs', qos: 1 },
      ],
      expect: [{ kind: 'packet', from: 'Worker', to: 'broker', type: 'CONNECT', count: 1, properties: { receiveMaximum: 2 } }],
    },
    {
      title: 'Acknowledgements are lost: the broker stops at two',
      narration: 'The Worker\'s next two PUBACKs are lost on the way to the broker. Then the Shop publishes five jobs. The broker sends the Worker two; with no acknowledgement back, both stay in flight, and the broker holds the other three.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Worker', ack: 'puback', direction: 'from-client', count: 2 } },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 1', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 2', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 3', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 4', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 5', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 5 }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'Worker', to: 'broker', type: 'PUBACK', dropped: true, count: 2 }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 5, says: 'The broker took all five jobs from the Shop (five PUBACKs).' },
        { kind: 'packet', at: 'broker', from: 'Worker', to: 'broker', type: 'PUBACK', dropped: true, count: 2 },
        { kind: 'received', actor: 'Worker', topic: 'shop/jobs', count: 2, says: 'The Worker received only {count} jobs, {payloads}, in the second that followed: its Receive Maximum.' },
        { kind: 'in-flight', actor: 'Worker', atMost: 2, says: 'At the broker, at most {max} jobs to the Worker were unacknowledged at once.' },
      ],
    },
    {
      title: 'The session resumes; the rest flows',
      narration: 'The Worker\'s connection is cut and it comes back to its session. The broker sends the two unacknowledged jobs again; this time the PUBACKs arrive, and the three held jobs follow, each as a PUBACK makes room.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Worker' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Worker', payload: 'job 5' }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'received', actor: 'Worker', payload: 'job 1', count: 1, says: 'After the reconnect the broker sent "job 1" again: as far as it knew, it was never acknowledged.' },
        { kind: 'received', actor: 'Worker', payload: 'job 2', count: 1, says: 'And "job 2" again, for the same reason.' },
        { kind: 'received', actor: 'Worker', payload: 'job 3', count: 1 },
        { kind: 'received', actor: 'Worker', payload: 'job 4', count: 1 },
        { kind: 'received', actor: 'Worker', payload: 'job 5', count: 1 },
        { kind: 'in-flight', actor: 'Worker', atMost: 2, says: 'Over {deliveries} deliveries, never more than {max} jobs were unacknowledged at once: the Worker\'s Receive Maximum held.' },
      ],
    },
  ],
};
