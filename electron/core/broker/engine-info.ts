import type { BrokerEngine } from '../../../shared/domain/broker';
import { aedesVersion } from './aedes-internals';
import { TOPIC_ALIAS_MAXIMUM } from './running-broker';
import { MAX_PACKET_SIZE, MAX_UNRELEASED_QOS2 } from './wire/aedes2-workarounds';

/** What the user should know about the engine before testing against it. */
export function aedesEngine(): BrokerEngine {
  return {
    name: 'aedes',
    version: aedesVersion(),
    protocols: ['3.1', '3.1.1', '5.0'],
    notes: [
      'MQTT 5: shared subscriptions ($share/{group}/{filter}, also for 3.1.1 clients) are the broker\'s own, beside aedes: each message goes to one connected member of each group in turn, at that member\'s QoS; no retained messages are sent on a shared subscribe; a member whose session ends with QoS 1/2 messages unacknowledged has them given to another member (mosquitto 2.0.11 drops them). A member away with a kept session takes its turn and gets QoS 1/2 messages queued, as with mosquitto.',
      'Overlapping subscriptions of one client each deliver their own copy, with their own QoS and subscription identifier, as mosquitto 2.0.11 does.',
      "A delivery's DUP flag says only whether the broker is sending it again, as the spec requires (aedes copied the publisher's DUP and never set it on a resend; the broker's own layer fixes both).",
      "MQTT 5: the client's Receive Maximum, Maximum Packet Size and Topic Alias Maximum are kept: deliveries beyond its Receive Maximum wait for its acknowledgements, a message larger than its Maximum Packet Size is not sent to it (the broker log says so), and the first topics sent to it get a topic alias each (mosquitto sends none).",
      `MQTT 5: clients may use up to ${TOPIC_ALIAS_MAXIMUM} topic aliases towards the broker, as with mosquitto; a client that asks for Response Information gets the topic prefix response/{client id}/ (mosquitto gives none).`,
      "Still aedes' own: a delivery is lowered to the QoS of the client's subscription whose filter is the topic itself, if it has one, even when it comes through a wildcard or shared subscription granted a higher QoS. A PUBACK says 0x00 where mosquitto says 0x10 (no matching subscribers), which the spec allows.",
      'MQTT 5: no enhanced authentication (AUTH packets).',
      'QoS 0, 1 and 2, retained messages, wills and persistent sessions work; they are kept in memory, so stopping the broker forgets them.',
      'A QoS 2 message is forwarded to subscribers when its PUBLISH arrives, before PUBREC (mosquitto forwards on PUBREL).',
      `A client may leave at most ${MAX_UNRELEASED_QOS2} QoS 2 messages awaiting PUBREL; more and it is disconnected (MQTT 5: DISCONNECT 0x93). MQTT 5 clients are told the limit as the CONNACK's Receive Maximum.`,
      `A packet from a client may be at most ${MAX_PACKET_SIZE / (1024 * 1024)} MiB (MQTT 5 clients are told so as the CONNACK's Maximum Packet Size); one announcing more is refused from its header and the client disconnected (MQTT 5: DISCONNECT 0x95).`,
      'Client ids of up to 23 characters are accepted for MQTT 3.1; an empty id gets one assigned (aedes_…; MQTT 5 clients are told it in CONNACK).',
    ],
  };
}
