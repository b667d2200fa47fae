import type { LessonInput } from '../lesson-format';

/** Lesson 14 (MQTT 5): a $share group of two workers splits the messages; one leaves, and the other gets them all. */
export const sharedSubscriptionsLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'shared-subscriptions',
  title: 'Shared subscriptions (MQTT 5)',
  summary: 'Normally every subscriber gets its own copy. Subscribers that share a subscription ($share/group/filter) form a group, and each message goes to one member only: a simple way to spread work.',
  actors: [
    { name: 'Shop', protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker A', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
    { name: 'Worker B', properNoun: true, protocolVersion: 5, keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Two workers join one group',
      narration: 'Worker A and Worker B both subscribe to $share/packers/shop/orders: the group "packers", on the topic shop/orders. The broker treats the group as one subscriber.',
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
      title: 'Each order goes to one worker',
      narration: 'The Shop publishes six orders. Each goes to exactly one member of the group, so the two workers split them; nobody packs an order twice.',
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
        { kind: 'received', actor: 'Worker A', topic: 'shop/orders', atLeast: 1, atMost: 5, says: 'Worker A received {count} of the orders: {payloads}.' },
        { kind: 'received', actor: 'Worker B', topic: 'shop/orders', atLeast: 1, atMost: 5, says: 'Worker B received {count} of the orders: {payloads}.' },
        { kind: 'received-by-one', actors: ['Worker A', 'Worker B'], topic: 'shop/orders', count: 6, says: 'Each of the {count} orders went to exactly one worker ({split}): none was packed twice.' },
      ],
    },
    {
      title: 'One worker leaves; the other gets them all',
      narration: 'Worker A unsubscribes (it is going on a break). The group goes on with one member: the next three orders all go to Worker B. Nothing is lost.',
      actions: [
        { do: 'unsubscribe', actor: 'Worker A', filter: '$share/packers/shop/orders' },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 7', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 8', qos: 1 },
        { do: 'publish', actor: 'Shop', topic: 'shop/orders', payload: 'order 9', qos: 1 },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Shop', type: 'PUBACK', count: 3 }, timeoutSeconds: 5 },
      ],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Worker A', type: 'UNSUBACK', count: 1 },
        { kind: 'received', actor: 'Worker B', topic: 'shop/orders', count: 3, says: 'Worker B received all {count} orders: {payloads}.' },
        { kind: 'received', actor: 'Worker A', count: 0 },
      ],
      tryIt: [
        {
          label: 'Worker A rejoins; publish four orders',
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
