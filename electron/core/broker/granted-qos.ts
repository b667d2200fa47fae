import type { AedesPublishPacket, Client } from 'aedes';
import { topicMatches } from '../../../shared/mqtt/topics';
import { lowestGrantedQos, subscriptionsOf } from './aedes-internals';

/**
 * aedes 1.2 caps a delivery at the subscription's granted QoS only when the topic equals the filter
 * (it looks the topic up as a key), so a `lab/#` subscription granted QoS 1 receives QoS 2 messages,
 * against MQTT-3.8.4-6. Its authorizeForward hook sees every delivery before the QoS flow is set up,
 * so capping the QoS there gives a spec-correct flow that aedes then tracks as its own.
 */
export function capAtGrantedQos(client: Client, packet: AedesPublishPacket): AedesPublishPacket {
  // Asked for every delivery: when no subscription of the client was granted less than this QoS,
  // nothing can cap it, and matching each filter (with a list made per delivery) is skipped.
  if (packet.qos === 0 || lowestGrantedQos(client) >= packet.qos) return packet;
  let granted = -1;
  for (const subscription of subscriptionsOf(client)) {
    if (subscription.qos > granted && topicMatches(subscription.filter, packet.topic)) granted = subscription.qos;
  }
  // No matching subscription: a delivery aedes makes for its own reasons (none today); leave it alone.
  if (granted < 0 || granted >= packet.qos) return packet;
  return { ...packet, qos: granted as AedesPublishPacket['qos'] };
}
