import type { LessonInput } from '../lesson-format';

/** Lesson 14 (MQTT 5): a $share group of two workers splits the messages; one leaves, and the other gets them all. */
export const sharedSubscriptionsLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'shared-subscriptions',
  title: { en: 'Shared subscriptions (MQTT 5)', 'zh-CN': '共享订阅（MQTT 5）' },
  summary: { en: 'Normally every subscriber gets its own copy. Subscribers that share a subscription ($share/group/filter) form a group, and each message goes to one member only: a simple way to spread work.', 'zh-CN': '通常每个订阅者都会收到一份自己的副本。共享同一个订阅（$share/group/filter）的订阅者组成一个组，每条消息只发给其中一个成员：这是分配工作的一种简单方法。' },
  actors: [
    { name: 'Shop', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker A', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker B', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: { en: 'Two workers join one group', 'zh-CN': '两个 Worker 加入同一个组' },
      narration: { en: 'Worker A and Worker B both subscribe to $share/packers/shop/orders: the group "packers", on the topic shop/orders. The broker treats the group as one subscriber.', 'zh-CN': 'Worker A 和 Worker B 都订阅了 $share/packers/shop/orders：组名为 "packers"，主题为 shop/orders。Broker 把这个组当作一个订阅者看待。' },
      actions: [
        { do: 'connect', actor: 'Shop' },
        { do: 'connect', actor: 'Worker A' },
        { do: 'connect', actor: 'Worker B' },
        { do: 'subscribe', actor: 'Worker A', filter: '$share/packers/shop/orders', qos: 1 },
        { do: 'subscribe', actor: 'Worker B', filter: '$share/packers/shop/orders', qos: 1 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Worker A', type: 'SUBACK', count: 1, reasonCode: 1 },
        { kind: 'packet', from: 'broker', to: 'Worker B', type: 'SUBACK', count: 1, reasonCode: 1 },
      ],
    },
    {
      title: { en: 'Each order goes to one worker', 'zh-CN': '每个订单只发给一个 Worker' },
      narration: { en: 'The Shop publishes six orders. Each goes to exactly one member of the group, so the two workers split them; nobody packs an order twice.', 'zh-CN': 'Shop 发布了六个订单。每个订单只发给组里的一个成员，所以两个 Worker 把订单分了；没有哪个订单会被打包两次。' },
      actions: [
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 1', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 2', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 3', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 4', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 5', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 6', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 6 }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'received', actor: 'Worker A', topic: 'shop/orders', atLeast: 1, atMost: 5, says: { en: 'Worker A received {count} of the orders: {payloads}.', 'zh-CN': 'Worker A 收到了其中 {count} 个订单：{payloads}。' } },
        { kind: 'received', actor: 'Worker B', topic: 'shop/orders', atLeast: 1, atMost: 5, says: { en: 'Worker B received {count} of the orders: {payloads}.', 'zh-CN': 'Worker B 收到了其中 {count} 个订单：{payloads}。' } },
        { kind: 'received-by-one', actors: ['Worker A', 'Worker B'], topic: 'shop/orders', count: 6, says: { en: 'Each of the {count} orders went to exactly one worker ({split}): none was packed twice.', 'zh-CN': '{count} 个订单中的每一个都只发给了一个 Worker（{split}）：没有哪个被打包两次。' } },
      ],
    },
    {
      title: { en: 'One worker leaves; the other gets them all', 'zh-CN': '一个 Worker 离开，另一个接下全部订单' },
      narration: { en: 'Worker A unsubscribes (it is going on a break). The group goes on with one member: the next three orders all go to Worker B. Nothing is lost.', 'zh-CN': 'Worker A 取消订阅（它要去休息一下）。这个组只剩一个成员继续工作：接下来的三个订单都发给了 Worker B。什么也没有丢失。' },
      actions: [
        { do: 'unsubscribe', actor: 'Worker A', filter: '$share/packers/shop/orders' },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 7', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 8', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 9', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 3 }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Worker A', type: 'UNSUBACK', count: 1 },
        { kind: 'received', actor: 'Worker B', topic: 'shop/orders', count: 3, says: { en: 'Worker B received all {count} orders: {payloads}.', 'zh-CN': 'Worker B 收到了全部 {count} 个订单：{payloads}。' } },
        { kind: 'received', actor: 'Worker A', count: 0 },
      ],
      tryIt: [
        {
          label: { en: 'Worker A rejoins; publish four orders', 'zh-CN': 'Worker A 重新加入；发布四个订单' },
          actions: [
            { do: 'subscribe', actor: 'Worker A', filter: '$share/packers/shop/orders', qos: 1 },
            { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 10', qos: 1 },
            { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 11', qos: 1 },
            { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 12', qos: 1 },
            { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 13', qos: 1 },
            { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 4 }, timeoutSeconds: 5 },
          ],
          expect: [{ kind: 'received-by-one', actors: ['Worker A', 'Worker B'], topic: 'shop/orders', count: 4 }],
        },
      ],
    },
  ],
};
