import type { LessonInput } from '../lesson-format';

/**
 * Lesson 8: a cut connection fires the will; a normal DISCONNECT does not; on MQTT 5, DISCONNECT 0x04
 * fires it, and the will delay holds it back. Cuts are client-side, so it runs against any broker.
 */
export const lastWillLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'last-will',
  title: 'Last will',
  summary: 'A client leaves a will with the broker when it connects: a message the broker publishes for it if it vanishes without saying goodbye.',
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30, will: { topic: 'plant/sensor/status', payload: 'Sensor offline', qos: 1 } },
    { name: 'Van', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 10, will: { topic: 'plant/van/status', payload: 'Van offline', qos: 1, delaySeconds: 2 } },
    { name: 'Monitor', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'The will travels in CONNECT',
      narration: 'The Sensor connects with a will: topic plant/sensor/status, payload "Sensor offline". The broker keeps it and says nothing yet. The Monitor subscribes to every status topic.',
      actions: [
        { do: 'connect', actor: 'Monitor' },
        { do: 'subscribe', actor: 'Monitor', filter: 'plant/+/status', qos: 1 },
        { do: 'connect', actor: 'Sensor' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'received', actor: 'Monitor', count: 0 },
      ],
    },
    {
      title: 'A cut connection fires the will',
      narration: 'The Sensor\'s connection is cut: no DISCONNECT, as when a battery dies or a cable is pulled. The broker sees the socket close without a goodbye and publishes the will for the Sensor.',
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor offline' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 0 },
        { kind: 'received', actor: 'Monitor', topic: 'plant/sensor/status', payload: 'Sensor offline', count: 1 },
      ],
    },
    {
      title: 'A normal DISCONNECT does not',
      narration: 'The Sensor connects again and this time leaves politely, with DISCONNECT (reason code 0x00, normal). The broker throws the will away: a client that said goodbye is not missing.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'disconnect', actor: 'Sensor' },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 1 },
        { kind: 'received', actor: 'Monitor', count: 0, says: 'The Monitor received nothing in the second after the DISCONNECT: no will.' },
      ],
    },
    {
      title: 'MQTT 5: DISCONNECT 0x04 asks for the will',
      narration: 'MQTT 5 lets a client leave politely and still have its will sent: DISCONNECT with reason code 0x04, "Disconnect with Will Message". Useful for a device that shuts down on purpose but wants the others told.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'disconnect', actor: 'Sensor', reasonCode: 4 },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor offline' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 1, reasonCode: 4 },
        { kind: 'received', actor: 'Monitor', payload: 'Sensor offline', count: 1 },
      ],
    },
    {
      title: 'The will delay holds it back',
      narration: 'The Van has a Will Delay Interval of 2 s and a session kept for 10 s: a short dead spot (a tunnel) should not alarm anyone. Its connection is cut. One second later, the broker still holds the will back.',
      actions: [
        { do: 'connect', actor: 'Van' },
        { do: 'cut', actor: 'Van' },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'connected', actor: 'Van', connected: false },
        { kind: 'received', actor: 'Monitor', payload: 'Van offline', count: 0, says: 'One second after the cut, the Monitor has not received the Van\'s will.' },
      ],
    },
    {
      title: '…and sends it when the delay is over',
      narration: 'The Van did not come back within its 2 s, so the broker publishes its will. Had it reconnected in time, the will would never have been sent.',
      actions: [{ do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Van offline' }, timeoutSeconds: 5 }],
      expect: [{ kind: 'received', actor: 'Monitor', topic: 'plant/van/status', payload: 'Van offline', since: 4, count: 1 }],
      tryIt: [
        {
          label: 'Cut the Van and reconnect it within the delay',
          actions: [
            { do: 'connect', actor: 'Van' },
            { do: 'cut', actor: 'Van' },
            { do: 'wait', seconds: 0.5 },
            { do: 'connect', actor: 'Van' },
            { do: 'wait', seconds: 2.5 },
          ],
          expect: [
            { kind: 'connected', actor: 'Van', connected: true },
            { kind: 'received', actor: 'Monitor', payload: 'Van offline', count: 0, says: 'The Van came back within 2 s, and its will was not sent.' },
          ],
        },
      ],
    },
  ],
};
