import type { LessonInput } from '../lesson-format';

/**
 * Lesson 10: a client that stops sending PINGREQ is closed by the broker after one and a half times
 * its keepalive, and its will fires. A keepalive of 2 s keeps the lesson short.
 */
export const keepaliveLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'keepalive',
  title: 'Keepalive',
  summary: 'A connection can die silently: no packet says so. Keepalive is the promise to send something at least every N seconds; a broker that hears nothing for one and a half times that closes the connection.',
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 2, will: { topic: 'field/sensor/status', payload: 'Sensor lost', qos: 1 } },
    { name: 'Monitor', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'A keepalive of 2 s, and a will',
      narration: 'The Sensor connects with a keepalive of 2 seconds and a will. The Monitor watches the Sensor\'s status topic.',
      actions: [
        { do: 'connect', actor: 'Monitor' },
        { do: 'subscribe', actor: 'Monitor', filter: 'field/sensor/status', qos: 1 },
        { do: 'connect', actor: 'Sensor' },
      ],
      expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 }],
    },
    {
      title: 'Idle, the Sensor pings',
      narration: 'The Sensor has nothing to publish. To keep its promise it sends PINGREQ when 2 s pass without a packet, and the broker answers PINGRESP.',
      actions: [
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PINGRESP', atLeast: 2 }, timeoutSeconds: 8 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PINGREQ', atLeast: 2 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PINGRESP', atLeast: 2 },
        { kind: 'connected', actor: 'Sensor', connected: true },
      ],
    },
    {
      title: 'The Sensor falls silent',
      narration: 'Now the Sensor stops pinging, as a frozen device would: its socket stays open, but nothing comes. The broker allows one and a half times the keepalive, 3 s, then closes the connection, and, since the Sensor said no goodbye, publishes its will.',
      actions: [
        { do: 'stop-pinging', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'closed-by-broker', actor: 'Sensor' }, timeoutSeconds: 8 },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor lost' }, timeoutSeconds: 3 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PINGREQ', count: 0 },
        { kind: 'closed-by-broker', actor: 'Sensor', minKeepalives: 1, maxKeepalives: 2, says: 'The broker closed {actor}\'s connection {seconds} s after its last packet: {ratio} × its keepalive of {keepalive} s.' },
        { kind: 'received', actor: 'Monitor', topic: 'field/sensor/status', payload: 'Sensor lost', count: 1 },
      ],
      sideNote: 'The spec says "within one and a half times the keepalive"; how closely a broker keeps to it depends on how often it looks. mosquitto 2.0 looks only every few seconds, so with a keepalive as short as 2 s it may close the connection later than 1.5 ×: the check then says when it did.',
    },
  ],
};
