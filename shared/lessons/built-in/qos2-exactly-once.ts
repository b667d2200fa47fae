import type { LessonInput } from '../lesson-format';

/**
 * Lesson 6: QoS 2. A lost PUBREC makes the Sensor resend the PUBLISH (DUP); a lost PUBCOMP makes it
 * resend the PUBREL; the Phone still gets each message once. Like lesson 5, the Sensor's session
 * persists (Clean Start 0 and a session expiry), which is what resending belongs to.
 */
export const qos2ExactlyOnceLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'qos2-exactly-once',
  title: { en: 'QoS 2, exactly once', 'zh-CN': 'QoS 2：恰好一次' },
  summary: { en: 'QoS 2 pays four packets per message so that a message is never lost and never handled twice. Lose a PUBREC or a PUBCOMP and cut the connection: packets are resent, and the Phone still gets each message exactly once.', 'zh-CN': 'QoS 2 为每条消息付出四个报文的代价，确保消息既不会丢失，也不会被处理两次。丢掉一个 PUBREC 或 PUBCOMP 再切断连接：报文会被重发，而 Phone 仍然只收到每条消息一次。' },
  actors: [
    { name: 'Sensor', protocolVersion: 5, clean: false, sessionExpirySeconds: 30, keepaliveSeconds: 30, reconnectAfterMs: 300 },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'The four-packet handshake', 'zh-CN': '四个报文的握手' },
      narration: { en: 'The Phone subscribes with QoS 2 and the Sensor publishes with QoS 2. PUBLISH: "here is message N". PUBREC: "I have it, and I will not pass it on twice". PUBREL: "then I forget it; you may release it". PUBCOMP: "done, the packet id is free". The same four packets run from the broker to the Phone.', 'zh-CN': 'Phone 以 QoS 2 订阅，Sensor 以 QoS 2 发布。PUBLISH：“这是第 N 条消息”。PUBREC：“我收到了，而且不会转发两次”。PUBREL：“那我就忘掉它了，你可以释放它”。PUBCOMP：“完成，报文标识符可以再用了”。从 Broker 到 Phone 也会走一遍同样的四个报文。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'bank/transfers', qos: 2 },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 1: 100 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 5 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 2 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 1: 100 EUR', count: 1, qos: 2 },
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'PUBCOMP', count: 1 },
      ],
      sideNote: { en: 'When may a broker pass the message on? The spec allows either moment. The built-in broker forwards it as soon as the PUBLISH arrives; mosquitto waits for the PUBREL. Both deliver it once: the receiver\'s PUBREC is its promise to discard a DUP copy of the same packet id until PUBREL.', 'zh-CN': 'Broker 什么时候可以转发这条消息？规范允许两种时机。内置 Broker 在 PUBLISH 一到达时就转发；mosquitto 则等到 PUBREL 才转发。两者都只投递一次：接收方的 PUBREC 就是它的承诺，在收到 PUBREL 之前，会丢弃带同一报文标识符的 DUP 副本。' },
    },
    {
      title: { en: 'The PUBREC is lost', 'zh-CN': 'PUBREC 丢失了' },
      narration: { en: 'The broker\'s next PUBREC to the Sensor is dropped. The broker has the message (and, ours being a broker that forwards on PUBLISH, has already passed it to the Phone); the Sensor does not know that, and keeps it.', 'zh-CN': 'Broker 发给 Sensor 的下一个 PUBREC 被丢弃了。Broker 已经拿到了消息（而且我们的 Broker 在收到 PUBLISH 时就转发，所以已经把它交给了 Phone）；Sensor 并不知道这些，于是继续保留着它。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubrec', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 2: 250 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true, count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 0 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 2: 250 EUR', count: 1 },
      ],
    },
    {
      title: { en: 'Cut and resumed: the PUBLISH comes again, the Phone gets it once', 'zh-CN': '切断后恢复：PUBLISH 再次到来，Phone 只收到一次' },
      narration: { en: 'The Sensor\'s connection is cut. It comes back to its session and sends the PUBLISH again, DUP set, same packet id. The broker still holds that packet id as "received, not released", so it answers PUBREC and does not pass the copy on. PUBREL and PUBCOMP finish the handshake.', 'zh-CN': 'Sensor 的连接被切断了。它回到自己的会话，再次发送这个 PUBLISH，设置了 DUP 标志，报文标识符不变。Broker 仍把这个报文标识符记为“已收到，未释放”，所以它回复 PUBREC，而不会转发这个副本。PUBREL 和 PUBCOMP 完成握手。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 2: 250 EUR', dup: true }, timeoutSeconds: 10 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 2: 250 EUR', since: 1, count: 2, dup: 'after-first', samePacketId: true },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 2: 250 EUR', since: 1, count: 1, says: { en: 'The Phone received "transfer 2: 250 EUR" once in all, though the Sensor sent it twice: exactly once.', 'zh-CN': 'Phone 总共只收到一次 "transfer 2: 250 EUR"，尽管 Sensor 发送了两次：恰好一次。' } },
      ],
      tryIt: [
        {
          label: { en: 'Lose the next PUBREC and cut again', 'zh-CN': '丢掉下一个 PUBREC，再切断一次' },
          actions: [
            { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubrec', direction: 'to-client', count: 1 } },
            { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 4: 10 EUR', qos: 2 },
            { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBREC', dropped: true }, timeoutSeconds: 5 },
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 10 },
          ],
          expect: [
            { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'transfer 4: 10 EUR', count: 2, dup: 'after-first', samePacketId: true },
            { kind: 'received', actor: 'Phone', payload: 'transfer 4: 10 EUR', count: 1 },
          ],
        },
      ],
    },
    {
      title: { en: 'The PUBCOMP is lost', 'zh-CN': 'PUBCOMP 丢失了' },
      narration: { en: 'Next, the broker\'s PUBCOMP is dropped. The Sensor has sent PUBREL and waits for PUBCOMP; the message itself is settled, only the end of the handshake is missing.', 'zh-CN': '接下来，Broker 的 PUBCOMP 被丢弃了。Sensor 已经发送了 PUBREL，正在等待 PUBCOMP；消息本身已经落定，只差握手的最后一步。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'pubcomp', direction: 'to-client', count: 1 } },
        { do: 'publish', actor: 'Sensor', topic: 'bank/transfers', payload: 'transfer 3: 75 EUR', qos: 2 },
        { do: 'wait-until', expect: { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBCOMP', dropped: true }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBREC', count: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', count: 1 },
        { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBCOMP', dropped: true, count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 3: 75 EUR', count: 1 },
      ],
    },
    {
      title: { en: 'Cut and resumed: only the PUBREL is resent', 'zh-CN': '切断后恢复：只重发 PUBREL' },
      narration: { en: 'After the cut, the Sensor resumes by sending the PUBREL again, not the PUBLISH: it already knows the broker has the message. The broker answers PUBCOMP. The Phone got the message once.', 'zh-CN': '连接切断之后，Sensor 恢复时重发的是 PUBREL，而不是 PUBLISH：它已经知道 Broker 拿到了消息。Broker 回复 PUBCOMP。Phone 只收到了一次消息。' },
      needsBuiltInBroker: true,
      actions: [
        { do: 'cut', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP' }, timeoutSeconds: 10 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBREL', since: 3, count: 2, samePacketId: true, says: { en: 'The Sensor sent PUBREL {times}, with packet id {packetIds}: the second after the reconnect.', 'zh-CN': 'Sensor 发送了 PUBREL {times}，报文标识符为 {packetIds}：第二次是在重新连接之后。' } },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 0 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBCOMP', count: 1 },
        { kind: 'received', actor: 'Phone', payload: 'transfer 3: 75 EUR', since: 3, count: 1 },
      ],
    },
  ],
};
