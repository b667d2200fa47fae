import type { LessonInput } from '../lesson-format';

/**
 * Lesson 13 (MQTT 5): request/response over publish/subscribe. The request names a Response Topic
 * and carries Correlation Data; the Responder answers on that topic with the same Correlation Data.
 */
export const requestResponseLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'request-response',
  title: { en: 'Request/response (MQTT 5)', 'zh-CN': '请求/响应（MQTT 5）' },
  summary: { en: 'Publish/subscribe has no replies built in: a publisher does not know who reads. MQTT 5 adds two properties so a question can get its answer: where to send it (Response Topic), and which question it answers (Correlation Data).', 'zh-CN': '发布/订阅本身没有内置回复机制：发布者并不知道谁在读。MQTT 5 新增了两个属性，让一个问题能得到它的回答：回答发到哪里（响应主题，Response Topic），以及回答的是哪个问题（对比数据，Correlation Data）。' },
  actors: [
    { name: 'App', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Lamp', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'Both sides listen', 'zh-CN': '双方都在监听' },
      narration: { en: 'The Lamp serves requests on home/lamp/get. The App subscribes to its own reply topic, app/replies, before it asks anything, so no answer can arrive before it listens.', 'zh-CN': 'Lamp 在 home/lamp/get 上处理请求。App 在提出任何问题之前，先订阅了自己的回复主题 app/replies，这样就不会有回答在它开始监听之前到达。' },
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
      title: { en: 'The request names where to answer', 'zh-CN': '请求指明回答发到哪里' },
      narration: { en: 'The App publishes its question with two properties: Response Topic app/replies ("answer here") and Correlation Data req-17 ("quote this, so I know which question you answer"). The broker passes both on to the Lamp untouched.', 'zh-CN': 'App 发布它的问题，并带上两个属性：响应主题 app/replies（“回答发到这里”）和对比数据 req-17（“请原样带回，这样我就知道你回答的是哪个问题”）。Broker 把这两个属性原封不动地转交给 Lamp。' },
      actions: [{ do: 'publish', actor: 'App', topic: 'home/lamp/get', payload: 'brightness?', qos: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' } }],
      expect: [
        { kind: 'packet', from: 'App', to: 'broker', type: 'PUBLISH', count: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' } },
        { kind: 'packet', from: 'broker', to: 'Lamp', type: 'PUBLISH', payload: 'brightness?', count: 1, properties: { responseTopic: 'app/replies', correlationData: 'req-17' }, says: { en: 'The Lamp received the request with responseTopic "app/replies" and correlationData "req-17", as the App sent them.', 'zh-CN': 'Lamp 收到了请求，responseTopic 为 "app/replies"，correlationData 为 "req-17"，与 App 发送的一致。' } },
      ],
    },
    {
      title: { en: 'The answer goes to the Response Topic', 'zh-CN': '回答发往响应主题' },
      narration: { en: 'The Lamp answers on the topic it was given, with the same Correlation Data. It needs to know nothing about the App: the request told it everything. The App matches req-17 to its question.', 'zh-CN': 'Lamp 在给定的主题上回答，并带上同样的对比数据。它不需要了解 App 的任何信息：请求已经告诉了它一切。App 把 req-17 和自己的问题对应起来。' },
      actions: [{ do: 'respond', actor: 'Lamp', payload: 'brightness=80%', qos: 1 }],
      expect: [
        { kind: 'packet', from: 'Lamp', to: 'broker', type: 'PUBLISH', count: 1, properties: { correlationData: 'req-17' }, says: { en: 'The Lamp answered on {topics}, the Response Topic it was given, with correlationData "req-17" copied from the request.', 'zh-CN': 'Lamp 在 {topics} 上作答，这正是它得到的响应主题，correlationData "req-17" 从请求中原样复制。' } },
        { kind: 'received', actor: 'App', topic: 'app/replies', payload: 'brightness=80%', count: 1 },
        { kind: 'packet', from: 'broker', to: 'App', type: 'PUBLISH', topic: 'app/replies', count: 1, properties: { correlationData: 'req-17' }, says: { en: 'The App received the answer on app/replies with correlationData "req-17": the answer to its question.', 'zh-CN': 'App 在 app/replies 上收到了回答，correlationData 为 "req-17"：正是对它那个问题的回答。' } },
      ],
    },
    {
      title: { en: 'Two questions in flight', 'zh-CN': '两个问题同时等待回答' },
      narration: { en: 'Correlation Data earns its keep when several questions are open at once. The App asks two; the Lamp answers the newest first. Both answers come on the same topic, and only the Correlation Data tells them apart.', 'zh-CN': '当同时有好几个问题悬而未决时，对比数据就派上用场了。App 提了两个问题；Lamp 先回答较新的那个。两个回答都来自同一个主题，只有对比数据能把它们区分开。' },
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
          label: { en: 'Ask again', 'zh-CN': '再问一次' },
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
