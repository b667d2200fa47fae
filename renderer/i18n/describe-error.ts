import type { Message, Translator } from '../../shared/i18n';
import { ApiError } from '../api';

/**
 * The user's sentence for a failure: a core error's key in the language on screen, else its own
 * text. Any Error carrying a Message as `text` (an ApiError, a form's own DraftError) is worded from it.
 */
export function describeError(t: Translator, error: unknown): string {
  if (error instanceof ApiError && error.text) return t.msg(error.text, error.message);
  if (error instanceof Error && hasText(error)) return t.msg(error.text, error.message);
  if (error instanceof Error) return error.message;
  return String(error);
}

function hasText(error: Error): error is Error & { text: Message } {
  const text = (error as { text?: unknown }).text;
  return typeof text === 'object' && text !== null && typeof (text as { key?: unknown }).key === 'string';
}
