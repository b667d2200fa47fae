import type { LessonInput } from '../lesson-format';

/**
 * Lesson 13 (MQTT 5): request/response over publish/subscribe. The request names a Response Topic
 * and carries Correlation Data; the Responder answers on that topic with the same Correlation Data.
 */
export const requestResponseLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'request-response',
  title: 'Request/response (MQTT 5)',
  summary: 'Publish/subscribe has no replies built in: a publisher does not know who reads. MQTT 5 adds two properties so a question can get its answer: where to send it (Response Topic), and which question it answers (Correlation Data).',
  actors: [
    { name: 'App', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Lamp', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Both sides listen',
      narration: 'The Lamp serves requests on home/lamp/get. The App subscribes to its own reply topic, app/replies, before it asks anything, so no answer can arrive before it listens.',
      actions: [
        { do: 'connect', actor: 'Lamp' },
        { do: 'connect', actor: 'App' },
        { do: 'subscribe', actor: 'Lamp', filter: 'home/lamp/get', qos: 1 },
        { do: 'subscribe', actor: 'App', filter: 'app/replies', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Lamp', type: 'SUBACK', count: 1 },
        { kind: 'packet', from: 'broker', to: 'App', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: 'The request names where to answer',
      narration: 'The App publishes its question with two properties: Response Topic app/replies ("answer here") and Correlation Data req-17 ("quote this, so I know which question you answer"). The broker passes both on to the Lamp untouched.',
      actions: [{ do: 'publish', actor: 'App', topic: 'home/lamp/get', payload: 'brightness?', qos: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' } }],
      expect: [
        { kind: 'packet', from: 'App', to: 'broker', type: 'PUBLISH', count: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' } },
        { kind: 'packet', from: 'broker', to: 'Lamp', type: 'PUBLISH', payload: 'brightness?', count: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' }, says: 'The Lamp received the request with responseTopic "app/replies" and correlationData "req-17", as the App sent them.' },
      ],
    },
    {
      title: 'The answer goes to the Response Topic',
      narration: 'The Lamp answers on the topic it was given, with the same Correlation Data. It needs to know nothing about the App: the request told it everything. The App matches req-17 to its question.',
      actions: [{ do: 'respond', actor: 'Lamp', payload: 'brightness=80%', qos: 1 }],
      expect: [
        { kind: 'packet', from: 'Lamp', to: 'broker', type: 'PUBLISH', count: 1, properties: { correlationData: 'req-17' }, says: 'The Lamp answered on {topics}, the Response Topic it was given, with correlationData "req-17" copied from the request.' },
        { kind: 'received', actor: 'App', topic: 'app/replies', payload: 'brightness=80%', count: 1 },
        { kind: 'packet', from: 'broker', to: 'App', type: 'PUBLISH', topic: 'app/replies', count: 1, properties: { correlationData: 'req-17' }, says: 'The App received the answer on app/replies with correlationData "req-17": the answer to its question.' },
      ],
    },
    {
      title: 'Two questions in flight',
      narration: 'Correlation Data earns its keep when several questions are open at once. The App asks two; the Lamp answers the newest first. Both answers come on the same topic, and only the Correlation Data tells them apart.',
      actions: [
        { do: 'publish', actor: 'App', topic: 'home/lamp/get', payload: 'colour?', qos: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-18' } },
        { do: 'publish', actor: 'App', topic: 'home/lamp/get', payload: 'power?', qos: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-19' } },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Lamp', payload: 'power?' }, timeoutSeconds: 5 },
        { do: 'respond', actor: 'Lamp', payload: 'power=on', qos: 1 },
        { do: 'respond', actor: 'Lamp', request: 'colour?', payload: 'colour=warm white', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'App', type: 'PUBLISH', payload: 'power=on', count: 1, properties: { correlationData: 'req-19' } },
        { kind: 'packet', from: 'broker', to: 'App', type: 'PUBLISH', payload: 'colour=warm white', count: 1, properties: { correlationData: 'req-18' } },
      ],
      tryIt: [
        {
          label: 'Ask again',
          actions: [
            { do: 'publish', actor: 'App', topic: 'home/lamp/get', payload: 'brightness?', qos: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-20' } },
            { do: 'wait-until', expect: { kind: 'received', actor: 'Lamp', payload: 'brightness?' }, timeoutSeconds: 5 },
            { do: 'respond', actor: 'Lamp', payload: 'brightness=80%', qos: 1 },
          ],
          expect: [{ kind: 'packet', from: 'broker', to: 'App', type: 'PUBLISH', topic: 'app/replies', count: 1, properties: { correlationData: 'req-20' } }],
        },
      ],
    },
  ],
};
