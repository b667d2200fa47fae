import type { LessonInput } from '../lesson-format';

/**
 * Lesson 15 (MQTT 5): a topic alias. The first PUBLISH carries the topic and an alias number, the
 * next only the alias; the bytes saved are read off the wire. The second part, the broker's own
 * aliases towards a subscriber, is the built-in broker's (mosquitto 2.0 sends none).
 */
export const topicAliasLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'topic-alias',
  title: { en: 'Topic alias (MQTT 5)', 'zh-CN': '主题别名（MQTT 5）' },
  summary: { en: 'Long topics cost bytes on every message. MQTT 5 lets each side of a connection give a topic a small number, its alias, once; after that the number alone stands for the topic.', 'zh-CN': '长主题在每条消息上都要占用字节。MQTT 5 允许连接的每一方为一个主题指定一个小数字，即它的别名，只需指定一次；之后单凭这个数字就能代表该主题。' },
  actors: [
    { name: 'Tracker', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Dashboard', protocolVersion: 5, keepaliveSeconds: 30, topicAliasMaximum: 10 },
  ],
  steps: [
    {
      title: { en: 'The broker says how many aliases it takes', 'zh-CN': 'Broker 告知它接受多少个别名' },
      narration: { en: 'A client may only use aliases the broker allows: the broker\'s CONNACK carries Topic Alias Maximum, how many it will remember for this connection.', 'zh-CN': '客户端只能使用 Broker 允许的别名：Broker 的 CONNACK 中带有 Topic Alias Maximum（主题别名最大值），即它会为这条连接记住多少个别名。' },
      actions: [
        { do: 'connect', actor: 'Tracker' },
        { do: 'connect', actor: 'Dashboard' },
        { do: 'subscribe', actor: 'Dashboard', filter: 'fleet/#', qos: 0 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Tracker', type: 'CONNACK', count: 1, reasonCode: 0 }],
    },
    {
      title: { en: 'The first PUBLISH sets up the alias', 'zh-CN': '第一个 PUBLISH 建立别名' },
      narration: { en: 'The Tracker publishes its position on a long topic. This first PUBLISH carries the whole topic and a Topic Alias property: "from now on, 1 means this topic".', 'zh-CN': 'Tracker 在一个很长的主题上发布它的位置。这第一个 PUBLISH 带着完整的主题和一个 Topic Alias 属性：“从现在起，1 就代表这个主题”。' },
      actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.52,13.40', qos: 0, topicAlias: 'auto' }],
      expect: [
        { kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'topic-and-alias', says: { en: 'The Tracker\'s first PUBLISH carried the topic and its alias: {sizes} bytes.', 'zh-CN': 'Tracker 的第一个 PUBLISH 带着主题和它的别名：{sizes} 字节。' } },
        { kind: 'received', actor: 'Dashboard', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', count: 1 },
      ],
    },
    {
      title: { en: 'The second PUBLISH carries only the alias', 'zh-CN': '第二个 PUBLISH 只带别名' },
      narration: { en: 'The next position goes with an empty topic and the alias alone. The broker looks the alias up and delivers it on the full topic, as if nothing changed.', 'zh-CN': '下一个位置以空主题加别名的方式发送。Broker 查找这个别名，并在完整的主题上投递消息，就好像什么都没有变。' },
      actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.53,13.41', qos: 0, topicAlias: 'auto' }],
      expect: [
        { kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'alias-only', says: { en: 'The second PUBLISH carried only the alias: {sizes} bytes, {bytesSaved} bytes saved on this one message.', 'zh-CN': '第二个 PUBLISH 只带了别名：{sizes} 字节，仅这一条消息就节省了 {bytesSaved} 字节。' } },
        { kind: 'received', actor: 'Dashboard', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.53,13.41', count: 1 },
      ],
      tryIt: [
        {
          label: { en: 'Publish another position', 'zh-CN': '再发布一个位置' },
          actions: [{ do: 'publish', actor: 'Tracker', topic: 'fleet/europe/germany/trucks/truck-0042/gps/position', payload: '52.54,13.42', qos: 0, topicAlias: 'auto' }],
          expect: [{ kind: 'packet', from: 'Tracker', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'alias-only', says: { en: 'Again only the alias: {bytesSaved} bytes saved.', 'zh-CN': '同样只带别名：节省了 {bytesSaved} 字节。' } }],
        },
      ],
    },
    {
      title: { en: 'Aliases are per direction: the broker\'s own', 'zh-CN': '别名按方向区分：Broker 也有自己的别名' },
      narration: { en: 'Aliases belong to one connection and one direction. The Dashboard said (Topic Alias Maximum 10 in its CONNECT) that it takes aliases too, so the broker may set up its own towards it. The built-in broker does: the first delivery set up an alias, later ones use it alone.', 'zh-CN': '别名属于某一条连接的某一个方向。Dashboard 已表明（在它的 CONNECT 中设置 Topic Alias Maximum 为 10）它也接受别名，所以 Broker 可以在发往它的方向上建立自己的别名。内置 Broker 正是这样做的：第一次投递建立了别名，之后的投递只使用别名。' },
      needsBuiltInBroker: true,
      actions: [],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Dashboard', type: 'PUBLISH', since: 1, count: 2, says: { en: 'The broker sent the Dashboard {count} PUBLISH packets of {sizes} bytes.', 'zh-CN': 'Broker 向 Dashboard 发送了 {count} 个 PUBLISH 报文，大小为 {sizes} 字节。' } },
        { kind: 'packet', from: 'broker', to: 'Dashboard', type: 'PUBLISH', since: 2, count: 1, topicAlias: 'alias-only', says: { en: 'The broker\'s second delivery carried only its alias: {bytesSaved} bytes saved.', 'zh-CN': 'Broker 的第二次投递只带了它的别名：节省了 {bytesSaved} 字节。' } },
      ],
      sideNote: { en: 'A broker may use aliases towards a client but need not: mosquitto 2.0 sends none, so this step runs only on the built-in broker.', 'zh-CN': 'Broker 可以在发往客户端的方向上使用别名，但不是必须的：mosquitto 2.0 从不发送别名，所以这一步只在内置 Broker 上运行。' },
    },
  ],
};
