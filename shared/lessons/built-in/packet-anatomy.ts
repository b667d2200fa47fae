import type { LessonInput } from '../lesson-format';

/**
 * Lesson 2: a CONNECT and its CONNACK byte by byte, and the Remaining Length as a variable-byte
 * integer: payloads of 100, 200 and 20,000 bytes make it 1, 2 and 3 bytes long. MQTT 3.1.1, so no
 * properties blur the byte counts.
 */
export const packetAnatomyLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'packet-anatomy',
  title: { en: 'Anatomy of a packet', 'zh-CN': '报文的结构' },
  summary: { en: 'Every MQTT packet has the same shape: a fixed header (type and flags, then the Remaining Length), a variable header, and a payload. Click any arrow to see its bytes.', 'zh-CN': '每个 MQTT 报文的结构都一样：固定报头（类型和标志，然后是 Remaining Length，即剩余长度）、可变报头，以及载荷。点击任意一个箭头，就能看到它的每个字节。' },
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'CONNECT: the first packet of every connection', 'zh-CN': 'CONNECT：每条连接的第一个报文' },
      narration: { en: 'Before anything else, a client says who it is. Its CONNECT starts with the fixed header: one byte for the packet type (1, so 0x10) and flags, then the Remaining Length, the number of bytes that follow. Then the variable header (the protocol name "MQTT", level 4, connect flags, keepalive) and the payload (the client id, and a will or user name if any). Click the CONNECT arrow to see each byte.', 'zh-CN': '在做任何事之前，客户端先要说明自己是谁。它的 CONNECT 以固定报头开头：一个字节表示报文类型（1，所以是 0x10）和标志，接着是剩余长度，即后面还有多少字节。然后是可变报头（协议名 "MQTT"、协议级别 4、连接标志、保活时间）和载荷（客户端 ID，以及可能有的遗嘱消息或用户名）。点击 CONNECT 箭头，逐个字节看一看。' },
      actions: [{ do: 'connect', actor: 'Sensor' }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1, remainingLengthBytes: 1, says: { en: 'The Sensor sent one CONNECT of {sizes} bytes: after the first byte (type and flags), one byte of Remaining Length says how many bytes follow.', 'zh-CN': 'Sensor 发送了一个 {sizes} 字节的 CONNECT：在第一个字节（类型和标志）之后，用一个字节的剩余长度说明后面还有多少字节。' } },
      ],
    },
    {
      title: { en: 'CONNACK: the smallest answer', 'zh-CN': 'CONNACK：最小的应答' },
      narration: { en: 'The broker answers with CONNACK: the fixed header (type 2, so 0x20, and a Remaining Length of 2), then two bytes: the Session Present flag and the return code, 0 for "accepted". A CONNACK has no payload.', 'zh-CN': 'Broker 用 CONNACK 应答：固定报头（类型 2，所以是 0x20，剩余长度为 2），然后是两个字节：Session Present 标志和返回码，0 表示“已接受”。CONNACK 没有载荷。' },
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', since: 0, count: 1, reasonCode: 0, remainingLengthBytes: 1, says: { en: 'The broker answered with a CONNACK of {sizes} bytes: return code 0x00, accepted.', 'zh-CN': 'Broker 用一个 {sizes} 字节的 CONNACK 应答：返回码 0x00，已接受。' } },
      ],
    },
    {
      title: { en: 'A small PUBLISH: Remaining Length in one byte', 'zh-CN': '小的 PUBLISH：剩余长度只占一个字节' },
      narration: { en: 'A PUBLISH carries a topic and a payload. Its Remaining Length counts the topic (with its 2-byte length), a packet id if QoS > 0, and the payload. Up to 127 fits in one byte. A 100-byte payload on lab/size makes 110: one byte.', 'zh-CN': 'PUBLISH 携带一个主题和一段载荷。它的剩余长度包括主题（加上表示主题长度的 2 个字节）、QoS > 0 时的报文标识符，以及载荷。不超过 127 时，一个字节就能放下。在 lab/size 上发布 100 字节的载荷，剩余长度是 110：一个字节。' },
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'lab/size', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 100 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 1, says: { en: 'The Sensor\'s PUBLISH with 100 bytes of payload was {sizes} bytes on the wire, with a 1-byte Remaining Length.', 'zh-CN': 'Sensor 带 100 字节载荷的 PUBLISH 在线路上是 {sizes} 字节，剩余长度占 1 个字节。' } },
        { kind: 'received', actor: 'Phone', topic: 'lab/size', count: 1 },
      ],
    },
    {
      title: { en: '200 bytes: the Remaining Length takes two bytes', 'zh-CN': '200 字节：剩余长度要占两个字节' },
      narration: { en: 'The Remaining Length is a variable-byte integer: each byte carries 7 bits of the number, and its top bit says "another byte follows". 210 does not fit in 7 bits, so it takes two bytes (0xD2 0x01: 82 + 1 × 128). Two bytes go up to 16,383.', 'zh-CN': '剩余长度是一个变长字节整数：每个字节承载数值的 7 位，最高位表示“后面还有一个字节”。210 用 7 位放不下，所以要两个字节（0xD2 0x01：82 + 1 × 128）。两个字节最多能表示 16,383。' },
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 200 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: { en: 'The Sensor\'s PUBLISH with 200 bytes of payload was {sizes} bytes on the wire, with a 2-byte Remaining Length.', 'zh-CN': 'Sensor 带 200 字节载荷的 PUBLISH 在线路上是 {sizes} 字节，剩余长度占 2 个字节。' } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: { en: 'The broker passed it on to the Phone in {sizes} bytes: the same 2-byte Remaining Length.', 'zh-CN': 'Broker 用 {sizes} 字节把它转发给 Phone：剩余长度同样占 2 个字节。' } },
      ],
    },
    {
      title: { en: '20,000 bytes: three bytes of Remaining Length', 'zh-CN': '20,000 字节：剩余长度占三个字节' },
      narration: { en: '20,010 is more than two bytes can say, so a third follows. Four bytes are the most: 268,435,455 bytes, about 256 MB, is the largest packet MQTT can describe. The length costs only what the packet needs.', 'zh-CN': '20,010 超出了两个字节能表示的范围，所以再跟一个字节。最多四个字节：268,435,455 字节，约 256 MB，这是 MQTT 能描述的最大报文。长度只占用报文实际需要的字节数。' },
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 20_000 }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 3, says: { en: 'The Sensor\'s PUBLISH with 20,000 bytes of payload was {sizes} bytes on the wire, with a 3-byte Remaining Length.', 'zh-CN': 'Sensor 带 20,000 字节载荷的 PUBLISH 在线路上是 {sizes} 字节，剩余长度占 3 个字节。' } },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'PUBLISH', count: 1, remainingLengthBytes: 3, says: { en: 'The broker passed it on to the Phone in {sizes} bytes: the same 3-byte Remaining Length.', 'zh-CN': 'Broker 用 {sizes} 字节把它转发给 Phone：剩余长度同样占 3 个字节。' } },
      ],
      tryIt: [
        {
          label: { en: 'Make the Remaining Length 127 (the 1-byte limit)', 'zh-CN': '让剩余长度为 127（一个字节的上限）' },
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 117 }],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 1, says: { en: 'A Remaining Length of 127 still fits in one byte: the PUBLISH was {sizes} bytes.', 'zh-CN': '剩余长度为 127 时仍然只占一个字节：这个 PUBLISH 是 {sizes} 字节。' } }],
        },
        {
          label: { en: 'Make it 128 (one more)', 'zh-CN': '改成 128（多一个）' },
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'lab/size', payloadBytes: 118 }],
          expect: [{ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, remainingLengthBytes: 2, says: { en: 'One byte more, 128, needs a second byte of Remaining Length: the PUBLISH was {sizes} bytes.', 'zh-CN': '只多一个字节，128，剩余长度就需要第二个字节：这个 PUBLISH 是 {sizes} 字节。' } }],
        },
      ],
    },
  ],
};
