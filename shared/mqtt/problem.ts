import { english, msg, type MessageKey, type Message, type MessageParams } from '../i18n';

/**
 * A check's refusal: `text` for the screen, worded in the user's language where it is shown, and
 * `message`, the same sentence in English, for the core's errors, logs and the callers that still
 * read it. Both come from the one catalogue entry, so the sentence is written once.
 */
export interface Problem {
  ok: false;
  message: string;
  text: Message;
}

export function problem(key: MessageKey, params?: MessageParams): Problem {
  return { ok: false, message: english(key, params), text: msg(key, params) };
}
