import { z } from 'zod';
import { QoS } from './profile';

export const savedMessagesFormat = 'mqtt-lab.saved-messages';
export const savedMessagesVersion = 1;

const MAX_TEXT_CHARS = 16 * 1024 * 1024;
const Name = z.string().trim().min(1, 'savedMessages.document.nameNeeded').max(200);

/** The publisher's MQTT 5 fields as typed, so a saved message loads back exactly as it was. */
export const SavedPublishOptions = z.object({
  payloadFormat: z.enum(['', 'bytes', 'utf8']),
  messageExpiry: z.string().max(20),
  contentType: z.string().max(65_535),
  responseTopic: z.string().max(65_535),
  correlationData: z.string().max(131_072),
  correlationEncoding: z.enum(['text', 'hex']),
  // As typed: a row whose name is still empty is kept, the publisher says what is missing.
  userProperties: z.array(z.object({ key: z.string().max(65_535), value: z.string().max(65_535) })).max(1000),
  aliasMode: z.enum(['none', 'auto', 'manual']),
  alias: z.string().max(10),
});

/** What the publisher holds: topic, QoS, retain, the payload in its format, every MQTT 5 property, the template switch. */
export const PublisherContent = z.object({
  topic: z.string().max(65_535),
  qos: QoS,
  retain: z.boolean(),
  format: z.enum(['json', 'plaintext', 'hex', 'base64', 'empty', 'file', 'sparkplug', 'protobuf']),
  /** The text as typed; for a file, its bytes in base64. */
  payload: z.string().max(MAX_TEXT_CHARS),
  fileName: z.string().max(1000).optional(),
  template: z.boolean(),
  options: SavedPublishOptions,
});
export type PublisherContent = z.infer<typeof PublisherContent>;

export const SavedMessage = z.object({
  id: z.string().min(1).max(100),
  name: Name,
  content: PublisherContent,
});
export type SavedMessage = z.infer<typeof SavedMessage>;

export const MessageCollection = z
  .object({
    id: z.string().min(1).max(100),
    name: Name,
    /** Absent: a global collection, shown with every connection. */
    connectionId: z.string().min(1).max(100).optional(),
    messages: z.array(SavedMessage).max(10_000),
  })
  .superRefine((collection, context) => {
    const ids = new Set<string>();
    collection.messages.forEach((message, index) => {
      if (ids.has(message.id)) context.addIssue({ code: 'custom', path: ['messages', index, 'id'], message: 'savedMessages.document.idTwice', params: { id: message.id } });
      ids.add(message.id);
    });
  });
export type MessageCollection = z.infer<typeof MessageCollection>;

export const MessageCollections = z.array(MessageCollection).max(1000);
