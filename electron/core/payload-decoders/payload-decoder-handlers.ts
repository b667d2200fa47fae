import protobuf from 'protobufjs';
import { bytesToBase64 } from '../../../shared/payload/preview';
import { EncodeError } from '../../../shared/payload/protobuf-writer';
import { encodeSparkplugJson } from '../../../shared/payload/sparkplug-encode';
import type { Router } from '../../ipc/router';
import type { SessionDirectory } from '../sessions/session';
import { encodeMessage } from './protobuf-encode';
import { protobufDecoders } from './protobuf-registry';
import { parseProtoFiles, ProtoParseError } from './protobuf-schema';
import { english, msg } from '../../../shared/i18n';

/** Checking .proto files for the connection form, and encoding the publisher's JSON. */
export function registerPayloadDecoderHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('protobuf.check', ({ settings }) => {
    try {
      const root = parseProtoFiles(settings.files);
      return { ok: true as const, types: messageTypeNames(root) };
    } catch (error) {
      if (error instanceof ProtoParseError) return { ok: false as const, message: error.message, text: error.text };
      throw error;
    }
  });
  router.handle('payload.encode', ({ connectionId, format, topic, json }) => {
    let input: unknown;
    try {
      input = JSON.parse(json) as unknown;
    } catch (error) {
      const text = msg('payload.encode.notJson', { detail: error instanceof Error ? error.message : String(error) });
      return { ok: false as const, message: english(text.key, text.params), text };
    }
    try {
      if (format === 'sparkplug') {
        const bytes = encodeSparkplugJson(input);
        return { ok: true as const, base64: bytesToBase64(bytes), size: bytes.length, typeName: 'Sparkplug B' };
      }
      const mapped = protobufDecoders(sessions.get(connectionId).snapshot().profile.protobuf)?.typeFor(topic);
      if (!mapped) {
        const text = msg('payload.encode.noMapping', { topic });
        return { ok: false as const, message: english(text.key, text.params), text };
      }
      const bytes = encodeMessage(mapped.type, input);
      return { ok: true as const, base64: bytesToBase64(bytes), size: bytes.length, typeName: mapped.typeName };
    } catch (error) {
      if (error instanceof ProtoParseError) return { ok: false as const, message: error.message, text: error.text };
      // An EncodeError's problem is still English only (shared/payload's encoders).
      if (error instanceof EncodeError) return { ok: false as const, message: error.message };
      throw error;
    }
  });
}

function messageTypeNames(root: protobuf.Root): string[] {
  const names: string[] = [];
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) names.push(nested.fullName.replace(/^\./, ''));
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
    }
  };
  visit(root);
  return names.sort();
}
