import { useCallback, useState } from 'react';
import type { Message, Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';

/** A failure of the renderer's own (a canvas, a timeout) that says its sentence as a key, worded where shown. */
export class WordedError extends Error {
  constructor(readonly text: Message) {
    super(text.key);
    this.name = 'WordedError';
  }
}

export function describeLessonError(t: Translator, failure: unknown): string {
  return failure instanceof WordedError ? t.msg(failure.text) : describeError(t, failure);
}

/**
 * useActionError for the lessons' pages, keeping the failure itself rather than its words: it is
 * worded at render time, so a language switch rewords an error already on screen.
 */
export function useLessonAction(): { failure: unknown; setFailure(failure: unknown): void; run(action: () => Promise<void>): Promise<void> } {
  const [failure, setFailure] = useState<unknown>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await action();
    } catch (caught) {
      setFailure(caught ?? new Error('unknown'));
    }
  }, []);
  return { failure, setFailure, run };
}
