import { z } from 'zod';
import type { MessageKey } from './catalog';

/** Values an ICU message may take; dates travel as epoch milliseconds and are formatted where shown. */
export type MessageParams = Record<string, string | number>;

/**
 * A sentence for the user, not yet worded: the core sends this and the side that shows it (the
 * renderer, the CLI) words it from the one catalogue in the user's language. So a sentence is
 * written once per language, never in two places, and a language switch rewords what is on screen.
 */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
  /**
   * Sentences inside the sentence, worded first and passed in as the parameters of the same name:
   * the core composes "gave up after 3 attempts; last problem: {problem}" without wording the inner
   * problem, so each side words the whole in its own language.
   */
  parts?: Record<string, Message>;
}

export function msg(key: MessageKey, params?: MessageParams, parts?: Record<string, Message>): Message {
  const message: Message = { key };
  if (params) message.params = params;
  if (parts) message.parts = parts;
  return message;
}

/** A Message as it crosses the wire: its key is plain text, for a renderer older than the core shows the English fallback. */
export interface WireMessage {
  key: string;
  params?: MessageParams;
  parts?: Record<string, WireMessage>;
}

export const MessageSchema: z.ZodType<WireMessage> = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  parts: z.record(z.string(), z.lazy(() => MessageSchema)).optional(),
});
