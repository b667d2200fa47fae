import { isMessageKey, type MessageKey } from './catalog';
import type { Message, MessageParams } from './message';
import { translator, type Translator } from './translate';

/**
 * A sentence built from sentences: a Message whose `parts` are worded first and passed in as its
 * parameters of the same name. The core composes "gave up after 3 attempts; last problem: {problem}"
 * without wording the inner problem itself, so each side words the whole in its own language.
 */
export interface NestedMessage extends Message {
  parts?: Record<string, NestedMessage>;
}

export function nested(key: MessageKey, params?: MessageParams, parts?: Record<string, NestedMessage>): NestedMessage {
  const message: NestedMessage = { key };
  if (params) message.params = params;
  if (parts) message.parts = parts;
  return message;
}

/** The whole sentence in the language of `t`; an unknown key (a newer core) gives `fallback`. */
export function wordNested(t: Translator, message: NestedMessage, fallback?: string): string {
  if (!isMessageKey(message.key)) return fallback ?? message.key;
  const params: MessageParams = { ...message.params };
  for (const [name, part] of Object.entries(message.parts ?? {})) params[name] = wordNested(t, part);
  return t(message.key, params);
}

/** The English wording, for the string fields logs, tests and the CLI read. */
export function englishNested(message: NestedMessage): string {
  return wordNested(translator('en'), message);
}
