import type { LessonInput } from '../lesson-format';

/** Lesson 17 (MQTT 5): a queued message expires before its subscriber returns; one without expiry waits. */
export const messageExpiryLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'message-expiry',
  title: 'Message expiry (MQTT 5)',
  summary: 'Some news goes stale: "the bus leaves in 1 minute" is wrong an hour later. MQTT 5 lets a publisher say how long a message stays worth delivering, the Message Expiry Interval.',
  actors: [
    { name: 'Station', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 60 },
  ],
  steps: [
    {
      title: 'The Phone has a session, then goes away',
      narration: 'The Phone subscribes with QoS 1 and a persistent session, then disconnects. Messages for it will wait at the broker.',
      actions: [
        { do: 'connect', actor: 'Station' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'bus/line7/#', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
    },
    {
      title: 'Two messages, one that expires',
      narration: 'The Station publishes two messages while the Phone is away: "leaving in 1 minute" with a Message Expiry Interval of 1 s (short, so the lesson need not wait long), and the timetable with no expiry.',
      actions: [
        { do: 'publish', actor: 'Station', topic: 'bus/line7/departure', payload: 'leaving in 1 minute', qos: 1, properties: { messageExpirySeconds: 1 } },
        { do: 'publish', actor: 'Station', topic: 'bus/line7/timetable', payload: 'every 10 minutes', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Station', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Station', to: 'broker', type: 'PUBLISH', payload: 'leaving in 1 minute', count: 1, properties: { messageExpiryInterval: 1 } },
        { kind: 'packet', from: 'broker', to: 'Station', type: 'PUBACK', count: 2 },
      ],
    },
    {
      title: 'The Phone returns after 2 s: the stale one is gone',
      narration: 'The Phone comes back 2 s later. The broker drops the departure notice, whose second had run out, and delivers the timetable, which does not expire.',
      actions: [
        { do: 'wait', seconds: 2 },
        { do: 'connect', actor: 'Phone' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Phone', payload: 'every 10 minutes' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', payload: 'every 10 minutes', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'leaving in 1 minute', count: 0, says: 'The Phone never received "leaving in 1 minute": it expired while queued.' },
      ],
    },
    {
      title: 'What is left of the interval travels on',
      narration: 'A message that has not expired yet is delivered with what remains of its interval, so the receiver knows how fresh it is. The Phone is online now; the Station sends a notice valid for 60 s.',
      actions: [{ do: 'publish', actor: 'Station', topic: 'bus/line7/departure', payload: 'leaving in 10 minutes', qos: 1, properties: { messageExpirySeconds: 60 } }],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', payload: 'leaving in 10 minutes', count: 1, properties: { messageExpiryInterval: 60 } }],
    },
  ],
};
