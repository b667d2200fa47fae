import type { Message } from './message';
import { englishOf, type Translator } from './translate';

/**
 * The connection area's names for a Message with inner sentences (Message.parts); one implementation,
 * Translator.msg, words both.
 */
export type NestedMessage = Message;
export { msg as nested } from './message';

export function wordNested(t: Translator, message: Message, fallback?: string): string {
  return t.msg(message, fallback);
}

export const englishNested = englishOf;
