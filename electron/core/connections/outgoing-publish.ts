import type { IPublishPacket } from 'mqtt-packet';
import type { TopicAliasUse } from '../../../shared/domain/message';
import type { ProtocolVersion, QoS } from '../../../shared/domain/profile';
import type { PublishOptions } from '../../../shared/mqtt/publish-options';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { topicAliasUse } from '../messages/topic-alias-use';
import type { OutgoingTopicAliases } from './outgoing-topic-aliases';
import { packetProperties } from './publish-packet-properties';

/** The topic field and properties one PUBLISH goes out with, and how it used an alias. */
export interface OutgoingPublish {
  topic: string;
  properties?: IPublishPacket['properties'];
  aliasUse?: TopicAliasUse;
}

/** Properties and aliases exist only in MQTT 5; on 3.1.1 they are refused, not silently left out. */
export function checkOptionsFitVersion(options: PublishOptions | undefined, protocolVersion: ProtocolVersion): void {
  if (protocolVersion === 5 || !options) return;
  if (options.properties || options.topicAlias) {
    throw new AppError('invalid_input', msg('connections.error.v5Only'));
  }
}

/**
 * Decides the topic field (in full, or empty for an alias alone) and the properties of a PUBLISH
 * about to be handed to MQTT.js on the current network connection. `fallBackToTopic`: a message from
 * the offline queue whose alias the broker of the new connection no longer accepts goes with its
 * topic in full rather than not at all; a publish asked for now is refused with the reason instead.
 */
export function outgoingPublish(
  message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean },
  options: PublishOptions | undefined,
  aliases: OutgoingTopicAliases,
  fallBackToTopic = false,
): OutgoingPublish {
  let aliased: ReturnType<OutgoingTopicAliases['choose']> | undefined;
  if (options?.topicAlias) {
    try {
      aliased = aliases.choose(message.topic, options.topicAlias);
    } catch (error) {
      if (!fallBackToTopic) throw error;
    }
  }
  const properties = packetProperties(options?.properties, aliased?.alias);
  const outgoing: OutgoingPublish = { topic: aliased?.topic ?? message.topic };
  if (properties) outgoing.properties = properties;
  if (aliased) {
    const packet: IPublishPacket = {
      cmd: 'publish',
      topic: aliased.topic,
      payload: Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength),
      qos: message.qos,
      retain: message.retain,
      dup: false,
      ...(message.qos > 0 ? { messageId: 1 } : {}),
      ...(properties ? { properties } : {}),
    };
    const use = topicAliasUse(packet, message.topic);
    if (use) outgoing.aliasUse = use;
  }
  return outgoing;
}
