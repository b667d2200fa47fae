import type { LessonInput } from '../lesson-format';

/**
 * Lesson 6: QoS 2. A lost PUBREC makes the Sensor resend the PUBLISH (DUP); a lost PUBCOMP makes it
 * resend the PUBREL; the Phone still gets each message once. Like lesson 5, the Sensor's session
 * persists (Clean Start 0 and a session expiry), which is what resending belongs to.
 */
export const qos2ExactlyOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos2-exactly-once',
  title: 'QoS 2, exactly once',
  summary: 'QoS 2 pays four packets per message so that a message is never lost and never handled twice. Lose a PUBREC or a PUBCOMP and cut the connection: packets are resent, and the Phone still gets each message exactly once.',
  actors: [
    { name: 'Sensor', protocolVersion: 5, clean: false, sessionExpirySeconds: 30, keepaliveSeconds: 30, reconnectAfterMs: 300 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'The four-packet handshake',
      narration: 'The Phone subscribes with QoS 2 and the Sensor publishes with QoS 2. PUBLISH: "here is message N". PUBREC: "I have it, and I will not pass it on twice". PUBREL: "then I forget it; you may release it". PUBCOMP: "done, the packet id is free". The same four packets run from the broker to the Phone.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'bank/transfers', qos: 2 },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 1: 100 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 2 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 1: 100 EUR', count: 1, qos: 2 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBCOMP', count: 1 },
      ],
      sideNote: 'When may a broker pass the message on? The spec allows either moment. The built-in broker forwards it as soon as the PUBLISH arrives; mosquitto waits for the PUBREL. Both deliver it once: the receiver\'s PUBREC is its promise to discard a DUP copy of the same packet id until PUBREL.',
    },
    {
      title: 'The PUBREC is lost',
      narration: 'The broker\'s next PUBREC to the Sensor is dropped. The broker has the message (and, ours being a broker that forwards on PUBLISH, has already passed it to the Phone); the Sensor does not know that, and keeps it.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubrec', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 2: 250 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true, count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 2: 250 EUR', count: 1 },
      ],
    },
    {
      title: 'Cut and resumed: the PUBLISH comes again, the Phone gets it once',
      narration: 'The Sensor\'s connection is cut. It comes back to its session and sends the PUBLISH again, DUP set, same packet id. The broker still holds that packet id as "received, not released", so it answers PUBREC and does not pass the copy on. PUBREL and PUBCOMP finish the handshake.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 2: 250 EUR', dup: true }, timeoutSeconds: 10 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 2: 250 EUR', since: 1, count: 2, dup: 'after-first', samePacketId: true },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 2: 250 EUR', since: 1, count: 1, says: 'The Phone received "transfer 2: 250 EUR" once in all, though the Sensor sent it twice: exactly once.' },
      ],
      tryIt: [
        {
          label: 'Lose the next PUBREC and cut again',
          actions: [
            { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubrec', direction: 'to-client', count: 1 } },
            { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 4: 10 EUR', qos: 2 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true }, timeoutSeconds: 5 },
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 10 },
          ],
          expect: [
            { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 4: 10 EUR', count: 2, dup: 'after-first', samePacketId: true },
            { kind: 'received', actor: 'Phone', payload: 'transfer 4: 10 EUR', count: 1 },
          ],
        },
      ],
    },
    {
      title: 'The PUBCOMP is lost',
      narration: 'Next, the broker\'s PUBCOMP is dropped. The Sensor has sent PUBREL and waits for PUBCOMP; the message itself is settled, only the end of the handshake is missing.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubcomp', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 3: 75 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBCOMP', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBCOMP', dropped: true, count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 3: 75 EUR', count: 1 },
      ],
    },
    {
      title: 'Cut and resumed: only the PUBREL is resent',
      narration: 'After the cut, the Sensor resumes by sending the PUBREL again, not the PUBLISH: it already knows the broker has the message. The broker answers PUBCOMP. The Phone got the message once.',
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', since: 3, count: 2, samePacketId: true, says: 'The Sensor sent PUBREL {times}, with packet id {packetIds}: the second after the reconnect.' },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 0 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 3: 75 EUR', since: 3, count: 1 },
      ],
    },
  ],
};
