import type { LessonInput } from '../lesson-format';

/** Lesson 1: the broker decouples publisher and subscriber; + and # as the spec says; # and $-topics. */
export const publishSubscribeLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'publish-subscribe',
  title: { en: 'Publish/subscribe and topics', 'zh-CN': '发布/订阅与主题' },
  summary: { en: 'A Sensor publishes, a Phone and a Dashboard subscribe. Nobody talks to anybody but the broker; topic filters decide who gets what.', 'zh-CN': 'Sensor 发布消息，Phone 和 Dashboard 订阅消息。谁都不直接和对方通信，只和 Broker 打交道；由主题过滤器决定谁收到什么。' },
  actors: [
    { name: 'Sensor', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Dashboard', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'Everyone connects to the broker', 'zh-CN': '所有客户端连接到 Broker' },
      narration: { en: 'Each client opens one connection, to the broker and to nobody else, with CONNECT. The broker answers each with CONNACK. The Sensor will never learn who reads its messages.', 'zh-CN': '每个客户端都用 CONNECT 打开一条连接，只连到 Broker，不连任何别人。Broker 用 CONNACK 逐一应答。Sensor 永远不会知道是谁在读它的消息。' },
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'connect', actor: 'Dashboard' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'CONNACK', count: 1, reasonCode: 0 },
        { kind: 'connected', actor: 'Phone', connected: true },
        { kind: 'connected', actor: 'Dashboard', connected: true },
      ],
    },
    {
      title: { en: 'The Phone subscribes to one topic', 'zh-CN': 'Phone 订阅一个主题' },
      narration: { en: 'The Phone tells the broker what it wants: SUBSCRIBE with the filter home/kitchen/temperature. The broker confirms with SUBACK. The Sensor hears nothing of it.', 'zh-CN': 'Phone 告诉 Broker 它想要什么：发送 SUBSCRIBE，主题过滤器为 home/kitchen/temperature。Broker 用 SUBACK 确认。Sensor 对此一无所知。' },
      actions: [{ do: 'subscribe', actor: 'Phone', filter: 'home/kitchen/temperature', qos: 0 }],
      expect: [
        { kind: 'packet', from: 'Phone', to: 'broker', type: 'SUBSCRIBE', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 },
        { kind: 'packet', from: 'broker', to: 'Sensor', type: 'SUBACK', count: 0 },
      ],
    },
    {
      title: { en: 'The Sensor publishes; the broker passes it on', 'zh-CN': 'Sensor 发布消息，Broker 转发' },
      narration: { en: 'The Sensor sends one PUBLISH, to the broker. The broker finds the matching subscription and sends the message to the Phone. The Dashboard did not subscribe, so it gets nothing.', 'zh-CN': 'Sensor 发送一个 PUBLISH，发给 Broker。Broker 找到匹配的订阅，把消息发给 Phone。Dashboard 没有订阅，所以什么也收不到。' },
      actions: [{ do: 'publish', actor: 'Sensor', topic: 'home/kitchen/temperature', payload: '21.5' }],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, topic: 'home/kitchen/temperature' },
        { kind: 'received', actor: 'Phone', topic: 'home/kitchen/temperature', payload: '21.5', count: 1 },
        { kind: 'received', actor: 'Dashboard', count: 0 },
      ],
      tryIt: [
        {
          label: { en: 'Publish again', 'zh-CN': '再发布一次' },
          actions: [{ do: 'publish', actor: 'Sensor', topic: 'home/kitchen/temperature', payload: '22.0' }],
          // At least once: pressed after the later steps, the Phone's home/# subscription brings its own copy too.
          expect: [{ kind: 'received', actor: 'Phone', topic: 'home/kitchen/temperature', payload: '22.0' }],
        },
      ],
    },
    {
      title: { en: '+ matches exactly one level', 'zh-CN': '+ 恰好匹配一个层级' },
      narration: { en: 'The Dashboard subscribes to home/+/temperature. The + stands for one whole topic level: home/garden/temperature matches, home/garden/soil/temperature (two levels in its place) does not.', 'zh-CN': 'Dashboard 订阅 home/+/temperature。+ 代表一个完整的主题层级：home/garden/temperature 能匹配，而 home/garden/soil/temperature（在 + 的位置上有两个层级）不能匹配。' },
      actions: [
        { do: 'subscribe', actor: 'Dashboard', filter: 'home/+/temperature', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/temperature', payload: '14.0' },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/soil/temperature', payload: '9.5' },
      ],
      expect: [
        { kind: 'received', actor: 'Dashboard', topic: 'home/garden/temperature', count: 1 },
        { kind: 'received', actor: 'Dashboard', topic: 'home/garden/soil/temperature', count: 0 },
        { kind: 'received', actor: 'Phone', count: 0 },
      ],
    },
    {
      title: { en: '# matches every level below, and the parent', 'zh-CN': '# 匹配下面的所有层级，也匹配父级本身' },
      narration: { en: 'The Phone subscribes to home/#. The # must come last and matches any number of levels, even none: home/garden/soil/temperature matches, and so does home itself.', 'zh-CN': 'Phone 订阅 home/#。# 必须放在最后，可以匹配任意多个层级，零个也行：home/garden/soil/temperature 能匹配，home 本身也能匹配。' },
      actions: [
        { do: 'subscribe', actor: 'Phone', filter: 'home/#', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: 'home/garden/soil/temperature', payload: '9.0' },
        { do: 'publish', actor: 'Sensor', topic: 'home', payload: 'all well' },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: 'home/garden/soil/temperature', count: 1 },
        { kind: 'received', actor: 'Phone', topic: 'home', count: 1 },
      ],
    },
    {
      title: { en: '# does not match topics that start with $', 'zh-CN': '# 不匹配以 $ 开头的主题' },
      narration: { en: 'Topics starting with $ are kept apart for the broker\'s own use: a filter starting with a wildcard must not match them (MQTT 3.1.1 §4.7.2). The Dashboard subscribes to #; only a filter that starts with $lab matches $lab/status.', 'zh-CN': '以 $ 开头的主题留给 Broker 自己使用：以通配符开头的过滤器不得匹配它们（MQTT 3.1.1 §4.7.2）。Dashboard 订阅 #；只有以 $lab 开头的过滤器才能匹配 $lab/status。' },
      actions: [
        { do: 'subscribe', actor: 'Dashboard', filter: '#', qos: 0 },
        { do: 'subscribe', actor: 'Phone', filter: '$lab/#', qos: 0 },
        { do: 'publish', actor: 'Sensor', topic: '$lab/status', payload: 'online' },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: '$lab/status', count: 1 },
        { kind: 'received', actor: 'Dashboard', topic: '$lab/status', count: 0 },
      ],
    },
  ],
};
