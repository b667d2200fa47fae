import type { ErrorCode } from '../../shared/contract';

/** An error the core throws on purpose: its message is meant for the user, its code for the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
