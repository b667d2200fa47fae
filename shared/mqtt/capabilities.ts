import type { BrokerReport } from '../domain/connection';
import type { QoS } from '../domain/profile';
import { msg, type Message } from '../i18n';

/**
 * Warnings drawn from what the broker announced in CONNACK (MQTT 5). Sending past a limit the broker
 * announced makes it close the connection (MQTT 5 §3.3.4), so the user hears it first; the publish
 * stays possible, because seeing the broker's reaction is itself worth something.
 */
export function publishWarnings(broker: BrokerReport | undefined, publish: { qos: QoS; retain: boolean; size: number }): Message[] {
  const properties = broker?.properties;
  if (!properties) return [];
  const warnings: Message[] = [];
  if (properties.maximumQoS !== undefined && publish.qos > properties.maximumQoS) {
    warnings.push(msg('mqtt.capabilities.maximumQos', { max: properties.maximumQoS, qos: publish.qos }));
  }
  if (publish.retain && properties.retainAvailable === false) {
    warnings.push(msg('mqtt.capabilities.retain'));
  }
  if (properties.maximumPacketSize !== undefined && publish.size > properties.maximumPacketSize) {
    warnings.push(msg('mqtt.capabilities.packetSize', { size: publish.size, max: properties.maximumPacketSize }));
  }
  return warnings;
}

export function subscribeWarnings(broker: BrokerReport | undefined, filter: string): Message[] {
  const properties = broker?.properties;
  if (!properties) return [];
  const warnings: Message[] = [];
  if (properties.wildcardSubscriptionAvailable === false && /[#+]/.test(filter)) {
    warnings.push(msg('mqtt.capabilities.wildcard'));
  }
  if (properties.sharedSubscriptionAvailable === false && filter.startsWith('$share/')) {
    warnings.push(msg('mqtt.capabilities.shared'));
  }
  return warnings;
}
