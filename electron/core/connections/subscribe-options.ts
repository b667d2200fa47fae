import type { IClientSubscribeOptions } from 'mqtt';
import type { QoS } from '../../../shared/domain/profile';
import { setOptions } from '../../../shared/mqtt/subscription-options';
import type { SubscriptionOptions } from '../../../shared/mqtt/subscription-options';
import { userPropertiesObject } from './client-options';

/**
 * MQTT.js's subscribe options for one subscription. Only what is set is given: mqtt-packet writes a
 * bit or a property for each field present, so an unset option costs nothing on the wire.
 */
export function mqttSubscribeOptions(qos: QoS, options: SubscriptionOptions | undefined): IClientSubscribeOptions {
  const result: IClientSubscribeOptions = { qos };
  const set = setOptions(options);
  if (!set) return result;
  if (set.noLocal) result.nl = true;
  if (set.retainAsPublished) result.rap = true;
  if (set.retainHandling) result.rh = set.retainHandling;
  const properties: NonNullable<IClientSubscribeOptions['properties']> = {};
  if (set.subscriptionIdentifier !== undefined) properties.subscriptionIdentifier = set.subscriptionIdentifier;
  const userProperties = userPropertiesObject(set.userProperties ?? []);
  if (userProperties) properties.userProperties = userProperties;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}
