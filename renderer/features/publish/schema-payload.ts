import type { EncodedPayload } from '../../../shared/payload/publish-payload';
import { api } from '../../api';

/** Publisher formats whose JSON is encoded in the main process, which holds the schemas. */
export const schemaFormats = ['sparkplug', 'protobuf'] as const;
export type SchemaFormat = (typeof schemaFormats)[number];

export function isSchemaFormat(format: string): format is SchemaFormat {
  return (schemaFormats as readonly string[]).includes(format);
}

/** The bytes to publish, or the problem naming the field. */
export async function encodeSchemaPayload(connectionId: string, format: SchemaFormat, topic: string, json: string): Promise<EncodedPayload & { typeName?: string }> {
  const result = await api.invoke('payload.encode', { connectionId, format, topic, json });
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, payload: result.base64, encoding: 'base64', size: result.size, typeName: result.typeName };
}
