import { english, type Message } from '../../../shared/i18n';

/**
 * A plain failure of the recording code (not yet an AppError: the CLI reads files without a router)
 * that carries its sentence as a Message. `message` is the English wording for logs and JSON.
 */
export class WordedError extends Error {
  readonly text: Message;
  constructor(text: Message) {
    super(english(text.key, text.params));
    this.text = text;
  }
}

/** What an AppError should say for `error`: its Message when it has one, else its own text. */
export function wordingOf(error: unknown): string | Message {
  if (error instanceof WordedError) return error.text;
  if (error && typeof error === 'object' && 'text' in error) {
    const text = (error as { text?: Message }).text;
    if (text && typeof text.key === 'string') return text;
  }
  return error instanceof Error ? error.message : String(error);
}
