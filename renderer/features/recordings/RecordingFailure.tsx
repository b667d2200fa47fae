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
        {/* Messages counted may not all have reached the disk; the bytes written did. */}
        {failure} {formatSize(status.bytes)} reached the file before it stopped.
      </p>
      <button type="button" onClick={() => setDismissed(failure)}>
        Dismiss
      </button>
    </div>
  );
}
