import type { LessonInput } from '../lesson-format';

/** Lesson 11 (MQTT 5): a session kept for N seconds after the client leaves, and gone after. N = 2 keeps it short. */
export const sessionExpiryLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'session-expiry',
  title: { en: 'Session expiry (MQTT 5)', 'zh-CN': '会话过期（MQTT 5）' },
  summary: { en: 'MQTT 5 replaces "keep my session forever" with a time limit: the Session Expiry Interval. Come back in time and everything is there; come back late and the broker has forgotten you.', 'zh-CN': 'MQTT 5 用一个时间限制取代了“永远保留我的会话”：会话过期间隔（Session Expiry Interval）。按时回来，一切都还在；回来晚了，Broker 就已经把你忘了。' },
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, clean: false, sessionExpirySeconds: 2 },
  ],
  steps: [
    {
      title: { en: 'A session kept for 2 s', 'zh-CN': '会话保留 2 秒' },
      narration: { en: 'The Phone connects with Clean Start 0 and a Session Expiry Interval of 2 s, and subscribes with QoS 1. The broker will keep its session for 2 s after the connection ends.', 'zh-CN': 'Phone 以 Clean Start 0 和 2 秒的会话过期间隔连接，并以 QoS 1 订阅。连接结束后，Broker 会把它的会话保留 2 秒。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'alerts/#', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'CONNECT', count: 1, properties: { sessionExpiryInterval: 2 } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: { en: 'Back within the interval: the session is there', 'zh-CN': '在间隔内回来：会话还在' },
      narration: { en: 'The Phone disconnects; an alert comes while it is away; it returns half a second later. Its session is still there: the broker sends the queued alert, with no new SUBSCRIBE.', 'zh-CN': 'Phone 断开连接；它离开期间来了一条警报；半秒后它回来了。它的会话还在：Broker 把排队的警报发给它，无需重新 SUBSCRIBE。' },
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Sensor', topic: 'alerts/smoke', payload: 'smoke in the kitchen', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 0.5 },
        { do: 'connect', actor: 'Phone' },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, sessionPresent: true },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'smoke in the kitchen', count: 1, qos: 1 },
      ],
    },
    {
      title: { en: 'Back too late: the session is gone', 'zh-CN': '回来得太晚：会话没了' },
      narration: { en: 'The Phone leaves again; another alert comes; this time it stays away 3 s, longer than its 2 s. The broker has ended the session, with its subscription and the queued alert. The Phone connects to a new, empty session and receives nothing.', 'zh-CN': 'Phone 再次离开；又来了一条警报；这次它离开了 3 秒，超过了它的 2 秒。Broker 已经结束了这个会话，连同其中的订阅和排队的警报。Phone 连接到一个新的空会话，什么也没收到。' },
      sideNote: { en: 'Its CONNACK says Session Present 0, so the Phone\'s client (MQTT.js) subscribes again by itself: from now on it gets new alerts, but the one sent while its session was gone is lost.', 'zh-CN': '它的 CONNACK 表明 Session Present 0，所以 Phone 的客户端（MQTT.js）自己重新订阅了：从现在起它能收到新的警报，但会话消失期间发来的那一条已经丢失了。' },
      actions: [
        { do: 'disconnect', actor: 'Phone' },
        { do: 'publish', actor: 'Sensor', topic: 'alerts/water', payload: 'water in the cellar', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'wait', seconds: 3 },
        { do: 'connect', actor: 'Phone' },
        { do: 'wait', seconds: 0.5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, reasonCode: 0, sessionPresent: false, says: { en: 'The broker\'s CONNACK said Session Present 0: it had no session for the Phone any more.', 'zh-CN': 'Broker 的 CONNACK 表明 Session Present 0：它已经没有 Phone 的会话了。' } },
        { kind: 'received', actor: 'Phone', count: 0, says: { en: 'The Phone received nothing after it came back: the alert "water in the cellar" went with the expired session.', 'zh-CN': 'Phone 回来后什么也没收到：警报 "water in the cellar" 随着过期的会话一起消失了。' } },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 1, says: { en: 'Seeing Session Present 0, the Phone\'s client sent SUBSCRIBE again by itself.', 'zh-CN': '看到 Session Present 0 后，Phone 的客户端自己再次发送了 SUBSCRIBE。' } },
      ],
    },
  ],
};
