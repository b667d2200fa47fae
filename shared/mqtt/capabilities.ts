import type { BrokerReport } from '../domain/connection';
import type { QoS } from '../domain/profile';

/**
 * Warnings drawn from what the broker announced in CONNACK (MQTT 5). Sending past a limit the broker
 * announced makes it close the connection (MQTT 5 §3.3.4), so the user hears it first; the publish
 * stays possible, because seeing the broker's reaction is itself worth something.
 */
export function publishWarnings(broker: BrokerReport | undefined, publish: { qos: QoS; retain: boolean; size: number }): string[] {
  const properties = broker?.properties;
  if (!properties) return [];
  const warnings: string[] = [];
  if (properties.maximumQoS !== undefined && publish.qos > properties.maximumQoS) {
    warnings.push(`The broker accepts at most QoS ${properties.maximumQoS} (CONNACK Maximum QoS). A QoS ${publish.qos} publish makes it disconnect with "QoS not supported" (0x9B).`);
  }
  if (publish.retain && properties.retainAvailable === false) {
    warnings.push('The broker does not support retained messages (CONNACK Retain Available = 0). A retained publish makes it disconnect with "retain not supported" (0x9A).');
  }
  if (properties.maximumPacketSize !== undefined && publish.size > properties.maximumPacketSize) {
    warnings.push(`The payload alone is ${publish.size} bytes, more than the broker's maximum packet size of ${properties.maximumPacketSize} bytes.`);
  }
  return warnings;
}

export function subscribeWarnings(broker: BrokerReport | undefined, filter: string): string[] {
  const properties = broker?.properties;
  if (!properties) return [];
  const warnings: string[] = [];
  if (properties.wildcardSubscriptionAvailable === false && /[#+]/.test(filter)) {
    warnings.push('The broker does not support wildcard subscriptions (CONNACK Wildcard Subscription Available = 0).');
  }
  if (properties.sharedSubscriptionAvailable === false && filter.startsWith('$share/')) {
    warnings.push('The broker does not support shared subscriptions (CONNACK Shared Subscription Available = 0).');
  }
  return warnings;
}
