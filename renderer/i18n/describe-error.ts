import type { Translator } from '../../shared/i18n';
import { ApiError } from '../api';

/** The user's sentence for a failure: a core error's key in the language on screen, else its own text. */
export function describeError(t: Translator, error: unknown): string {
  if (error instanceof ApiError && error.text) return t.msg(error.text, error.message);
  if (error instanceof Error) return error.message;
  return String(error);
}
