import type { RepeatedMessage } from '../../../shared/domain/schedule';
import { encodePublishPayload } from '../../../shared/payload/publish-payload';
import { EncodeError } from '../../../shared/payload/protobuf-writer';
import { encodeSparkplugJson } from '../../../shared/payload/sparkplug-encode';
import type { ProtobufSettings } from '../../../shared/payload/protobuf-settings';
import { encodeMessage } from '../payload-decoders/protobuf-encode';
import { protobufDecoders } from '../payload-decoders/protobuf-registry';
import { ProtoParseError } from '../payload-decoders/protobuf-schema';
import { englishOf, msg, type Message, type MessageKey, type MessageParams } from '../../../shared/i18n';

/** A send's bytes, or why its (filled-in) text cannot be sent in its format: `text` to word, `message` in English. */
export type ScheduledBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string; text: Message };

function refused(key: MessageKey, params: MessageParams): ScheduledBytes {
  const text = msg(key, params);
  return { ok: false, message: englishOf(text), text };
}

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
    // The payload reader's sentence belongs to the payload area and is carried as a detail.
    if (!encoded.ok) return refused('publish.schedulePayload.invalid', { format, detail: encoded.message });
    return { ok: true, bytes: encoded.encoding === 'base64' ? new Uint8Array(Buffer.from(encoded.payload, 'base64')) : new TextEncoder().encode(encoded.payload) };
  }
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    return refused('publish.schedulePayload.notJson', { format, detail: error instanceof Error ? error.message : String(error) });
  }
  try {
    if (format === 'sparkplug') return { ok: true, bytes: encodeSparkplugJson(input) };
    const mapped = protobufDecoders(protobuf())?.typeFor(topic);
    if (!mapped) return refused('publish.schedulePayload.noMapping', { topic });
    return { ok: true, bytes: encodeMessage(mapped.type, input) };
  } catch (error) {
    if (error instanceof EncodeError || error instanceof ProtoParseError) return refused('publish.schedulePayload.verbatim', { text: error.message });
    throw error;
  }
}
