import type { LessonInput } from '../lesson-format';

/** Lesson 7: a late subscriber gets the last retained value at once; an empty retained message deletes it. */
export const retainedMessagesLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'retained-messages',
  title: { en: 'Retained messages', 'zh-CN': '保留消息' },
  summary: { en: 'The broker keeps the last retained message of each topic and hands it to every new subscriber at once, so nobody waits for the next reading. An empty retained message deletes it.', 'zh-CN': 'Broker 为每个主题保存最后一条保留消息，并在每个新订阅者到来时立即把它交给对方，这样谁都不用等下一个读数。一条空的保留消息会把它删除。' },
  actors: [
    { name: 'Thermostat', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Phone', protocolVersion: 4, keepaliveSeconds: 30 },
    { name: 'Tablet', protocolVersion: 4, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'The Thermostat publishes with RETAIN', 'zh-CN': 'Thermostat 带 RETAIN 标志发布' },
      narration: { en: 'Nobody is subscribed yet. The Thermostat publishes its set point twice, with the RETAIN flag: the broker keeps the last one for the topic, replacing the one before.', 'zh-CN': '现在还没有任何人订阅。Thermostat 带着 RETAIN 标志把它的设定温度发布了两次：Broker 为这个主题保存最后一条，替换掉之前的那一条。' },
      actions: [
        { do: 'connect', actor: 'Thermostat' },
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '20.0', qos: 1, retain: true },
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '21.5', qos: 1, retain: true },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK', count: 2 }, timeoutSeconds: 5 },
      ],
      expect: [{ kind: 'packet', from: 'Thermostat', to: 'broker', type: 'PUBLISH', count: 2, retain: true }],
    },
    {
      title: { en: 'A late subscriber gets the last value at once', 'zh-CN': '迟到的订阅者立即拿到最后的值' },
      narration: { en: 'The Phone connects long after and subscribes. It does not wait for the next publish: right after the SUBACK, the broker sends it the retained 21.5, with RETAIN set so the Phone knows it is a stored value, not news. The older 20.0 is gone.', 'zh-CN': 'Phone 过了很久才连接并订阅。它不用等下一次发布：SUBACK 之后，Broker 马上把保留的 21.5 发给它，并设置 RETAIN 标志，让 Phone 知道这是一个已保存的值，而不是新消息。较早的 20.0 已经不在了。' },
      actions: [
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'home/heating/setpoint', qos: 1 },
      ],
      expect: [
        { kind: 'received', actor: 'Phone', topic: 'home/heating/setpoint', payload: '21.5', count: 1, retain: true },
        { kind: 'received', actor: 'Phone', payload: '20.0', count: 0 },
      ],
    },
    {
      title: { en: 'Live messages come without RETAIN', 'zh-CN': '实时消息不带 RETAIN 标志' },
      narration: { en: 'While the Phone is subscribed, a new retained publish reaches it as an ordinary message: the broker clears the RETAIN flag, because for the Phone it is news. The broker also stores it for the next newcomer.', 'zh-CN': 'Phone 在订阅期间，一条新的保留消息会以普通消息的形式到达它：Broker 清除了 RETAIN 标志，因为对 Phone 来说这是新消息。Broker 同时也把它保存下来，留给下一个新来的订阅者。' },
      actions: [{ do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '19.0', qos: 1, retain: true }],
      expect: [{ kind: 'received', actor: 'Phone', payload: '19.0', count: 1, retain: false }],
    },
    {
      title: { en: 'An empty retained message deletes it', 'zh-CN': '一条空的保留消息会把它删除' },
      narration: { en: 'To remove a retained value, publish an empty payload with RETAIN on its topic. The broker deletes what it kept; the Tablet, subscribing after that, gets nothing.', 'zh-CN': '要删除一个保留的值，就在它的主题上发布一个带 RETAIN 标志的空载荷。Broker 删除它保存的内容；之后才订阅的 Tablet 什么也收不到。' },
      actions: [
        { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '', qos: 1, retain: true },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'connect', actor: 'Tablet' },
        { do: 'subscribe', actor: 'Tablet', filter: 'home/heating/setpoint', qos: 1 },
        { do: 'wait', seconds: 0.5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Tablet', type: 'SUBACK', count: 1 },
        { kind: 'received', actor: 'Tablet', count: 0, says: { en: 'The Tablet subscribed and received nothing: the retained message was deleted.', 'zh-CN': 'Tablet 订阅后什么也没收到：保留消息已被删除。' } },
      ],
      tryIt: [
        {
          label: { en: 'Retain a new value, then subscribe the Tablet again', 'zh-CN': '保留一个新值，然后让 Tablet 重新订阅' },
          actions: [
            { do: 'unsubscribe', actor: 'Tablet', filter: 'home/heating/setpoint' },
            { do: 'publish', actor: 'Thermostat', topic: 'home/heating/setpoint', payload: '22.0', qos: 1, retain: true },
            { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Thermostat', type: 'PUBACK' }, timeoutSeconds: 5 },
            { do: 'subscribe', actor: 'Tablet', filter: 'home/heating/setpoint', qos: 1 },
          ],
          expect: [{ kind: 'received', actor: 'Tablet', payload: '22.0', count: 1, retain: true }],
        },
      ],
    },
  ],
};
