import { z } from 'zod';
import { ProtobufSettings } from '../payload/protobuf-settings';
import { ConnectionRef, TopicName } from '../schemas';
import type { Message } from '../i18n';

/** Requests for the schema-based payloads: checking .proto files, and encoding JSON for the publisher. */
export const payloadDecoderRequests = {
  /** Parses the files in the main process; names the file and line of what does not parse, else lists the message types. */
  'protobuf.check': {
    input: z.object({ settings: ProtobufSettings }),
    output: z.custom<{ ok: true; types: string[] } | { ok: false; message: string; text?: Message }>(),
  },
  /**
   * JSON to a Sparkplug B payload, or to the Protobuf type the connection maps the topic to. Encoded
   * in main, which holds the schemas; a problem names the field.
   */
  'payload.encode': {
    input: ConnectionRef.extend({ format: z.enum(['sparkplug', 'protobuf']), topic: TopicName, json: z.string().max(16 * 1024 * 1024) }),
    output: z.custom<{ ok: true; base64: string; size: number; typeName: string } | { ok: false; message: string; text?: Message }>(),
  },
} as const;
