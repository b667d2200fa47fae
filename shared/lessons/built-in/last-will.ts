import type { LessonInput } from '../lesson-format';

/**
 * Lesson 8: a cut connection fires the will; a normal DISCONNECT does not; on MQTT 5, DISCONNECT 0x04
 * fires it, and the will delay holds it back. Cuts are client-side, so it runs against any broker.
 */
export const lastWillLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'last-will',
  title: { en: 'Last will', 'zh-CN': '遗嘱消息' },
  summary: { en: 'A client leaves a will with the broker when it connects: a message the broker publishes for it if it vanishes without saying goodbye.', 'zh-CN': '客户端在连接时把一份遗嘱留给 Broker：如果它没有道别就消失了，Broker 会替它发布这条消息。' },
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30, will: { topic: 'plant/sensor/status', payload: 'Sensor offline', qos: 1 } },
    { name: 'Van', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 10, will: { topic: 'plant/van/status', payload: 'Van offline', qos: 1, delaySeconds: 2 } },
    { name: 'Monitor', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'The will travels in CONNECT', 'zh-CN': '遗嘱消息随 CONNECT 一起送达' },
      narration: { en: 'The Sensor connects with a will: topic plant/sensor/status, payload "Sensor offline". The broker keeps it and says nothing yet. The Monitor subscribes to every status topic.', 'zh-CN': 'Sensor 带着遗嘱消息连接：主题为 plant/sensor/status，载荷为 "Sensor offline"。Broker 把它保存起来，暂时什么也不说。Monitor 订阅了所有状态主题。' },
      actions: [
        { do: 'connect', actor: 'Monitor' },
        { do: 'subscribe', actor: 'Monitor', filter: 'plant/+/status', qos: 1 },
        { do: 'connect', actor: 'Sensor' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'received', actor: 'Monitor', count: 0 },
      ],
    },
    {
      title: { en: 'A cut connection fires the will', 'zh-CN': '连接被切断，触发遗嘱消息' },
      narration: { en: 'The Sensor\'s connection is cut: no DISCONNECT, as when a battery dies or a cable is pulled. The broker sees the socket close without a goodbye and publishes the will for the Sensor.', 'zh-CN': 'Sensor 的连接被切断了：没有 DISCONNECT，就像电池耗尽或网线被拔掉时那样。Broker 发现套接字在没有道别的情况下关闭了，于是替 Sensor 发布遗嘱消息。' },
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor offline' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 0 },
        { kind: 'received', actor: 'Monitor', topic: 'plant/sensor/status', payload: 'Sensor offline', count: 1 },
      ],
    },
    {
      title: { en: 'A normal DISCONNECT does not', 'zh-CN': '正常的 DISCONNECT 不会触发它' },
      narration: { en: 'The Sensor connects again and this time leaves politely, with DISCONNECT (reason code 0x00, normal). The broker throws the will away: a client that said goodbye is not missing.', 'zh-CN': 'Sensor 再次连接，这一次礼貌地离开，发送 DISCONNECT（原因码 0x00，正常断开）。Broker 丢弃了遗嘱消息：一个道过别的客户端并没有失踪。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'disconnect', actor: 'Sensor' },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 1 },
        { kind: 'received', actor: 'Monitor', count: 0, says: { en: 'The Monitor received nothing in the second after the DISCONNECT: no will.', 'zh-CN': 'DISCONNECT 之后的一秒内，Monitor 什么也没收到：没有遗嘱消息。' } },
      ],
    },
    {
      title: { en: 'MQTT 5: DISCONNECT 0x04 asks for the will', 'zh-CN': 'MQTT 5：DISCONNECT 0x04 要求发送遗嘱消息' },
      narration: { en: 'MQTT 5 lets a client leave politely and still have its will sent: DISCONNECT with reason code 0x04, "Disconnect with Will Message". Useful for a device that shuts down on purpose but wants the others told.', 'zh-CN': 'MQTT 5 允许客户端礼貌地离开，同时仍然让 Broker 发送它的遗嘱消息：发送原因码为 0x04 的 DISCONNECT，即 "Disconnect with Will Message"。这对那些有意关机、但又希望通知其他人的设备很有用。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'disconnect', actor: 'Sensor', reasonCode: 4 },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Sensor offline' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'DISCONNECT', count: 1, reasonCode: 4 },
        { kind: 'received', actor: 'Monitor', payload: 'Sensor offline', count: 1 },
      ],
    },
    {
      title: { en: 'The will delay holds it back', 'zh-CN': '遗嘱延迟让它稍等片刻' },
      narration: { en: 'The Van has a Will Delay Interval of 2 s and a session kept for 10 s: a short dead spot (a tunnel) should not alarm anyone. Its connection is cut. One second later, the broker still holds the will back.', 'zh-CN': 'Van 的 Will Delay Interval（遗嘱延迟间隔）为 2 秒，会话保留 10 秒：短暂的信号盲区（比如隧道）不应该惊动任何人。它的连接被切断了。一秒之后，Broker 仍然扣着遗嘱消息没有发送。' },
      actions: [
        { do: 'connect', actor: 'Van' },
        { do: 'cut', actor: 'Van' },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'connected', actor: 'Van', connected: false },
        { kind: 'received', actor: 'Monitor', payload: 'Van offline', count: 0, says: { en: 'One second after the cut, the Monitor has not received the Van\'s will.', 'zh-CN': '切断一秒之后，Monitor 还没有收到 Van 的遗嘱消息。' } },
      ],
    },
    {
      title: { en: '…and sends it when the delay is over', 'zh-CN': '……延迟结束后再发送' },
      narration: { en: 'The Van did not come back within its 2 s, so the broker publishes its will. Had it reconnected in time, the will would never have been sent.', 'zh-CN': 'Van 没有在 2 秒内回来，于是 Broker 发布了它的遗嘱消息。如果它及时重新连接，遗嘱消息就根本不会被发送。' },
      actions: [{ do: 'wait-until', expect: { kind: 'received', actor: 'Monitor', payload: 'Van offline' }, timeoutSeconds: 5 }],
      expect: [{ kind: 'received', actor: 'Monitor', topic: 'plant/van/status', payload: 'Van offline', since: 4, count: 1 }],
      tryIt: [
        {
          label: { en: 'Cut the Van and reconnect it within the delay', 'zh-CN': '切断 Van，并在延迟时间内让它重新连接' },
          actions: [
            { do: 'connect', actor: 'Van' },
            { do: 'cut', actor: 'Van' },
            { do: 'wait', seconds: 0.5 },
            { do: 'connect', actor: 'Van' },
            { do: 'wait', seconds: 2.5 },
          ],
          expect: [
            { kind: 'connected', actor: 'Van', connected: true },
            { kind: 'received', actor: 'Monitor', payload: 'Van offline', count: 0, says: { en: 'The Van came back within 2 s, and its will was not sent.', 'zh-CN': 'Van 在 2 秒内回来了，它的遗嘱消息没有被发送。' } },
          ],
        },
      ],
    },
  ],
};
