import type { LessonInput } from '../lesson-format';

/** Lesson 9: with a persistent session, queued QoS 1 messages arrive when the subscriber returns; with a clean one they are gone. */
export const sessionsLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'clean-and-persistent-sessions',
  title: { en: 'Clean and persistent sessions', 'zh-CN': '全新会话与持久会话' },
  summary: { en: 'A session is what the broker remembers about a client: its subscriptions and the QoS 1 and 2 messages waiting for it. With Clean Session 0 the broker keeps it while the client is away; with Clean Session 1 it forgets everything.', 'zh-CN': '会话是 Broker 记住的关于某个客户端的一切：它的订阅，以及等着投递给它的 QoS 1 和 QoS 2 消息。使用 Clean Session 0 时，客户端离开期间 Broker 会保留会话；使用 Clean Session 1 时，Broker 会忘掉一切。' },
  actors: [
    { name: 'Doorbell', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30, clean: false },
  ],
  steps: [
    {
      title: { en: 'A persistent session', 'zh-CN': '持久会话' },
      narration: { en: 'The Phone connects with Clean Session 0 ("keep my session") and subscribes with QoS 1. Then it goes offline, politely.', 'zh-CN': 'Phone 以 Clean Session 0（“保留我的会话”）连接，并以 QoS 1 订阅。然后它礼貌地下线了。' },
      actions: [
        { do: 'connect', actor: 'Doorbell' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'home/door/ring', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
    },
    {
      title: { en: 'Messages while away are queued', 'zh-CN': '离开期间的消息会排队等候' },
      narration: { en: 'The doorbell rings twice while the Phone is away. The broker accepts both QoS 1 messages and, because the Phone\'s session remembers its subscription, keeps them for it.', 'zh-CN': 'Phone 不在的时候，门铃响了两次。Broker 接收了这两条 QoS 1 消息，并且因为 Phone 的会话记得它的订阅，就替它保存了起来。' },
      actions: [
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:01', qos: 1 },
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:03', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 2 }],
    },
    {
      title: { en: 'They arrive when the Phone returns', 'zh-CN': 'Phone 回来时消息随即送达' },
      narration: { en: 'The Phone reconnects with Clean Session 0. The broker\'s CONNACK says "Session Present": it still has the Phone\'s session. The Phone does not subscribe again: the session holds the subscription, and the broker sends both rings at once.', 'zh-CN': 'Phone 以 Clean Session 0 重新连接。Broker 的 CONNACK 表明 "Session Present"：它仍然保留着 Phone 的会话。Phone 不需要重新订阅：会话里保存着订阅，Broker 立即把两次门铃都发了过来。' },
      actions: [{ do: 'connect', actor: 'Phone' }],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, sessionPresent: true, says: { en: 'The broker\'s CONNACK said Session Present 1: it had kept the Phone\'s session.', 'zh-CN': 'Broker 的 CONNACK 表明 Session Present 1：它保留了 Phone 的会话。' } },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 0 },
        { kind: 'received', actor: 'Phone', topic: 'home/door/ring', count: 2, qos: 1, says: { en: 'Back online, the Phone received both rings it missed: {payloads}.', 'zh-CN': '重新上线后，Phone 收到了它错过的两次门铃：{payloads}。' } },
      ],
    },
    {
      title: { en: 'A clean session forgets', 'zh-CN': '全新会话什么都不记得' },
      narration: { en: 'Now the Phone connects with Clean Session 1, subscribes, and goes offline again. With a clean session, the broker drops everything about the Phone when it leaves: its subscription and any message for it.', 'zh-CN': '现在 Phone 以 Clean Session 1 连接、订阅，然后再次下线。使用全新会话时，Phone 一离开，Broker 就会丢弃与它有关的一切：它的订阅，以及发给它的任何消息。' },
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'connect', actor: 'Phone', clean: true },
        { do: 'subscribe', actor: 'Phone', filter: 'home/door/ring', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Doorbell', topic: 'home/door/ring', payload: 'ring at 10:07', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Doorbell', type: 'PUBACK', count: 1 }],
    },
    {
      title: { en: '…so the ring is gone', 'zh-CN': '……所以这次门铃消息没了' },
      narration: { en: 'The Phone comes back, again with Clean Session 1. Nothing arrives: the broker kept no session for it, so the ring at 10:07 went to nobody.', 'zh-CN': 'Phone 回来了，仍然使用 Clean Session 1。什么都没有收到：Broker 没有为它保留会话，所以 10:07 的那次门铃没有投递给任何人。' },
      actions: [
        { do: 'connect', actor: 'Phone', clean: true },
        { do: 'wait', seconds: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, reasonCode: 0, sessionPresent: false },
        { kind: 'received', actor: 'Phone', count: 0, says: { en: 'The Phone received nothing in the second after it connected: the ring at 10:07 is gone.', 'zh-CN': '连接后的一秒内，Phone 什么也没收到：10:07 的那次门铃已经没了。' } },
      ],
    },
  ],
};
