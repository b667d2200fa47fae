import type { LessonInput } from '../lesson-format';

/** Lesson 4: QoS 0 is sent once and never acknowledged, so a delivery the broker drops is gone for good. */
export const qos0AtMostOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos0-at-most-once',
  title: { en: 'QoS 0, at most once', 'zh-CN': 'QoS 0：最多一次' },
  summary: { en: 'A QoS 0 message is sent once, and nobody confirms it. When the broker\'s delivery to the Phone is lost, nothing notices and nothing sends it again.', 'zh-CN': 'QoS 0 的消息只发送一次，也没有人确认。当 Broker 投递给 Phone 的消息丢失时，没有人察觉，也没有人重发。' },
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'Fire and forget', 'zh-CN': '发出即忘' },
      narration: { en: 'The Phone subscribes with QoS 0, the Sensor publishes with QoS 0. One PUBLISH goes to the broker, one goes on to the Phone, and no acknowledgement comes back: cheap and fast, with no promise.', 'zh-CN': 'Phone 以 QoS 0 订阅，Sensor 以 QoS 0 发布。一个 PUBLISH 发往 Broker，一个继续发往 Phone，没有任何确认返回：省事又快速，但没有任何保证。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'garden/soil/moisture', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=41%', qos: 0 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 0 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=41%', count: 1, qos: 0 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 0 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBACK', count: 0 },
      ],
    },
    {
      title: { en: 'The broker\'s delivery is lost', 'zh-CN': 'Broker 的投递丢失了' },
      narration: { en: 'Now the broker\'s next QoS 0 delivery to the Phone is dropped, as a lossy link would lose it. The Sensor did its part: its PUBLISH reached the broker. But QoS 0 has no packet id and no acknowledgement, so nobody can know the Phone never got it.', 'zh-CN': '现在，Broker 下一次向 Phone 进行的 QoS 0 投递被丢弃了，就像不稳定的链路会把它弄丢一样。Sensor 已经尽了自己的本分：它的 PUBLISH 到达了 Broker。但 QoS 0 没有报文标识符，也没有确认，所以谁也无法知道 Phone 从未收到它。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-qos0', actor: 'Phone', percent: 100 } },
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=12%, water now', qos: 0 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true }, timeoutSeconds: 5 },
        { do: 'clear-faults' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, payload: 'moisture=12%, water now' },
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true, count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=12%, water now', count: 0 },
      ],
    },
    {
      title: { en: 'Gone for good', 'zh-CN': '一去不复返' },
      narration: { en: 'The link is fine again and the Sensor publishes its next reading. It reaches the Phone; the lost one never does. Nobody kept a copy to send again. QoS 0 suits readings that the next one replaces anyway.', 'zh-CN': '链路恢复正常，Sensor 发布了下一个读数。它到达了 Phone；丢失的那一条却永远到不了。没有人保留副本用来重发。QoS 0 适合那些反正会被下一个读数取代的数据。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=11%', qos: 0 },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', payload: 'moisture=11%', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'moisture=12%, water now', since: 1, count: 0, says: { en: 'The Phone never received "moisture=12%, water now": not when it was lost, and not later.', 'zh-CN': 'Phone 从未收到 "moisture=12%, water now"：丢失时没有，之后也没有。' } },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'moisture=12%, water now', count: 0, says: { en: 'The Sensor never sent it again.', 'zh-CN': 'Sensor 从未重发它。' } },
      ],
      tryIt: [
        {
          label: { en: 'Drop the next delivery to the Phone', 'zh-CN': '丢弃下一次投递给 Phone 的消息' },
          actions: [
            { do: 'fault', fault: { kind: 'drop-qos0', actor: 'Phone', percent: 100 } },
            { do: 'publish', actor: 'Sensor', topic: 'garden/soil/moisture', payload: 'moisture=10%', qos: 0 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true }, timeoutSeconds: 5 },
            { do: 'clear-faults' },
          ],
          expect: [
            { kind: 'packet', at: 'broker', from: 'broker', to: 'Phone', type: 'PUBLISH', dropped: true, count: 1 },
            { kind: 'received', actor: 'Phone', payload: 'moisture=10%', count: 0 },
          ],
        },
      ],
    },
  ],
};
