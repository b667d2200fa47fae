import { english, isMessageKey, localeFromEnv, translator, type Message, type MessageKey, type Translator } from '../../shared/i18n';

/**
 * The CLI's language: LC_ALL, then LC_MESSAGES, then LANG, read at each call so a test or a wrapper
 * script can change the environment between runs.
 */
export function cliT(): Translator {
  return translator(localeFromEnv(process.env));
}

/**
 * A sentence the CLI may print for a person (`text`, in the CLI's language) or put into its JSON
 * (`en`, always English: pipelines parse it). Both are worded here, once, from the one catalogue.
 */
export interface Said {
  en: string;
  text: string;
}

export type SaidParam = string | number | Said;

export function say(key: MessageKey, params?: Record<string, SaidParam>): Said {
  const en: Record<string, string | number> = {};
  const local: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    en[name] = typeof value === 'object' ? value.en : value;
    local[name] = typeof value === 'object' ? value.text : value;
  }
  return { en: english(key, en), text: cliT()(key, local) };
}

/** Text that is not ours (a topic, a peer's reason, a file's error code): the same in every language. */
export function verbatim(text: string): Said {
  return { en: text, text };
}

export function joinSaid(parts: readonly Said[], separator: string): Said {
  return { en: parts.map((part) => part.en).join(separator), text: parts.map((part) => part.text).join(separator) };
}

/** A core Message in both wordings; an unknown key (a newer core) keeps its English fallback. */
export function saidMessage(message: Message | { key: string; params?: Record<string, string | number> }, fallback?: string): Said {
  const en = isMessageKey(message.key) ? english(message.key, message.params) : (fallback ?? message.key);
  return { en, text: cliT().msg(message, en) };
}

/** A failure from the core: worded from its Message (an AppError's or the router's `text`) when it has one. */
export function saidError(error: unknown): Said {
  const message = error instanceof Error ? error.message : String(error);
  const text = error && typeof error === 'object' && 'text' in error ? (error as { text?: Message }).text : undefined;
  return text && typeof text.key === 'string' ? saidMessage(text, message) : verbatim(message);
}

/** A zod issue: the schema may word it as a catalogue key; otherwise its English is all there is. */
export function saidIssue(message: string): Said {
  return isMessageKey(message) ? say(message) : verbatim(message);
}
