import { useActionError } from '../../components/use-action-error';
import { showInRecording } from './open-recording';

/** Opens the recording a compare line talks about, with that message selected in the usual views. */
export function OpenInRecording({ side, ordinal, path }: { side: 'A' | 'B'; ordinal: number; path: string }) {
  const { error, run } = useActionError();
  return (
    <>
      <button type="button" className="show-in-recording" aria-label={`Show ${side} #${ordinal} in its recording`} onClick={() => void run(() => showInRecording(path, ordinal))}>
        Show in recording
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
