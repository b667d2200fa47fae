import type { IPublishPacket } from 'mqtt-packet';
import type { PublishProperties } from '../../../shared/mqtt/publish-options';
import { correlationBytes } from '../../../shared/mqtt/publish-options';

type PacketProperties = NonNullable<IPublishPacket['properties']>;

/**
 * The user's PUBLISH properties as MQTT.js sends them, each only when set.
 *
 * User properties go as an array of one-pair objects, not as MQTT.js's documented Record of
 * name → value or values: mqtt-packet writes a property whose value is an array one element at a
 * time, in order, and a Record would group a repeated name's values together (a=1, b=2, a=3 would
 * go out as a=1, a=3, b=2). So every pair goes on the wire exactly in the order the user gave,
 * repeats included. The same path encodes repeated Subscription Identifiers in mqtt-packet.
 */
export function packetProperties(properties: PublishProperties | undefined, topicAlias: number | undefined): PacketProperties | undefined {
  const result: PacketProperties = {};
  if (properties) {
    if (properties.payloadFormatIndicator !== undefined) result.payloadFormatIndicator = properties.payloadFormatIndicator;
    if (properties.messageExpiryInterval !== undefined) result.messageExpiryInterval = properties.messageExpiryInterval;
    if (properties.contentType !== undefined) result.contentType = properties.contentType;
    if (properties.responseTopic !== undefined) result.responseTopic = properties.responseTopic;
    if (properties.correlationData !== undefined) {
      const read = correlationBytes(properties.correlationData.value, properties.correlationData.encoding);
      // The contract has checked it; a value that cannot be read is not sent rather than sent wrong.
      if (read.ok) result.correlationData = Buffer.from(read.bytes);
    }
    if (properties.userProperties && properties.userProperties.length > 0) {
      const pairs = properties.userProperties.map(({ key, value }) => {
        // No prototype: a name such as "__proto__" or "constructor" must be an own property like any other.
        const pair = Object.create(null) as Record<string, string>;
        pair[key] = value;
        return pair;
      });
      result.userProperties = pairs as unknown as PacketProperties['userProperties'];
    }
  }
  if (topicAlias !== undefined) result.topicAlias = topicAlias;
  return Object.keys(result).length > 0 ? result : undefined;
}
