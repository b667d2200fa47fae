import { generate } from 'mqtt-packet';
import type { IPublishPacket } from 'mqtt-packet';
import type { TopicAliasUse } from '../../../shared/domain/message';

const NO_PAYLOAD = Buffer.alloc(0);

function varintBytes(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
}

/** Bytes after the fixed header, payload left out: topic, packet id and properties. */
function headerFieldsBytes(packet: IPublishPacket): number {
  const total = generate({ ...packet, payload: NO_PAYLOAD }, { protocolVersion: 5 }).length;
  // total = 1 + varintBytes(fields) + fields
  for (let length = 1; length <= 4; length++) if (varintBytes(total - 1 - length) === length) return total - 1 - length;
  return total - 2;
}

function packetBytes(fields: number, payload: number): number {
  return 1 + varintBytes(fields + payload) + fields + payload;
}

/**
 * Which form a PUBLISH with a Topic Alias took and what it saved against the same PUBLISH with its
 * topic in full and no alias, counted exactly (both lengths' variable-byte encodings included).
 * undefined for a PUBLISH without an alias.
 */
export function topicAliasUse(packet: IPublishPacket, fullTopic: string): TopicAliasUse | undefined {
  const alias = packet.properties?.topicAlias;
  if (alias === undefined) return undefined;
  const payloadBytes = typeof packet.payload === 'string' ? Buffer.byteLength(packet.payload) : packet.payload.byteLength;
  const { topicAlias: _alias, ...others } = packet.properties ?? {};
  const plain: IPublishPacket = { ...packet, topic: fullTopic, properties: others };
  const sent = packetBytes(headerFieldsBytes(packet), payloadBytes);
  const full = packetBytes(headerFieldsBytes(plain), payloadBytes);
  return { alias, form: packet.topic.length === 0 ? 'alias-only' : 'topic-and-alias', bytesSaved: full - sent };
}
