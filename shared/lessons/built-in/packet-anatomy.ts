import type { LessonInput } from '../lesson-format';

/**
 * Lesson 2: a CONNECT and its CONNACK byte by byte, and the Remaining Length as a variable-byte
 * integer: payloads of 100, 200 and 20,000 bytes make it 1, 2 and 3 bytes long. MQTT 3.1.1, so no
 * properties blur the byte counts.
 */
export const packetAnatomyLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'packet-anatomy',
  title: 'Anatomy of a packet',
  summary: 'Every MQTT packet has the same shape: a fixed header (type and flags, then the Remaining Length), a variable header, and a payload. Click any arrow to see its bytes.',
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'CONNECT: the first packet of every connection',
      narration: 'Before anything else, a client says who it is. Its CONNECT starts with the fixed header: one byte for the packet type (1, so 0x10) and flags, then the Remaining Length, the number of bytes that follow. Then the variable header (the protocol name "MQTT", level 4, connect flags, keepalive) and the payload (the client id, and a will or user name if any). Click the CONNECT arrow to see each byte.',
      actions: [{ do: 'connect', actor: 'Sensor' }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1, remainingLengthBytes: 1, says: 'The Sensor sent one CONNECT of {sizes} bytes: after the first byte (type and flags), one byte of Remaining Length says how many bytes follow.' },
      ],
    },
    {
      title: 'CONNACK: the smallest answer',
      narration: 'The broker answers with CONNACK: the fixed header (type 2, so 0x20, and a Remaining Length of 2), then two bytes: the Session Present flag and the return code, 0 for "accepted". A CONNACK has no payload.',
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', since: 0, count: 1, reasonCode: 0, remainingLengthBytes: 1, says: 'The broker answered with a CONNACK of {sizes} bytes: return code 0x00, accepted.' },
      ],
    },
    {
      title: 'A small PUBLISH: Remaining Length in one byte',
      narration: 'A PUBLISH carries a topic and a payload. Its Remaining Length counts the topic (with its 2-byte length), a packet id if QoS > 0, and the payload. Up to 127 fits in one byte. A 100-byte payload on lab/size makes 110: one byte.',
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'lab/size', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 100 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 1, says: 'The Sensor\'s PUBLISH with 100 bytes of payload was {sizes} bytes on the wire, with a 1-byte Remaining Length.' },
        { kind: 'received', actor: 'Phone', topic: 'lab/size', count: 1 },
      ],
    },
    {
      title: '200 bytes: the Remaining Length takes two bytes',
      narration: 'The Remaining Length is a variable-byte integer: each byte carries 7 bits of the number, and its top bit says "another byte follows". 210 does not fit in 7 bits, so it takes two bytes (0xD2 0x01: 82 + 1 × 128). Two bytes go up to 16,383.',
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 200 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: 'The Sensor\'s PUBLISH with 200 bytes of payload was {sizes} bytes on the wire, with a 2-byte Remaining Length.' },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: 'The broker passed it on to the Phone in {sizes} bytes: the same 2-byte Remaining Length.' },
      ],
    },
    {
      title: '20,000 bytes: three bytes of Remaining Length',
      narration: '20,010 is more than two bytes can say, so a third follows. Four bytes are the most: 268,435,455 bytes, about 256 MB, is the largest packet MQTT can describe. The length costs only what the packet needs.',
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 20_000 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 3, says: 'The Sensor\'s PUBLISH with 20,000 bytes of payload was {sizes} bytes on the wire, with a 3-byte Remaining Length.' },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', count: 1, remainingLengthBytes: 3, says: 'The broker passed it on to the Phone in {sizes} bytes: the same 3-byte Remaining Length.' },
      ],
      tryIt: [
        {
          label: 'Make the Remaining Length 127 (the 1-byte limit)',
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 117 }],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 1, says: 'A Remaining Length of 127 still fits in one byte: the PUBLISH was {sizes} bytes.' }],
        },
        {
          label: 'Make it 128 (one more)',
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 118 }],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: 'One byte more, 128, needs a second byte of Remaining Length: the PUBLISH was {sizes} bytes.' }],
        },
      ],
    },
  ],
};
