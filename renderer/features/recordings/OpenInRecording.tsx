import { useActionError } from '../../components/use-action-error';
import { showInRecording } from './open-recording';
import { useT } from '../../i18n/use-t';

/** Opens the recording a compare line talks about, with that message selected in the usual views. */
export function OpenInRecording({ side, ordinal, path }: { side: 'A' | 'B'; ordinal: number; path: string }) {
  const t = useT();
  const { error, run } = useActionError();
  return (
    <>
      <button type="button" className="show-in-recording" aria-label={t('recordings.show.label', { side, ordinal: String(ordinal) })} onClick={() => void run(() => showInRecording(path, ordinal))}>
        {t('recordings.show.button')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
