import type { LessonInput } from '../lesson-format';

/**
 * Lesson 3: every packet type of MQTT 3.1.1 really crosses the wire, each named and explained. AUTH
 * (MQTT 5 only) goes on the wire from an actor; neither the built-in broker nor a stock mosquitto does
 * enhanced authentication, so the lesson shows how the broker answers an AUTH it did not expect.
 */
export const packetTypesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'packet-types',
  title: 'The packet types',
  summary: 'A tour of the fourteen packet types of MQTT 3.1.1, each really on the wire: connecting, subscribing, publishing at each QoS, pinging, unsubscribing and leaving. And AUTH, the fifteenth, added by MQTT 5.',
  actors: [
    { name: 'Alice', properNoun: true, protocolVersion: 4, keepaliveSeconds: 2 },
    { name: 'Bob', properNoun: true, protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Carol', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'CONNECT and CONNACK',
      narration: 'A client opens the conversation with CONNECT (type 1): its client id, keepalive and session wishes. The broker accepts or refuses with CONNACK (type 2).',
      actions: [
        { do: 'connect', actor: 'Alice' },
        { do: 'connect', actor: 'Bob' },
      ],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'CONNACK', count: 1, reasonCode: 0 },
      ],
    },
    {
      title: 'SUBSCRIBE and SUBACK',
      narration: 'Bob asks for messages with SUBSCRIBE (type 8): topic filters, each with the highest QoS he wants. The broker answers SUBACK (type 9) with the QoS it granted for each filter, under the same packet id.',
      actions: [{ do: 'subscribe', actor: 'Bob', filter: 'tour/#', qos: 2 }],
      expect: [
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'SUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: 'PUBLISH at QoS 0: nothing comes back',
      narration: 'PUBLISH (type 3) carries a message. At QoS 0 it is sent once and nobody answers: no packet id, no acknowledgement.',
      actions: [{ do: 'publish', actor: 'Alice', topic: 'tour/qos0', payload: 'hello', qos: 0 }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBLISH', count: 1, qos: 0 },
        { kind: 'received', actor: 'Bob', topic: 'tour/qos0', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK', count: 0 },
      ],
    },
    {
      title: 'PUBACK: QoS 1 is acknowledged',
      narration: 'At QoS 1 the receiver answers with PUBACK (type 4), naming the packet id. Until then the sender keeps the message, ready to send it again.',
      actions: [
        { do: 'publish', actor: 'Alice', topic: 'tour/qos1', payload: 'please confirm', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBLISH', count: 1, qos: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBACK', count: 1 },
      ],
    },
    {
      title: 'PUBREC, PUBREL, PUBCOMP: the QoS 2 handshake',
      narration: 'QoS 2 takes four packets, so that the message is handled exactly once: PUBLISH; PUBREC (type 5, "received"); PUBREL (type 6, "release it", the sender may now forget the message); PUBCOMP (type 7, "complete"). The same handshake runs again from the broker to Bob.',
      actions: [
        { do: 'publish', actor: 'Alice', topic: 'tour/qos2', payload: 'exactly once', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBCOMP' }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBCOMP', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBCOMP', count: 1 },
      ],
    },
    {
      title: 'PINGREQ and PINGRESP: still there?',
      narration: 'Alice\'s keepalive is 2 s. When she has sent nothing for that long, she sends PINGREQ (type 12) and the broker answers PINGRESP (type 13): both sides learn the connection still works.',
      actions: [{ do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PINGRESP' }, timeoutSeconds: 6 }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PINGREQ', says: '{from} sent PINGREQ {times}, {sizes} bytes each: a fixed header and nothing else.' },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PINGRESP' },
      ],
    },
    {
      title: 'UNSUBSCRIBE and UNSUBACK',
      narration: 'Bob no longer wants the messages: UNSUBSCRIBE (type 10) names the filters, and the broker confirms with UNSUBACK (type 11). After it, the broker sends him nothing on those topics.',
      actions: [
        { do: 'unsubscribe', actor: 'Bob', filter: 'tour/#' },
        { do: 'publish', actor: 'Alice', topic: 'tour/after', payload: 'anyone?', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'UNSUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'UNSUBACK', count: 1 },
        { kind: 'received', actor: 'Bob', topic: 'tour/after', count: 0 },
      ],
    },
    {
      title: 'DISCONNECT: leaving politely',
      narration: 'Alice says goodbye with DISCONNECT (type 14) and closes the connection. In MQTT 3.1.1 only the client sends it; the broker just closes.',
      actions: [{ do: 'disconnect', actor: 'Alice' }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'DISCONNECT', count: 1, says: '{from} sent DISCONNECT, {sizes} bytes: the fourteenth packet type of MQTT 3.1.1 on the wire.' },
        { kind: 'connected', actor: 'Alice', connected: false },
      ],
    },
    {
      title: 'AUTH (MQTT 5): the fifteenth type, and how a broker answers it',
      narration: 'MQTT 5 adds AUTH (type 15) for enhanced authentication: a challenge and response (SCRAM, Kerberos…) before CONNACK and again later on the same connection. Carol, an MQTT 5 client, sends AUTH asking to re-authenticate with SCRAM-SHA-256, although her CONNECT named no Authentication Method. A broker must treat that as a protocol error and close the connection.',
      actions: [
        { do: 'connect', actor: 'Carol' },
        { do: 'send-auth', actor: 'Carol', method: 'SCRAM-SHA-256' },
        { do: 'wait-until', expect: { kind: 'connected', actor: 'Carol', connected: false }, timeoutSeconds: 3 },
      ],
      expect: [
        { kind: 'packet', from: 'Carol', to: 'broker', type: 'AUTH', count: 1, properties: { authenticationMethod: 'SCRAM-SHA-256' }, says: '{from} sent AUTH, {sizes} bytes, with authenticationMethod "SCRAM-SHA-256".' },
        { kind: 'packet', from: 'broker', to: 'Carol', type: 'DISCONNECT', atMost: 1, says: 'Before closing, this broker sent {count} DISCONNECT (reason codes: {reasonCodes}); the spec lets it send one, such as 0x82 Protocol Error, or simply close.' },
        { kind: 'connected', actor: 'Carol', connected: false, says: 'The broker closed {actor}\'s connection.' },
      ],
      sideNote: 'Neither the built-in broker nor a mosquitto without an authentication plugin does enhanced authentication, so this lesson cannot show a real SCRAM exchange: only that AUTH exists on the wire, and how a broker that does not expect it answers.',
    },
  ],
};
