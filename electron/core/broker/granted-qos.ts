import type { Aedes, AedesPublishPacket, Client } from 'aedes';
import { topicMatches } from '../../../shared/mqtt/topics';
import { grantedQosOf, subscriptionsOf } from './aedes-internals';

type DeliverFunction = (packet: AedesPublishPacket, callback: () => void) => void;

/**
 * The subscription whose delivery is being decided. aedes calls a subscription's deliver function,
 * which calls authorizeForward synchronously before anything else, so a value set around that call
 * is seen by capAtGrantedQos for exactly that delivery (no per-message allocation).
 */
let deliveringFilter: string | undefined;
let deliveringQos = -1;

/**
 * aedes 1.2 caps a delivery at the subscription's granted QoS only when the topic equals the filter
 * (it looks the topic up as a key), so a `lab/#` subscription granted QoS 1 receives QoS 2 messages,
 * against MQTT-3.8.4-6. Its authorizeForward hook sees every delivery before the QoS flow is set up,
 * so capping the QoS there gives a spec-correct flow that aedes then tracks as its own. Each
 * overlapping subscription delivers its own copy (see deliverPerSubscription), capped at its own QoS.
 */
export function capAtGrantedQos(client: Client, packet: AedesPublishPacket): AedesPublishPacket {
  if (packet.qos === 0) return packet;
  let granted = deliveringQos;
  if (granted < 0 && deliveringFilter !== undefined) granted = grantedQosOf(client, deliveringFilter);
  if (granted < 0) {
    // Not through a subscription we know (a retained message on subscribe): the highest matching one.
    for (const subscription of subscriptionsOf(client)) {
      if (subscription.qos > granted && topicMatches(subscription.filter, packet.topic)) granted = subscription.qos;
    }
  }
  // No matching subscription: a delivery aedes makes for its own reasons (none today); leave it alone.
  if (granted < 0 || granted >= packet.qos) return packet;
  return { ...packet, qos: granted as AedesPublishPacket['qos'] };
}

/** Runs a delivery made outside aedes' subscriptions (a shared one), capped at `qos`. */
export function deliverWithGrantedQos(qos: number, deliver: () => void): void {
  deliveringQos = qos;
  try {
    deliver();
  } finally {
    deliveringQos = -1;
  }
}

/**
 * Overlapping subscriptions of one client: mosquitto 2.0.11 sends one copy per matching subscription,
 * each at that subscription's QoS and with its own subscription identifier (MQTT-3.3.4-3 allows it,
 * and then requires each copy to carry its own identifier). aedes 2.0.0-beta.1 calls each
 * subscription's deliver function but drops every call after the first as a duplicate (by the
 * message's broker counter, meant for clusters, which the built-in broker is not), so the client
 * gets one copy with one identifier. hardenBroker makes the duplicate check remember nothing, and each deliver
 * function says which filter delivers. Call once, right after creating the broker.
 */
export function deliverPerSubscription(broker: Aedes): void {
  const wrapped = new WeakMap<DeliverFunction, DeliverFunction>();
  const wrap = (filter: string, deliver: DeliverFunction): DeliverFunction => {
    let found = wrapped.get(deliver);
    if (!found) {
      found = (packet, callback) => {
        deliveringFilter = filter;
        try {
          deliver(packet, callback);
        } finally {
          deliveringFilter = undefined;
        }
      };
      wrapped.set(deliver, found);
    }
    return found;
  };
  const subscribe = broker.subscribe.bind(broker);
  const unsubscribe = broker.unsubscribe.bind(broker);
  broker.subscribe = (topic, deliver, done) => subscribe(topic, wrap(topic, deliver), done);
  broker.unsubscribe = (topic, deliver, done) => unsubscribe(topic, wrapped.get(deliver) ?? deliver, done);
}
