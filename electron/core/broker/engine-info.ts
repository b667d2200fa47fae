import type { BrokerEngine } from '../../../shared/domain/broker';
import { aedesVersion } from './aedes-internals';

/** What the user should know about the engine before testing against it. */
export function aedesEngine(): BrokerEngine {
  return {
    name: 'aedes',
    version: aedesVersion(),
    protocols: ['3.1', '3.1.1'],
    notes: [
      'MQTT 5 clients are refused with CONNACK 1 (unacceptable protocol version); connect with MQTT 3.1.1.',
      'QoS 0, 1 and 2, retained messages, wills and persistent sessions work; they are kept in memory, so stopping the broker forgets them.',
      'A QoS 2 message is forwarded to subscribers when its PUBLISH arrives, before PUBREC (mosquitto forwards on PUBREL).',
      'Client ids of up to 23 characters are accepted for MQTT 3.1; an empty id with clean session gets one assigned (aedes_…).',
    ],
  };
}
