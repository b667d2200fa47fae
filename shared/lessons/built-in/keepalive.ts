import type { LessonInput } from '../lesson-format';

/**
 * Lesson 10: a client that stops sending PINGREQ is closed by the broker after one and a half times
 * its keepalive, and its will fires. A keepalive of 2 s keeps the lesson short.
 */
export const keepaliveLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'keepalive',
  title: { en: 'Keepalive', 'zh-CN': '保活' },
  summary: { en: 'A connection can die silently: no packet says so. Keepalive is the promise to send something at least every N seconds; a broker that hears nothing for one and a half times that closes the connection.', 'zh-CN': '连接可能会悄无声息地断掉：没有任何报文会告诉你。保活是一个承诺：至少每 N 秒发送一点东西；如果 Broker 在 1.5 倍的时间里什么都没听到，就会关闭连接。' },
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 2, will: { topic: 'field/sensor/status', payload: 'Sensor lost', qos: 1 } },
    { name: 'Monitor', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'A keepalive of 2 s, and a will', 'zh-CN': '2 秒的保活时间，外加一条遗嘱消息' },
      narration: { en: 'The Sensor connects with a keepalive of 2 seconds and a will. The Monitor watches the Sensor\'s status topic.', 'zh-CN': 'Sensor 以 2 秒的保活时间和一条遗嘱消息连接。Monitor 关注着 Sensor 的状态主题。' },
      actions: [
        { do: 'connect', actor: 'Monitor' },
        { do: 'subscribe', actor: 'Monitor', filter: 'field/sensor/status', qos: 1 },
        { do: 'connect', actor: 'Sensor' },
      ],
      expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 }],
    },
    {
      title: { en: 'Idle, the Sensor pings', 'zh-CN': '空闲时，Sensor 发送心跳' },
      narration: { en: 'The Sensor has nothing to publish. To keep its promise it sends PINGREQ when 2 s pass without a packet, and the broker answers PINGRESP.', 'zh-CN': 'Sensor 没有什么要发布的。为了遵守承诺，它在 2 秒内没有发送任何报文时就发送 PINGREQ，Broker 回复 PINGRESP。' },
      actions: [
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PINGRESP', atLeast: 2 }, timeoutSeconds: 8 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PINGREQ', atLeast: 2 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PINGRESP', atLeast: 2 },
        { kind: 'connected', actor: 'Sensor', connected: true },
      ],
    },
    {
      title: { en: 'The Sensor falls silent', 'zh-CN': 'Sensor 沉默了' },
      narration: { en: 'Now the Sensor stops pinging, as a frozen device would: its socket stays open, but nothing comes. The broker allows one and a half times the keepalive, 3 s, then closes the connection, and, since the Sensor said no goodbye, publishes its will.', 'zh-CN': '现在 Sensor 不再发送心跳，就像一台死机的设备：它的套接字仍然开着，但什么也不发过来。Broker 会等待保活时间的 1.5 倍，即 3 秒，然后关闭连接；由于 Sensor 没有道别，Broker 还会发布它的遗嘱消息。' },
      actions: [
        { do: 'stop-pinging', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'closed-by-broker', actor: 'Sensor' }, timeoutSeconds: 8 },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor lost' }, timeoutSeconds: 3 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PINGREQ', count: 0 },
        { kind: 'closed-by-broker', actor: 'Sensor', minKeepalives: 1, maxKeepalives: 2, says: { en: 'The broker closed {actor}\'s connection {seconds} s after its last packet: {ratio} × its keepalive of {keepalive} s.', 'zh-CN': '在 {actor} 的最后一个报文之后 {seconds} 秒，Broker 关闭了它的连接：是其保活时间 {keepalive} 秒的 {ratio} 倍。' } },
        { kind: 'received', actor: 'Monitor', topic: 'field/sensor/status', payload: 'Sensor lost', count: 1 },
      ],
      sideNote: { en: 'The spec says "within one and a half times the keepalive"; how closely a broker keeps to it depends on how often it looks. mosquitto 2.0 looks only every few seconds, so with a keepalive as short as 2 s it may close the connection later than 1.5 ×: the check then says when it did.', 'zh-CN': '规范说的是“在保活时间的 1.5 倍之内”；Broker 能多严格地遵守这一点，取决于它多久检查一次。mosquitto 2.0 每隔几秒才检查一次，所以当保活时间短到 2 秒时，它关闭连接的时间可能晚于 1.5 倍：这时检查结果会如实说明它是何时关闭的。' },
    },
  ],
};
