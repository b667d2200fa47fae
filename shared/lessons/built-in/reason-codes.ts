import type { LessonInput } from '../lesson-format';

/**
 * Lesson 12 (MQTT 5): reason codes. Where brokers may differ (PUBACK 0x10 is optional; SUBACK 0x87
 * needs access rules the built-in broker does not have) the claim states what this broker answered,
 * read off the wire, instead of asserting one code.
 */
export const reasonCodesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'reason-codes',
  title: 'Reason codes (MQTT 5)',
  summary: 'MQTT 5 acknowledgements say why: a one-byte reason code in PUBACK, SUBACK, CONNACK and DISCONNECT. Below 0x80 is success (with a hint); 0x80 and above is an error.',
  broker: { users: [{ username: 'lab', password: 'lab-secret' }] },
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret' },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret', clientId: 'lesson-reasons-phone' },
    { name: 'Tablet', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret', clientId: 'lesson-reasons-phone' },
    { name: 'Intruder', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'guess' },
  ],
  steps: [
    {
      title: 'PUBACK when nobody listens',
      narration: 'The Sensor publishes with QoS 1 on a topic nobody subscribes to. The broker takes the message all the same, and its PUBACK may say so: 0x10, "No matching subscribers". That code is a hint the spec allows, not a must: a broker may answer 0x00, "Success".',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'publish', actor: 'Sensor', topic: 'lab/nobody/listens', payload: 'hello?', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, says: 'This broker answered the PUBACK with reason code {reasonCodes}.' }],
      sideNote: 'mosquitto answers 0x10 here; the built-in broker answers 0x00 (Success), which the spec also allows. The claim shows what this broker said, read from the wire.',
    },
    {
      title: 'PUBACK 0x00 when someone does',
      narration: 'The Phone subscribes, and the Sensor publishes again on its topic. Now every broker answers 0x00, "Success".',
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'lab/phone/inbox', qos: 1 },
        { do: 'publish', actor: 'Sensor', topic: 'lab/phone/inbox', payload: 'hello, Phone', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, reasonCode: 0 },
        { kind: 'received', actor: 'Phone', payload: 'hello, Phone', count: 1 },
      ],
    },
    {
      title: 'SUBACK: granted, or 0x87 not authorized',
      narration: 'A SUBACK carries one reason code per filter: the QoS granted (0x00, 0x01, 0x02) or an error. A broker with access rules answers 0x87, "Not authorized", to a filter the user may not read. The Phone asks for admin/#.',
      actions: [{ do: 'subscribe', actor: 'Phone', filter: 'admin/#', qos: 1 }],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1, says: 'This broker answered the SUBSCRIBE to admin/# with reason code {reasonCodes}.' }],
      sideNote: 'Neither broker at hand can show 0x87 here. The built-in broker checks user names and passwords but has no access rules, so it grants every filter (0x01). mosquitto 2.0 checks its ACL when it delivers a message, not when a client subscribes, so it grants the filter too and then sends nothing that the ACL denies. A broker that checks access at subscribe time answers 0x87.',
    },
    {
      title: 'CONNACK 0x86: bad user name or password',
      narration: 'This broker knows one user, lab. The Intruder tries the right name with a guessed password. The broker answers CONNACK with 0x86, "Bad User Name or Password", and closes the connection.',
      actions: [{ do: 'connect', actor: 'Intruder' }],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Intruder', type: 'CONNACK', count: 1, reasonCode: 0x86 },
        { kind: 'connected', actor: 'Intruder', connected: false },
      ],
      sideNote: 'Against another broker, this claim needs that broker to know the user lab and refuse the password "guess". Brokers word the refusal differently: mosquitto 2.0 answers 0x87 (Not authorized) to a wrong password.',
    },
    {
      title: 'DISCONNECT 0x8E: session taken over',
      narration: 'Client ids are unique: the Tablet connects with the Phone\'s client id. The broker keeps the newcomer and throws out the Phone, telling it why in a DISCONNECT from the broker (new in MQTT 5): 0x8E, "Session taken over".',
      actions: [
        { do: 'connect', actor: 'Tablet' },
        { do: 'wait-until', expect: { kind: 'connected', actor: 'Phone', connected: false }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Tablet', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'DISCONNECT', count: 1, reasonCode: 0x8e },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
      sideNote: 'Sending this DISCONNECT is a SHOULD in MQTT 5, not a MUST: mosquitto 2.0 closes the old connection without one, so the Phone learns nothing of why.',
    },
  ],
};
