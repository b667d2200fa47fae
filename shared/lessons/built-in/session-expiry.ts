import type { LessonInput } from '../lesson-format';

/** Lesson 11 (MQTT 5): a session kept for N seconds after the client leaves, and gone after. N = 2 keeps it short. */
export const sessionExpiryLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'session-expiry',
  title: 'Session expiry (MQTT 5)',
  summary: 'MQTT 5 replaces "keep my session forever" with a time limit: the Session Expiry Interval. Come back in time and everything is there; come back late and the broker has forgotten you.',
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 2 },
  ],
  steps: [
    {
      title: 'A session kept for 2 s',
      narration: 'The Phone connects with Clean Start 0 and a Session Expiry Interval of 2 s, and subscribes with QoS 1. The broker will keep its session for 2 s after the connection ends.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'alerts/#', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'CONNECT', count: 1, properties: { sessionExpiryInterval: 2 } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: 'Back within the interval: the session is there',
      narration: 'The Phone disconnects; an alert comes while it is away; it returns half a second later. Its session is still there: the broker sends the queued alert, with no new SUBSCRIBE.',
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Sensor', topic: 'alerts/smoke', payload: 'smoke in the kitchen', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 0.5 },
        { do: 'connect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, sessionPresent: true },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'smoke in the kitchen', count: 1, qos: 1 },
      ],
    },
    {
      title: 'Back too late: the session is gone',
      narration: 'The Phone leaves again; another alert comes; this time it stays away 3 s, longer than its 2 s. The broker has ended the session, with its subscription and the queued alert. The Phone connects to a new, empty session and receives nothing.',
      sideNote: 'Its CONNACK says Session Present 0, so the Phone\'s client (MQTT.js) subscribes again by itself: from now on it gets new alerts, but the one sent while its session was gone is lost.',
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Sensor', topic: 'alerts/water', payload: 'water in the cellar', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 3 },
        { do: 'connect', actor: 'Phone' },
        { do: 'wait', seconds: 0.5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, reasonCode: 0, sessionPresent: false, says: 'The broker\'s CONNACK said Session Present 0: it had no session for the Phone any more.' },
        { kind: 'received', actor: 'Phone', count: 0, says: 'The Phone received nothing after it came back: the alert "water in the cellar" went with the expired session.' },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 1, says: 'Seeing Session Present 0, the Phone\'s client sent SUBSCRIBE again by itself.' },
      ],
    },
  ],
};
