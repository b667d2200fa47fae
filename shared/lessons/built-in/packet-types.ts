import type { LessonInput } from '../lesson-format';

/**
 * Lesson 3: every packet type of MQTT 3.1.1 really crosses the wire, each named and explained. AUTH
 * (MQTT 5 only) goes on the wire from an actor; neither the built-in broker nor a stock mosquitto does
 * enhanced authentication, so the lesson shows how the broker answers an AUTH it did not expect.
 */
export const packetTypesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'packet-types',
  title: { en: 'The packet types', 'zh-CN': '报文类型' },
  summary: { en: 'A tour of the fourteen packet types of MQTT 3.1.1, each really on the wire: connecting, subscribing, publishing at each QoS, pinging, unsubscribing and leaving. And AUTH, the fifteenth, added by MQTT 5.', 'zh-CN': '逐一认识 MQTT 3.1.1 的十四种报文类型，每一种都真实地出现在线路上：连接、订阅、以各个 QoS 发布、心跳、取消订阅和离开。还有第十五种 AUTH，由 MQTT 5 新增。' },
  actors: [
    { name: 'Alice', properNoun: true, protocolVersion: 4, keepaliveSeconds: 2 },
    { name: 'Bob', properNoun: true, protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Carol', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'CONNECT and CONNACK', 'zh-CN': 'CONNECT 和 CONNACK' },
      narration: { en: 'A client opens the conversation with CONNECT (type 1): its client id, keepalive and session wishes. The broker accepts or refuses with CONNACK (type 2).', 'zh-CN': '客户端用 CONNECT（类型 1）开始对话：带上它的客户端 ID、保活时间和对会话的要求。Broker 用 CONNACK（类型 2）接受或拒绝。' },
      actions: [
        { do: 'connect', actor: 'Alice' },
        { do: 'connect', actor: 'Bob' },
      ],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'CONNACK', count: 1, reasonCode: 0 },
      ],
    },
    {
      title: { en: 'SUBSCRIBE and SUBACK', 'zh-CN': 'SUBSCRIBE 和 SUBACK' },
      narration: { en: 'Bob asks for messages with SUBSCRIBE (type 8): topic filters, each with the highest QoS he wants. The broker answers SUBACK (type 9) with the QoS it granted for each filter, under the same packet id.', 'zh-CN': 'Bob 用 SUBSCRIBE（类型 8）请求消息：列出主题过滤器，每个都带上他想要的最高 QoS。Broker 用 SUBACK（类型 9）应答，告诉他每个过滤器实际授予的 QoS，并使用同一个报文标识符。' },
      actions: [{ do: 'subscribe', actor: 'Bob', filter: 'tour/#', qos: 2 }],
      expect: [
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'SUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'SUBACK', count: 1 },
      ],
    },
    {
      title: { en: 'PUBLISH at QoS 0: nothing comes back', 'zh-CN': 'QoS 0 的 PUBLISH：没有任何回应' },
      narration: { en: 'PUBLISH (type 3) carries a message. At QoS 0 it is sent once and nobody answers: no packet id, no acknowledgement.', 'zh-CN': 'PUBLISH（类型 3）携带一条消息。在 QoS 0 下，它只发送一次，也没有人应答：没有报文标识符，也没有确认。' },
      actions: [{ do: 'publish', actor: 'Alice', topic: 'tour/qos0', payload: 'hello', qos: 0 }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBLISH', count: 1, qos: 0 },
        { kind: 'received', actor: 'Bob', topic: 'tour/qos0', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK', count: 0 },
      ],
    },
    {
      title: { en: 'PUBACK: QoS 1 is acknowledged', 'zh-CN': 'PUBACK：QoS 1 会得到确认' },
      narration: { en: 'At QoS 1 the receiver answers with PUBACK (type 4), naming the packet id. Until then the sender keeps the message, ready to send it again.', 'zh-CN': '在 QoS 1 下，接收方用 PUBACK（类型 4）应答，并指明报文标识符。在此之前，发送方一直保留着这条消息，随时准备重发。' },
      actions: [
        { do: 'publish', actor: 'Alice', topic: 'tour/qos1', payload: 'please confirm', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBLISH', count: 1, qos: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBACK', count: 1 },
      ],
    },
    {
      title: { en: 'PUBREC, PUBREL, PUBCOMP: the QoS 2 handshake', 'zh-CN': 'PUBREC、PUBREL、PUBCOMP：QoS 2 的握手' },
      narration: { en: 'QoS 2 takes four packets, so that the message is handled exactly once: PUBLISH; PUBREC (type 5, "received"); PUBREL (type 6, "release it", the sender may now forget the message); PUBCOMP (type 7, "complete"). The same handshake runs again from the broker to Bob.', 'zh-CN': 'QoS 2 需要四个报文，确保消息恰好被处理一次：PUBLISH；PUBREC（类型 5，“已收到”）；PUBREL（类型 6，“释放”，此后发送方可以忘掉这条消息）；PUBCOMP（类型 7，“完成”）。从 Broker 到 Bob 还会再走一遍同样的握手。' },
      actions: [
        { do: 'publish', actor: 'Alice', topic: 'tour/qos2', payload: 'exactly once', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBCOMP' }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBCOMP', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'PUBCOMP', count: 1 },
      ],
    },
    {
      title: { en: 'PINGREQ and PINGRESP: still there?', 'zh-CN': 'PINGREQ 和 PINGRESP：还在吗？' },
      narration: { en: 'Alice\'s keepalive is 2 s. When she has sent nothing for that long, she sends PINGREQ (type 12) and the broker answers PINGRESP (type 13): both sides learn the connection still works.', 'zh-CN': 'Alice 的保活时间是 2 秒。当她在这段时间里什么都没发送时，就发送 PINGREQ（类型 12），Broker 回复 PINGRESP（类型 13）：双方都由此知道连接仍然正常。' },
      actions: [{ do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PINGRESP' }, timeoutSeconds: 6 }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'PINGREQ', says: { en: '{from} sent PINGREQ {times}, {sizes} bytes each: a fixed header and nothing else.', 'zh-CN': '{from} 发送了 PINGREQ {times}，每个 {sizes} 字节：只有固定报头，别的什么都没有。' } },
        { kind: 'packet', from: 'broker', to: 'Alice', type: 'PINGRESP' },
      ],
    },
    {
      title: { en: 'UNSUBSCRIBE and UNSUBACK', 'zh-CN': 'UNSUBSCRIBE 和 UNSUBACK' },
      narration: { en: 'Bob no longer wants the messages: UNSUBSCRIBE (type 10) names the filters, and the broker confirms with UNSUBACK (type 11). After it, the broker sends him nothing on those topics.', 'zh-CN': 'Bob 不再想要这些消息了：UNSUBSCRIBE（类型 10）列出要取消的过滤器，Broker 用 UNSUBACK（类型 11）确认。此后，Broker 不再向他发送这些主题上的消息。' },
      actions: [
        { do: 'unsubscribe', actor: 'Bob', filter: 'tour/#' },
        { do: 'publish', actor: 'Alice', topic: 'tour/after', payload: 'anyone?', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Alice', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Bob', to: 'broker', type: 'UNSUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Bob', type: 'UNSUBACK', count: 1 },
        { kind: 'received', actor: 'Bob', topic: 'tour/after', count: 0 },
      ],
    },
    {
      title: { en: 'DISCONNECT: leaving politely', 'zh-CN': 'DISCONNECT：礼貌地离开' },
      narration: { en: 'Alice says goodbye with DISCONNECT (type 14) and closes the connection. In MQTT 3.1.1 only the client sends it; the broker just closes.', 'zh-CN': 'Alice 用 DISCONNECT（类型 14）道别，然后关闭连接。在 MQTT 3.1.1 中只有客户端会发送它；Broker 直接关闭连接。' },
      actions: [{ do: 'disconnect', actor: 'Alice' }],
      expect: [
        { kind: 'packet', from: 'Alice', to: 'broker', type: 'DISCONNECT', count: 1, says: { en: '{from} sent DISCONNECT, {sizes} bytes: the fourteenth packet type of MQTT 3.1.1 on the wire.', 'zh-CN': '{from} 发送了 DISCONNECT，{sizes} 字节：线路上出现了 MQTT 3.1.1 的第十四种报文类型。' } },
        { kind: 'connected', actor: 'Alice', connected: false },
      ],
    },
    {
      title: { en: 'AUTH (MQTT 5): the fifteenth type, and how a broker answers it', 'zh-CN': 'AUTH（MQTT 5）：第十五种类型，以及 Broker 如何应答' },
      narration: { en: 'MQTT 5 adds AUTH (type 15) for enhanced authentication: a challenge and response (SCRAM, Kerberos…) before CONNACK and again later on the same connection. Carol, an MQTT 5 client, sends AUTH asking to re-authenticate with SCRAM-SHA-256, although her CONNECT named no Authentication Method. A broker must treat that as a protocol error and close the connection.', 'zh-CN': 'MQTT 5 新增了 AUTH（类型 15），用于增强认证：在 CONNACK 之前，以及之后在同一条连接上，进行质询与应答（SCRAM、Kerberos……）。Carol 是一个 MQTT 5 客户端，她发送 AUTH，要求用 SCRAM-SHA-256 重新认证，尽管她的 CONNECT 并没有指定 Authentication Method（认证方法）。Broker 必须把这视为协议错误并关闭连接。' },
      actions: [
        { do: 'connect', actor: 'Carol' },
        { do: 'send-auth', actor: 'Carol', method: 'SCRAM-SHA-256' },
        { do: 'wait-until', expect: { kind: 'connected', actor: 'Carol', connected: false }, timeoutSeconds: 3 },
      ],
      expect: [
        { kind: 'packet', from: 'Carol', to: 'broker', type: 'AUTH', count: 1, properties: { authenticationMethod: 'SCRAM-SHA-256' }, says: { en: '{from} sent AUTH, {sizes} bytes, with authenticationMethod "SCRAM-SHA-256".', 'zh-CN': '{from} 发送了 AUTH，{sizes} 字节，authenticationMethod 为 "SCRAM-SHA-256"。' } },
        { kind: 'packet', from: 'broker', to: 'Carol', type: 'DISCONNECT', atMost: 1, says: { en: 'Before closing, this broker sent {count} DISCONNECT (reason codes: {reasonCodes}); the spec lets it send one, such as 0x82 Protocol Error, or simply close.', 'zh-CN': '在关闭连接之前，这个 Broker 发送了 {count} 个 DISCONNECT（原因码：{reasonCodes}）；规范允许它发送一个，例如 0x82 Protocol Error，也可以直接关闭连接。' } },
        { kind: 'connected', actor: 'Carol', connected: false, says: { en: 'The broker closed {actor}\'s connection.', 'zh-CN': 'Broker 关闭了 {actor} 的连接。' } },
      ],
      sideNote: { en: 'Neither the built-in broker nor a mosquitto without an authentication plugin does enhanced authentication, so this lesson cannot show a real SCRAM exchange: only that AUTH exists on the wire, and how a broker that does not expect it answers.', 'zh-CN': '内置 Broker 和没有认证插件的 mosquitto 都不支持增强认证，所以本课程无法展示真正的 SCRAM 交换：只能展示 AUTH 确实存在于线路上，以及一个并不期待它的 Broker 会如何应答。' },
    },
  ],
};
