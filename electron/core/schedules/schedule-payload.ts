import type { RepeatedMessage } from '../../../shared/domain/schedule';
import { encodePublishPayload } from '../../../shared/payload/publish-payload';
import { EncodeError } from '../../../shared/payload/protobuf-writer';
import { encodeSparkplugJson } from '../../../shared/payload/sparkplug-encode';
import type { ProtobufSettings } from '../../../shared/payload/protobuf-settings';
import { encodeMessage } from '../payload-decoders/protobuf-encode';
import { protobufDecoders } from '../payload-decoders/protobuf-registry';
import { ProtoParseError } from '../payload-decoders/protobuf-schema';

/** A send's bytes, or why its (filled-in) text cannot be sent in its format. */
export type ScheduledBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Encodes one send's payload. Sparkplug B and Protobuf are written from the JSON text here, in main,
 * at each send, as the publisher's `payload.encode` does: a template fills in the JSON, and the
 * Protobuf type is the one the connection maps the send's topic to (its settings read afresh, so an
 * edited mapping applies to the next send).
 */
export function encodeScheduledPayload(message: Pick<RepeatedMessage, 'format'>, topic: string, text: string, protobuf: () => ProtobufSettings | undefined): ScheduledBytes {
  const format = message.format;
  if (format !== 'sparkplug' && format !== 'protobuf') {
    const encoded = encodePublishPayload(format, text);
    if (!encoded.ok) return { ok: false, message: `not valid ${format}: ${encoded.message}` };
    return { ok: true, bytes: encoded.encoding === 'base64' ? new Uint8Array(Buffer.from(encoded.payload, 'base64')) : new TextEncoder().encode(encoded.payload) };
  }
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, message: `not JSON, which ${format === 'sparkplug' ? 'Sparkplug B' : 'Protobuf'} is written from: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    if (format === 'sparkplug') return { ok: true, bytes: encodeSparkplugJson(input) };
    const mapped = protobufDecoders(protobuf())?.typeFor(topic);
    if (!mapped) return { ok: false, message: `no Protobuf mapping of this connection matches the topic ${topic}` };
    return { ok: true, bytes: encodeMessage(mapped.type, input) };
  } catch (error) {
    if (error instanceof EncodeError || error instanceof ProtoParseError) return { ok: false, message: error.message };
    throw error;
  }
}
