import { useCallback, useState } from 'react';
import { describeError } from '../i18n/describe-error';
import { currentT, useT } from '../i18n/use-t';

/**
 * The words of anything thrown, for a message on screen, in the language on screen now. Prefer
 * useActionError (worded at render) where the text stays on screen across a language switch.
 */
export function errorText(error: unknown): string {
  return describeError(currentT(), error);
}

/**
 * Runs a user's action and keeps its failure as a message to show, cleared when the next action
 * starts: the pattern of every toolbar that talks to the core. The failure is kept as thrown and
 * worded at render, so a language switch rewords it.
 */
export function useActionError(): {
  error: string | undefined;
  setError(message: string | undefined): void;
  /** Keeps a failure caught elsewhere (a child's action), worded at render like run's. */
  fail(thrown: unknown): void;
  run(action: () => Promise<void>): Promise<void>;
} {
  const t = useT();
  const [failure, setFailure] = useState<{ thrown: unknown } | { text: string } | undefined>();
  const setError = useCallback((message: string | undefined) => setFailure(message === undefined ? undefined : { text: message }), []);
  const fail = useCallback((thrown: unknown) => setFailure({ thrown }), []);
  const run = useCallback(async (action: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await action();
    } catch (thrown) {
      setFailure({ thrown });
    }
  }, []);
  const error = failure === undefined ? undefined : 'text' in failure ? failure.text : describeError(t, failure.thrown);
  return { error, setError, fail, run };
}
