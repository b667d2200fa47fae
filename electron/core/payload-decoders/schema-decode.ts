import type { Direction } from '../../../shared/domain/message';
import { DecodeError, type JsonValue } from '../../../shared/payload/decoded-value';
import type { SchemaDecoded } from '../../../shared/payload/schema-decoded';
import { parseSparkplugTopic } from '../../../shared/payload/sparkplug-topic';
import type { MessageStore } from '../messages/message-store';
import type { ProtobufSettings } from '../../../shared/payload/protobuf-settings';
import { protobufDecoders, type MappedType } from './protobuf-registry';
import { attachSparkplugFeed } from './sparkplug-feed';

/** Decoding builds a JSON tree several times the payload's size; beyond this the hex view is the way. */
export const MAX_SCHEMA_DECODE_BYTES = 8 * 1024 * 1024;

export interface SchemaDecodedJson {
  format: SchemaDecoded['format'];
  label: string;
  json?: JsonValue;
  error?: string;
  notes: string[];
}

/**
 * A stored message decoded by the schema its topic calls for: Sparkplug B under spBv1.0/, else the
 * Protobuf type the session maps its topic to; undefined when neither applies. Never throws: a
 * payload that does not decode comes back with an error naming the byte.
 */
export function decodeStoredWithSchema(protobufSettings: ProtobufSettings | undefined, store: MessageStore, messageId: number, topic: string, direction: Direction, payload: Uint8Array): SchemaDecodedJson | undefined {
  const isSparkplug = parseSparkplugTopic(topic) !== undefined;
  let protobuf: MappedType | undefined;
  if (!isSparkplug) {
    try {
      protobuf = protobufDecoders(protobufSettings)?.typeFor(topic);
    } catch (error) {
      return { format: 'protobuf', label: 'Protobuf', error: `The .proto files of this connection do not parse: ${error instanceof Error ? error.message : String(error)}`, notes: [] };
    }
  }
  if (!isSparkplug && !protobuf) return undefined;
  const format = isSparkplug ? 'sparkplug' : 'protobuf';
  const label = isSparkplug ? 'Sparkplug B' : `Protobuf ${protobuf?.typeName ?? ''}`;
  if (payload.byteLength > MAX_SCHEMA_DECODE_BYTES) {
    return { format, label, error: `The payload is ${payload.byteLength} bytes; ${label} decoding stops at ${MAX_SCHEMA_DECODE_BYTES}. The hex view shows it.`, notes: [] };
  }
  try {
    if (isSparkplug) {
      const { json, notes } = attachSparkplugFeed(store).bookFor(direction).describe(messageId, topic, payload);
      return { format, label, json, notes };
    }
    if (!protobuf) return undefined;
    return { format, label, json: protobuf.decode(payload), notes: [`Decoded as ${protobuf.typeName}, mapped from the filter ${protobuf.filter}.`] };
  } catch (error) {
    return { format, label, error: `Not ${label}: ${error instanceof DecodeError || error instanceof Error ? error.message : String(error)}.`, notes: [] };
  }
}

export function toSchemaDecoded(decoded: SchemaDecodedJson): SchemaDecoded {
  const out: SchemaDecoded = { format: decoded.format, label: decoded.label, notes: decoded.notes };
  if (decoded.json !== undefined) out.text = JSON.stringify(decoded.json, null, 2);
  if (decoded.error !== undefined) out.error = decoded.error;
  return out;
}
