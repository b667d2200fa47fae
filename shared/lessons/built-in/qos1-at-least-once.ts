import type { LessonInput } from '../lesson-format';

/**
 * Lesson 5: the PUBACK is lost and the connection cut; the PUBLISH is resent with DUP, and the
 * subscriber gets it twice. Redelivery belongs to a session that persists, so the Sensor connects
 * with Clean Start 0 and a session expiry. Short timings, so it runs quickly in CI too.
 */
export const qos1AtLeastOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos1-at-least-once',
  title: { en: 'QoS 1, at least once', 'zh-CN': 'QoS 1：至少一次' },
  summary: { en: 'A QoS 1 message is sent until its PUBACK comes. Lose the PUBACK and cut the connection: the Sensor sends the PUBLISH again, with DUP set, and the Phone gets the message twice.', 'zh-CN': 'QoS 1 的消息会一直发送，直到收到它的 PUBACK。丢掉 PUBACK 再切断连接：Sensor 会再次发送这个 PUBLISH，并设置 DUP 标志，Phone 因而收到两次同一条消息。' },
  actors: [
    { name: 'Sensor', protocolVersion: 5, clean: false, sessionExpirySeconds: 30, keepaliveSeconds: 30, reconnectAfterMs: 300 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'A persistent session, and a subscriber', 'zh-CN': '一个持久会话，和一个订阅者' },
      narration: { en: 'The Sensor connects with Clean Start 0 and a Session Expiry Interval of 30 s: the broker keeps its session, and the Sensor keeps its unacknowledged messages, across a lost connection. The Phone subscribes with QoS 1.', 'zh-CN': 'Sensor 以 Clean Start 0 和 30 秒的会话过期间隔连接：即使连接断开，Broker 也会保留它的会话，Sensor 也会保留尚未被确认的消息。Phone 以 QoS 1 订阅。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'factory/line1/count', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1, properties: { sessionExpiryInterval: 30 } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: { en: 'QoS 1: PUBLISH, then PUBACK', 'zh-CN': 'QoS 1：先 PUBLISH，再 PUBACK' },
      narration: { en: 'The Sensor publishes with QoS 1 and keeps the message until the broker\'s PUBACK, with the same packet id, says it arrived. The broker does the same towards the Phone.', 'zh-CN': 'Sensor 以 QoS 1 发布，并一直保留这条消息，直到 Broker 的 PUBACK（带着同一个报文标识符）告诉它消息已经到达。Broker 向 Phone 投递时也是这样做的。' },
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=1', qos: 1 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 1, dup: false },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'count=1', count: 1, qos: 1 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBACK', count: 1 },
      ],
    },
    {
      title: { en: 'The PUBACK is lost', 'zh-CN': 'PUBACK 丢失了' },
      narration: { en: 'Now the broker\'s next PUBACK to the Sensor is dropped, as a bad link would lose it. The broker has the message and passes it on; the Sensor never hears so, and keeps it.', 'zh-CN': '现在，Broker 发给 Sensor 的下一个 PUBACK 被丢弃了，就像糟糕的链路会把它弄丢一样。Broker 已经拿到消息并转发了出去；Sensor 却始终没有得到通知，于是继续保留着它。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'puback', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=2', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true, count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'count=2', count: 1 },
      ],
    },
    {
      title: { en: 'The connection is cut; the PUBLISH is resent with DUP', 'zh-CN': '连接被切断；PUBLISH 带着 DUP 重发' },
      narration: { en: 'The Sensor\'s connection is cut. It reconnects to the same session and sends the unacknowledged PUBLISH again, with the same packet id and the DUP flag set. The broker cannot tell it already has it: at least once means the Phone may get it twice.', 'zh-CN': 'Sensor 的连接被切断了。它重新连接到同一个会话，再次发送那个尚未被确认的 PUBLISH，报文标识符不变，并设置了 DUP 标志。Broker 无法判断自己其实已经有了这条消息：“至少一次”意味着 Phone 可能会收到两次。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=2', dup: true }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=2', since: 2, count: 2, dup: 'after-first', samePacketId: true },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'count=2', since: 2, count: 2 },
      ],
      sideNote: { en: 'Redelivery belongs to a session that persists. After a clean reconnect (Clean Start 1) the broker has no session to resume; MQTT.js still resends what it holds, but as a new message: that is the client\'s choice, not the protocol\'s guarantee.', 'zh-CN': '重新投递依赖于持久会话。如果以全新会话（Clean Start 1）重新连接，Broker 就没有会话可以恢复；MQTT.js 仍会重发它手里的消息，但那是作为一条新消息：这是客户端的选择，而不是协议的保证。' },
      tryIt: [
        {
          label: { en: 'Drop the next PUBACK and cut again', 'zh-CN': '丢弃下一个 PUBACK，再切断一次' },
          actions: [
            { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'puback', direction: 'to-client', count: 1 } },
            { do: 'publish', actor: 'Sensor', topic: 'factory/line1/count', payload: 'count=3', qos: 1 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true }, timeoutSeconds: 5 },
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=3', dup: true }, timeoutSeconds: 10 },
          ],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=3', count: 2, dup: 'after-first', samePacketId: true }],
        },
      ],
    },
  ],
};
