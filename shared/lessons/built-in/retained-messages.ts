import type { LessonInput } from '../lesson-format';

/** Lesson 7: a late subscriber gets the last retained value at once; an empty retained message deletes it. */
export const retainedMessagesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'retained-messages',
  title: 'Retained messages',
  summary: 'The broker keeps the last retained message of each topic and hands it to every new subscriber at once, so nobody waits for the next reading. An empty retained message deletes it.',
  actors: [
    { name: 'Thermostat', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Tablet', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'The Thermostat publishes with RETAIN',
      narration: 'Nobody is subscribed yet. The Thermostat publishes its set point twice, with the RETAIN flag: the broker keeps the last one for the topic, replacing the one before.',
      actions: [
        { do: 'connect', actor: 'Thermostat' },
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '20.0', qos: 1, retain: true },
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '21.5', qos: 1, retain: true },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'Thermostat', to: 'broker', type: 'PUBLISH', count: 2, retain: true }],
    },
    {
      title: 'A late subscriber gets the last value at once',
      narration: 'The Phone connects long after and subscribes. It does not wait for the next publish: right after the SUBACK, the broker sends it the retained 21.5, with RETAIN set so the Phone knows it is a stored value, not news. The older 20.0 is gone.',
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'home/heating/setpoint', qos: 1 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: 'home/heating/setpoint', payload: '21.5', count: 1, retain: true },
        { kind: 'received', actor: 'Phone', payload: '20.0', count: 0 },
      ],
    },
    {
      title: 'Live messages come without RETAIN',
      narration: 'While the Phone is subscribed, a new retained publish reaches it as an ordinary message: the broker clears the RETAIN flag, because for the Phone it is news. The broker also stores it for the next newcomer.',
      actions: [{ do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '19.0', qos: 1, retain: true }],
      expect: [{ kind: 'received', actor: 'Phone', payload: '19.0', count: 1, retain: false }],
    },
    {
      title: 'An empty retained message deletes it',
      narration: 'To remove a retained value, publish an empty payload with RETAIN on its topic. The broker deletes what it kept; the Tablet, subscribing after that, gets nothing.',
      actions: [
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '', qos: 1, retain: true },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'connect', actor: 'Tablet' },
        { do: 'subscribe', actor: 'Tablet', filter: 'home/heating/setpoint', qos: 1 },
        { do: 'wait', seconds: 0.5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Tablet', type: 'SUBACK', count: 1 },
        { kind: 'received', actor: 'Tablet', count: 0, says: 'The Tablet subscribed and received nothing: the retained message was deleted.' },
      ],
      tryIt: [
        {
          label: 'Retain a new value, then subscribe the Tablet again',
          actions: [
            { do: 'unsubscribe', actor: 'Tablet', filter: 'home/heating/setpoint' },
            { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '22.0', qos: 1, retain: true },
            { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK' }, timeoutSeconds: 5 },
            { do: 'subscribe', actor: 'Tablet', filter: 'home/heating/setpoint', qos: 1 },
          ],
          expect: [{ kind: 'received', actor: 'Tablet', payload: '22.0', count: 1, retain: true }],
        },
      ],
    },
  ],
};
