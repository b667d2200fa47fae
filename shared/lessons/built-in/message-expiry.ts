import type { LessonInput } from '../lesson-format';

/** Lesson 17 (MQTT 5): a queued message expires before its subscriber returns; one without expiry waits. */
export const messageExpiryLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'message-expiry',
  title: { en: 'Message expiry (MQTT 5)', 'zh-CN': '消息过期（MQTT 5）' },
  summary: { en: 'Some news goes stale: "the bus leaves in 1 minute" is wrong an hour later. MQTT 5 lets a publisher say how long a message stays worth delivering, the Message Expiry Interval.', 'zh-CN': '有些消息会过时：“公交车 1 分钟后发车”一小时后就不对了。MQTT 5 允许发布者说明一条消息在多长时间内值得投递，即消息过期间隔（Message Expiry Interval）。' },
  actors: [
    { name: 'Station', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 60 },
  ],
  steps: [
    {
      title: { en: 'The Phone has a session, then goes away', 'zh-CN': 'Phone 有一个会话，然后离开了' },
      narration: { en: 'The Phone subscribes with QoS 1 and a persistent session, then disconnects. Messages for it will wait at the broker.', 'zh-CN': 'Phone 以 QoS 1 和持久会话订阅，然后断开连接。发给它的消息会在 Broker 那里等候。' },
      actions: [
        { do: 'connect', actor: 'Station' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'bus/line7/#', qos: 1 },
        { do: 'disconnect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
    },
    {
      title: { en: 'Two messages, one that expires', 'zh-CN': '两条消息，其中一条会过期' },
      narration: { en: 'The Station publishes two messages while the Phone is away: "leaving in 1 minute" with a Message Expiry Interval of 1 s (short, so the lesson need not wait long), and the timetable with no expiry.', 'zh-CN': 'Phone 不在的时候，Station 发布了两条消息：一条是 "leaving in 1 minute"，消息过期间隔为 1 秒（设得很短，这样课程不必等太久）；另一条是时刻表，没有过期时间。' },
      actions: [
        { do: 'publish', actor: 'Station', topic: 'bus/line7/departure', payload: 'leaving in 1 minute', qos: 1, properties: { messageExpirySeconds: 1 } },
        { do: 'publish', actor: 'Station', topic: 'bus/line7/timetable', payload: 'every 10 minutes', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Station', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Station', to: 'broker', type: 'PUBLISH', payload: 'leaving in 1 minute', count: 1, properties: { messageExpiryInterval: 1 } },
        { kind: 'packet', from: 'broker', to: 'Station', type: 'PUBACK', count: 2 },
      ],
    },
    {
      title: { en: 'The Phone returns after 2 s: the stale one is gone', 'zh-CN': 'Phone 2 秒后回来：过时的那条已经没了' },
      narration: { en: 'The Phone comes back 2 s later. The broker drops the departure notice, whose second had run out, and delivers the timetable, which does not expire.', 'zh-CN': 'Phone 2 秒后回来了。Broker 丢弃了那条发车通知，因为它的一秒已经用完；而时刻表不会过期，于是被投递了。' },
      actions: [
        { do: 'wait', seconds: 2 },
        { do: 'connect', actor: 'Phone' },
        { do: 'wait-until', expect: { kind: 'received', actor: 'Phone', payload: 'every 10 minutes' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', payload: 'every 10 minutes', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'leaving in 1 minute', count: 0, says: { en: 'The Phone never received "leaving in 1 minute": it expired while queued.', 'zh-CN': 'Phone 从未收到 "leaving in 1 minute"：它在排队期间过期了。' } },
      ],
    },
    {
      title: { en: 'What is left of the interval travels on', 'zh-CN': '剩余的过期间隔会随消息一起传递' },
      narration: { en: 'A message that has not expired yet is delivered with what remains of its interval, so the receiver knows how fresh it is. The Phone is online now; the Station sends a notice valid for 60 s.', 'zh-CN': '一条尚未过期的消息在投递时会带上它剩余的过期间隔，让接收方知道它有多新鲜。现在 Phone 在线；Station 发送了一条 60 秒内有效的通知。' },
      actions: [{ do: 'publish', actor: 'Station', topic: 'bus/line7/departure', payload: 'leaving in 10 minutes', qos: 1, properties: { messageExpirySeconds: 60 } }],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', payload: 'leaving in 10 minutes', count: 1, properties: { messageExpiryInterval: 60 } }],
    },
  ],
};
