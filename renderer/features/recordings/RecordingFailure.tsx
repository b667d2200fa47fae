import { useState } from 'react';
import { formatSize } from '../messages/format';
import { useRecordingStatus } from './use-recording-status';

/** A recording the disk stopped (full, or the file became unwritable): said at once, under the app bar, until dismissed. */
export function RecordingFailure() {
  const status = useRecordingStatus();
  const [dismissed, setDismissed] = useState<string>();
  if (!status || status.active || !status.failure || status.failure === dismissed) return null;
  const failure = status.failure;
  return (
    <div className="notice-banner record-failure" role="alert">
      <p>
        {failure} Written before it stopped: {status.counts.messages} messages, {formatSize(status.bytes)}
        {status.path ? (
          <>
            {' '}
            in <span className="mono">{status.path}</span>
          </>
        ) : null}
        .
      </p>
      <button type="button" onClick={() => setDismissed(failure)}>
        Dismiss
      </button>
    </div>
  );
}
