import type { BrokerEngine } from '../../../shared/domain/broker';
import { aedesVersion } from './aedes-internals';
import { MAX_PACKET_SIZE, MAX_UNRELEASED_QOS2 } from './wire/aedes2-workarounds';

/** What the user should know about the engine before testing against it. */
export function aedesEngine(): BrokerEngine {
  return {
    name: 'aedes',
    version: aedesVersion(),
    protocols: ['3.1', '3.1.1', '5.0'],
    notes: [
      'MQTT 5: shared subscriptions ($share/…) are refused with SUBACK 0x9E (shared subscriptions not supported).',
      'MQTT 5: no enhanced authentication (AUTH packets), and no topic aliases towards clients (aliases from clients are understood).',
      "MQTT 5: the client's Receive Maximum and Maximum Packet Size are not enforced: more messages, or larger ones, may be sent than it allows.",
      'Overlapping subscriptions deliver a message once, with one subscription identifier, not once per matching subscription.',
      'QoS 0, 1 and 2, retained messages, wills and persistent sessions work; they are kept in memory, so stopping the broker forgets them.',
      'A QoS 2 message is forwarded to subscribers when its PUBLISH arrives, before PUBREC (mosquitto forwards on PUBREL).',
      `A client may leave at most ${MAX_UNRELEASED_QOS2} QoS 2 messages awaiting PUBREL; more and it is disconnected (MQTT 5: DISCONNECT 0x93). MQTT 5 clients are told the limit as the CONNACK's Receive Maximum.`,
      `A packet from a client may be at most ${MAX_PACKET_SIZE / (1024 * 1024)} MiB (MQTT 5 clients are told so as the CONNACK's Maximum Packet Size); one announcing more is refused from its header and the client disconnected (MQTT 5: DISCONNECT 0x95).`,
      'Client ids of up to 23 characters are accepted for MQTT 3.1; an empty id gets one assigned (aedes_…; MQTT 5 clients are told it in CONNACK).',
    ],
  };
}
