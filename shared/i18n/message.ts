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
}

export function msg(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

/** On the wire the key is checked as text: a renderer older than the core shows the English fallback. */
export const MessageSchema = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
