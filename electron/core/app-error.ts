import type { ErrorCode } from '../../shared/contract';
import { englishOf, type Message } from '../../shared/i18n';

/**
 * An error the core throws on purpose: its code is for the caller, its text for the user.
 * Given a Message, the text is a catalogue key with parameters that the renderer (or the CLI)
 * words in the user's language; `message` keeps the English wording for logs and JSON output.
 * A plain string is still accepted for text that is not a sentence of ours (a peer's reason string).
 */
export class AppError extends Error {
  readonly text: Message | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string | Message,
    readonly field?: string,
  ) {
    super(typeof message === 'string' ? message : englishOf(message));
    this.name = 'AppError';
    this.text = typeof message === 'string' ? undefined : message;
  }
}
