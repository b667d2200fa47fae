import { useCallback, useState } from 'react';

/** The words of anything thrown, for a message on screen. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a user's action and keeps its failure as a message to show, cleared when the next action
 * starts: the pattern of every toolbar that talks to the core.
 */
export function useActionError(): { error: string | undefined; setError(message: string | undefined): void; run(action: () => Promise<void>): Promise<void> } {
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    }
  }, []);
  return { error, setError, run };
}
