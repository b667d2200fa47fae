import type { LessonInput } from '../lesson-format';

/**
 * Lesson 16 (MQTT 5): Receive Maximum caps the QoS 1 and 2 messages in flight towards a client. The
 * Worker's PUBACKs are dropped on their way to the broker, so the broker sees two unacknowledged
 * messages and must hold the rest until the Worker's session resumes and acknowledges.
 */
export const flowControlLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'flow-control',
  title: { en: 'Flow control (MQTT 5)', 'zh-CN': '流量控制（MQTT 5）' },
  summary: { en: 'A slow client can be flooded with messages it has no room for. MQTT 5 lets it say how many unacknowledged QoS 1 and 2 messages it takes at once, its Receive Maximum; the broker holds the rest back until acknowledgements come.', 'zh-CN': '一个处理缓慢的客户端可能会被它无力容纳的消息淹没。MQTT 5 允许它说明自己一次最多接受多少条尚未确认的 QoS 1 和 QoS 2 消息，即它的接收最大值（Receive Maximum）；其余的消息由 Broker 扣住，直到确认到来。' },
  actors: [
    { name: 'Shop', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker', protocolVersion: 5, keepaliveSeconds: 30, receiveMaximum: 2, clean: false, sessionExpirySeconds: 30, reconnectAfterMs: 300 },
  ],
  steps: [
    {
      title: { en: 'The Worker takes two at a time', 'zh-CN': 'Worker 一次只接受两条' },
      narration: { en: 'The Worker connects with Receive Maximum 2: "send me at most two QoS 1 or 2 messages that I have not acknowledged yet". It subscribes with QoS 1.', 'zh-CN': 'Worker 以 Receive Maximum 2 连接：“尚未确认的 QoS 1 或 QoS 2 消息，最多只给我发两条”。它以 QoS 1 订阅。' },
      actions: [
        { do: 'connect', actor: 'Shop' },
        { do: 'connect', actor: 'Worker' },
        { do: 'subscribe', actor: 'Worker', filter: 'shop/jobs', qos: 1 },
      ],
      expect: [{ kind: 'packet', from: 'Worker', to: 'broker', type: 'CONNECT', count: 1, properties: { receiveMaximum: 2 } }],
    },
    {
      title: { en: 'Acknowledgements are lost: the broker stops at two', 'zh-CN': '确认丢失：Broker 停在两条' },
      narration: { en: 'The Worker\'s next two PUBACKs are lost on the way to the broker. Then the Shop publishes five jobs. The broker sends the Worker two; with no acknowledgement back, both stay in flight, and the broker holds the other three.', 'zh-CN': 'Worker 接下来的两个 PUBACK 在发往 Broker 的途中丢失了。然后 Shop 发布了五个任务。Broker 给 Worker 发了两个；由于没有确认返回，这两个一直处于传输中，Broker 扣住了另外三个。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Worker', ack: 'puback', direction: 'from-client', count: 2 } },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 1', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 2', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 3', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 4', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/jobs', payload: 'job 5', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 5 }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'Worker', to: 'broker', type: 'PUBACK', dropped: true, count: 2 }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 5, says: { en: 'The broker took all five jobs from the Shop (five PUBACKs).', 'zh-CN': 'Broker 从 Shop 接收了全部五个任务（五个 PUBACK）。' } },
        { kind: 'packet', at: 'broker', from: 'Worker', to: 'broker', type: 'PUBACK', dropped: true, count: 2 },
        { kind: 'received', actor: 'Worker', topic: 'shop/jobs', count: 2, says: { en: 'The Worker received only {count} jobs, {payloads}, in the second that followed: its Receive Maximum.', 'zh-CN': '在随后的一秒内，Worker 只收到了 {count} 个任务，{payloads}：这就是它的接收最大值。' } },
        { kind: 'in-flight', actor: 'Worker', atMost: 2, says: { en: 'At the broker, at most {max} jobs to the Worker were unacknowledged at once.', 'zh-CN': '在 Broker 这边，发给 Worker 的任务中同时未被确认的最多只有 {max} 个。' } },
      ],
    },
    {
      title: { en: 'The session resumes; the rest flows', 'zh-CN': '会话恢复，其余的消息继续流动' },
      narration: { en: 'The Worker\'s connection is cut and it comes back to its session. The broker sends the two unacknowledged jobs again; this time the PUBACKs arrive, and the three held jobs follow, each as a PUBACK makes room.', 'zh-CN': 'Worker 的连接被切断，随后它回到自己的会话。Broker 重发那两个尚未确认的任务；这次 PUBACK 到达了，被扣住的三个任务也随之而来，每来一个 PUBACK 就腾出一个位置。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Worker' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Worker', payload: 'job 5' }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'received', actor: 'Worker', payload: 'job 1', count: 1, says: { en: 'After the reconnect the broker sent "job 1" again: as far as it knew, it was never acknowledged.', 'zh-CN': '重新连接后，Broker 再次发送了 "job 1"：据它所知，这条消息从未被确认。' } },
        { kind: 'received', actor: 'Worker', payload: 'job 2', count: 1, says: { en: 'And "job 2" again, for the same reason.', 'zh-CN': '"job 2" 也再次发送了，原因相同。' } },
        { kind: 'received', actor: 'Worker', payload: 'job 3', count: 1 },
        { kind: 'received', actor: 'Worker', payload: 'job 4', count: 1 },
        { kind: 'received', actor: 'Worker', payload: 'job 5', count: 1 },
        { kind: 'in-flight', actor: 'Worker', atMost: 2, says: { en: 'Over {deliveries} deliveries, never more than {max} jobs were unacknowledged at once: the Worker\'s Receive Maximum held.', 'zh-CN': '在 {deliveries} 次投递中，同时未被确认的任务从未超过 {max} 个：Worker 的接收最大值得到了遵守。' } },
      ],
    },
  ],
};
