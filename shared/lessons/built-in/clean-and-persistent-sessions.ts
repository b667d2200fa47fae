import type { LessonInput } from '../lesson-format';

/** Lesson 9: with a persistent session, queued QoS 1 messages arrive when the subscriber returns; with a clean one they are gone. */
export const sessionsLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'clean-and-persistent-sessions',
  title: 'Clean and persistent sessions',
  summary: 'A session is what the broker remembers about a client: its subscriptions and the QoS 1 and 2 messages waiting for it. With Clean Session 0 the broker keeps it while the client is away; with Clean Session 1 it forgets everything.',
  actors: [
    { name: 'Doorbell', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30, clean: false },
  ],
  steps: [
    {
      title: 'A persistent session',
      narration: 'The Phone connects with Clean Session 0 ("keep my session") and subscribes with QoS 1. Then it goes offline, politely.',
      actions: [
        { do: 'connect', actor: 'Doorbell' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'home/door/ring', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
    },
    {
      title: 'Messages while away are queued',
      narration: 'The doorbell rings twice while the Phone is away. The broker accepts both QoS 1 messages and, because the Phone\'s session remembers its subscription, keeps them for it.',
      actions: [
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:01', qos: 1 },
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:03', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 2 }],
    },
    {
      title: 'They arrive when the Phone returns',
      narration: 'The Phone reconnects with Clean Session 0. The broker\'s CONNACK says "Session Present": it still has the Phone\'s session. The Phone does not subscribe again: the session holds the subscription, and the broker sends both rings at once.',
      actions: [{ do: 'connect', actor: 'Phone' }],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, sessionPresent: true, says: 'The broker\'s CONNACK said Session Present 1: it had kept the Phone\'s session.' },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 0 },
        { kind: 'received', actor: 'Phone', topic: 'home/door/ring', count: 2, qos: 1, says: 'Back online, the Phone received both rings it missed: {payloads}.' },
      ],
    },
    {
      title: 'A clean session forgets',
      narration: 'Now the Phone connects with Clean Session 1, subscribes, and goes offline again. With a clean session, the broker drops everything about the Phone when it leaves: its subscription and any message for it.',
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'connect', actor: 'Phone', clean: true },
        { do: 'subscribe', actor: 'Phone', filter: 'home/door/ring', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:07', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 1 }],
    },
    {
      title: '…so the ring is gone',
      narration: 'The Phone comes back, again with Clean Session 1. Nothing arrives: the broker kept no session for it, so the ring at 10:07 went to nobody.',
      actions: [
        { do: 'connect', actor: 'Phone', clean: true },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, reasonCode: 0, sessionPresent: false },
        { kind: 'received', actor: 'Phone', count: 0, says: 'The Phone received nothing in the second after it connected: the ring at 10:07 is gone.' },
      ],
    },
  ],
};
