/** Requests of the message detail: slices of a large payload, and the message to compare with. */
import { z } from 'zod';
import { MAX_PAYLOAD_SLICE_BYTES } from '../domain/message';
import { ConnectionRef } from '../schemas';

const MessageRef = ConnectionRef.extend({ messageId: z.number().int().min(1) });

export const messageViewRequests = {
  /**
   * Bytes [offset, offset + length) of a stored payload, cut at its end. `message.get` sends only the
   * head of a large payload; the views page through the rest with this.
   */
  'message.payload': {
    input: MessageRef.extend({
      offset: z.number().int().min(0),
      length: z.number().int().min(1).max(MAX_PAYLOAD_SLICE_BYTES, `At most ${MAX_PAYLOAD_SLICE_BYTES} bytes per slice.`),
    }),
    output: z.custom<{ offset: number; bytesBase64: string; totalSize: number }>(),
  },
  /** The latest message before this one on the same topic that the store still holds, or null. */
  'message.previousOnTopic': {
    input: MessageRef,
    output: z.custom<{ messageId: number | null }>(),
  },
} as const;

export const messageViewEvents = {} as const;
