import type { LessonInput } from '../lesson-format';

/**
 * Lesson 12 (MQTT 5): reason codes. Where brokers may differ (PUBACK 0x10 is optional; SUBACK 0x87
 * needs access rules the built-in broker does not have) the claim states what this broker answered,
 * read off the wire, instead of asserting one code.
 */
export const reasonCodesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'reason-codes',
  title: { en: 'Reason codes (MQTT 5)', 'zh-CN': '原因码（MQTT 5）' },
  summary: { en: 'MQTT 5 acknowledgements say why: a one-byte reason code in PUBACK, SUBACK, CONNACK and DISCONNECT. Below 0x80 is success (with a hint); 0x80 and above is an error.', 'zh-CN': 'MQTT 5 的确认报文会说明原因：PUBACK、SUBACK、CONNACK 和 DISCONNECT 中带有一个单字节的原因码。小于 0x80 表示成功（附带提示）；0x80 及以上表示错误。' },
  broker: { users: [{ username: 'lab', password: 'lab-secret' }] },
  actors: [
    { name: 'Sensor', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret' },
    { name: 'Phone', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret', clientId: 'lesson-reasons-phone' },
    { name: 'Tablet', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'lab-secret', clientId: 'lesson-reasons-phone' },
    { name: 'Intruder', protocolVersion: 5, keepaliveSeconds: 30, username: 'lab', password: 'guess' },
  ],
  steps: [
    {
      title: { en: 'PUBACK when nobody listens', 'zh-CN': '没人订阅时的 PUBACK' },
      narration: { en: 'The Sensor publishes with QoS 1 on a topic nobody subscribes to. The broker takes the message all the same, and its PUBACK may say so: 0x10, "No matching subscribers". That code is a hint the spec allows, not a must: a broker may answer 0x00, "Success".', 'zh-CN': 'Sensor 以 QoS 1 在一个没人订阅的主题上发布。Broker 照样接收这条消息，它的 PUBACK 可以指出这一点：0x10，"No matching subscribers"（没有匹配的订阅者）。这个原因码是规范允许的提示，而不是必须的：Broker 也可以回复 0x00，"Success"（成功）。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'publish', actor: 'Sensor', topic: 'lab/nobody/listens', payload: 'hello?', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, says: { en: 'This broker answered the PUBACK with reason code {reasonCodes}.', 'zh-CN': '这个 Broker 在 PUBACK 中回复的原因码是 {reasonCodes}。' } }],
      sideNote: { en: 'mosquitto answers 0x10 here; the built-in broker answers 0x00 (Success), which the spec also allows. The claim shows what this broker said, read from the wire.', 'zh-CN': 'mosquitto 在这里回复 0x10；内置 Broker 回复 0x00（Success），这也是规范允许的。这条断言展示的是这个 Broker 实际说了什么，直接从线路上读取。' },
    },
    {
      title: { en: 'PUBACK 0x00 when someone does', 'zh-CN': '有人订阅时的 PUBACK 0x00' },
      narration: { en: 'The Phone subscribes, and the Sensor publishes again on its topic. Now every broker answers 0x00, "Success".', 'zh-CN': 'Phone 订阅了，Sensor 在它的主题上再次发布。这次每个 Broker 都会回复 0x00，"Success"（成功）。' },
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'lab/phone/inbox', qos: 1 },
        { do: 'publish', actor: 'Sensor', topic: 'lab/phone/inbox', payload: 'hello, Phone', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, reasonCode: 0 },
        { kind: 'received', actor: 'Phone', payload: 'hello, Phone', count: 1 },
      ],
    },
    {
      title: { en: 'SUBACK: granted, or 0x87 not authorized', 'zh-CN': 'SUBACK：授予，或 0x87 未授权' },
      narration: { en: 'A SUBACK carries one reason code per filter: the QoS granted (0x00, 0x01, 0x02) or an error. A broker with access rules answers 0x87, "Not authorized", to a filter the user may not read. The Phone asks for admin/#.', 'zh-CN': 'SUBACK 为每个过滤器带一个原因码：授予的 QoS（0x00、0x01、0x02）或一个错误。有访问规则的 Broker 会对用户无权读取的过滤器回复 0x87，"Not authorized"（未授权）。Phone 请求订阅 admin/#。' },
      actions: [{ do: 'subscribe', actor: 'Phone', filter: 'admin/#', qos: 1 }],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1, says: { en: 'This broker answered the SUBSCRIBE to admin/# with reason code {reasonCodes}.', 'zh-CN': '这个 Broker 对 admin/# 的 SUBSCRIBE 回复的原因码是 {reasonCodes}。' } }],
      sideNote: { en: 'Neither broker at hand can show 0x87 here. The built-in broker checks user names and passwords but has no access rules, so it grants every filter (0x01). mosquitto 2.0 checks its ACL when it delivers a message, not when a client subscribes, so it grants the filter too and then sends nothing that the ACL denies. A broker that checks access at subscribe time answers 0x87.', 'zh-CN': '手头的两个 Broker 都无法在这里展示 0x87。内置 Broker 会检查用户名和密码，但没有访问规则，所以它授予每一个过滤器（0x01）。mosquitto 2.0 在投递消息时才检查 ACL，而不是在客户端订阅时检查，所以它同样会授予这个过滤器，之后只是不发送 ACL 拒绝的消息。在订阅时检查权限的 Broker 会回复 0x87。' },
    },
    {
      title: { en: 'CONNACK 0x86: bad user name or password', 'zh-CN': 'CONNACK 0x86：用户名或密码错误' },
      narration: { en: 'This broker knows one user, lab. The Intruder tries the right name with a guessed password. The broker answers CONNACK with 0x86, "Bad User Name or Password", and closes the connection.', 'zh-CN': '这个 Broker 只认识一个用户：lab。Intruder 用正确的用户名和一个猜测的密码尝试连接。Broker 回复带有 0x86 的 CONNACK，"Bad User Name or Password"（用户名或密码错误），并关闭连接。' },
      actions: [{ do: 'connect', actor: 'Intruder' }],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Intruder', type: 'CONNACK', count: 1, reasonCode: 0x86 },
        { kind: 'connected', actor: 'Intruder', connected: false },
      ],
      sideNote: { en: 'Against another broker, this claim needs that broker to know the user lab and refuse the password "guess". Brokers word the refusal differently: mosquitto 2.0 answers 0x87 (Not authorized) to a wrong password.', 'zh-CN': '如果使用其他 Broker，这条断言要求那个 Broker 认识用户 lab，并拒绝密码 "guess"。不同的 Broker 拒绝的方式不同：mosquitto 2.0 对错误的密码回复 0x87（Not authorized）。' },
    },
    {
      title: { en: 'DISCONNECT 0x8E: session taken over', 'zh-CN': 'DISCONNECT 0x8E：会话被接管' },
      narration: { en: 'Client ids are unique: the Tablet connects with the Phone\'s client id. The broker keeps the newcomer and throws out the Phone, telling it why in a DISCONNECT from the broker (new in MQTT 5): 0x8E, "Session taken over".', 'zh-CN': '客户端 ID 是唯一的：Tablet 用 Phone 的客户端 ID 连接。Broker 保留新来的客户端，把 Phone 踢出去，并通过一个由 Broker 发出的 DISCONNECT（MQTT 5 新增）告诉它原因：0x8E，"Session taken over"（会话被接管）。' },
      actions: [
        { do: 'connect', actor: 'Tablet' },
        { do: 'wait-until', expect: { kind: 'connected', actor: 'Phone', connected: false }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Tablet', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'DISCONNECT', count: 1, reasonCode: 0x8e },
        { kind: 'connected', actor: 'Phone', connected: false },
      ],
      sideNote: { en: 'Sending this DISCONNECT is a SHOULD in MQTT 5, not a MUST: mosquitto 2.0 closes the old connection without one, so the Phone learns nothing of why.', 'zh-CN': '在 MQTT 5 中，发送这个 DISCONNECT 是 SHOULD（应该），而不是 MUST（必须）：mosquitto 2.0 直接关闭旧连接而不发送它，所以 Phone 对原因一无所知。' },
    },
  ],
};
