import type protobuf from 'protobufjs';
import { topicMatches } from '../../../shared/mqtt/topics';
import type { JsonValue } from '../../../shared/payload/decoded-value';
import type { ProtobufSettings } from '../../../shared/payload/protobuf-settings';
import { decodeMessage, lookupMessageType, parseProtoFiles } from './protobuf-schema';

export interface MappedType {
  filter: string;
  typeName: string;
  type: protobuf.Type;
  decode(bytes: Uint8Array): JsonValue;
}

export interface ProtobufDecoders {
  /** The type of the first mapping whose filter matches; undefined when none does. Throws when the schema does not parse. */
  typeFor(topic: string): MappedType | undefined;
}

/**
 * Parsed schemas, one per settings object: a profile's settings are replaced, never changed in place,
 * so a new object means new files, and parsing happens once per edit, not once per message.
 */
const compiled = new WeakMap<ProtobufSettings, { root?: protobuf.Root; error?: unknown }>();

export function protobufDecoders(settings: ProtobufSettings | undefined): ProtobufDecoders | undefined {
  if (!settings || settings.mappings.length === 0) return undefined;
  return {
    typeFor(topic) {
      const mapping = settings.mappings.find((candidate) => topicMatches(candidate.filter, topic));
      if (!mapping) return undefined;
      let entry = compiled.get(settings);
      if (!entry) {
        try {
          entry = { root: parseProtoFiles(settings.files) };
        } catch (error) {
          entry = { error };
        }
        compiled.set(settings, entry);
      }
      if (!entry.root) throw entry.error;
      const type = lookupMessageType(entry.root, mapping.type);
      return { filter: mapping.filter, typeName: mapping.type, type, decode: (bytes) => decodeMessage(type, bytes) };
    },
  };
}
