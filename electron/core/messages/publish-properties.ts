import type { MessageProperties, UserProperty } from '../../../shared/domain/message';
import { hexString } from '../../../shared/payload/decoded-value';

/** The PUBLISH properties as mqtt-packet parses them: a repeated property becomes an array. */
interface ParsedPublishProperties {
  payloadFormatIndicator?: boolean | number;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  /** A Record as parsed; an array of one-pair objects as we send them (publish-packet-properties.ts). */
  userProperties?: Record<string, string | string[]> | Record<string, string>[];
  subscriptionIdentifier?: number | number[];
  topicAlias?: number;
}

/**
 * MQTT 5 PUBLISH properties as typed, JSON-safe values: correlation data becomes hex, user
 * properties a list of pairs (a repeated key keeps every value), subscription identifiers a list.
 * Returns undefined when there are none, which is the common case and then costs nothing to store.
 */
export function messageProperties(properties: object | undefined): MessageProperties | undefined {
  if (!properties) return undefined;
  const parsed = properties as ParsedPublishProperties;
  const result: MessageProperties = {};
  if (parsed.payloadFormatIndicator !== undefined) result.payloadFormatIndicator = Boolean(parsed.payloadFormatIndicator);
  if (parsed.messageExpiryInterval !== undefined) result.messageExpiryInterval = parsed.messageExpiryInterval;
  if (parsed.contentType !== undefined) result.contentType = parsed.contentType;
  if (parsed.responseTopic !== undefined) result.responseTopic = parsed.responseTopic;
  if (parsed.correlationData instanceof Uint8Array) result.correlationDataHex = hexString(parsed.correlationData);
  if (parsed.userProperties) {
    const pairs: UserProperty[] = [];
    const groups = Array.isArray(parsed.userProperties) ? parsed.userProperties : [parsed.userProperties];
    for (const group of groups) {
      for (const [key, value] of Object.entries(group)) {
        for (const one of Array.isArray(value) ? value : [value]) pairs.push({ key, value: String(one) });
      }
    }
    if (pairs.length > 0) result.userProperties = pairs;
  }
  if (parsed.subscriptionIdentifier !== undefined) {
    result.subscriptionIdentifiers = Array.isArray(parsed.subscriptionIdentifier) ? [...parsed.subscriptionIdentifier] : [parsed.subscriptionIdentifier];
  }
  if (parsed.topicAlias !== undefined) result.topicAlias = parsed.topicAlias;
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * The topic aliases a broker set on this connection. The packet tap sees a PUBLISH before MQTT.js
 * resolves its alias, so a PUBLISH that carries only an alias arrives here with an empty topic;
 * this map gives it back its topic. Aliases live for one network connection (MQTT 5, 3.3.2.3.4).
 */
export class ReceivedTopicAliases {
  private readonly topics = new Map<number, string>();

  /** The topic the packet stands for, learning the alias when the packet names both. */
  resolve(topic: string, alias: number | undefined): string {
    if (alias === undefined) return topic;
    if (topic.length > 0) {
      this.topics.set(alias, topic);
      return topic;
    }
    return this.topics.get(alias) ?? topic;
  }

  /** Whether the sender set up this alias on the connection (a PUBLISH with both topic and alias). */
  has(alias: number): boolean {
    return this.topics.has(alias);
  }

  clear(): void {
    this.topics.clear();
  }
}
