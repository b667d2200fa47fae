import { useState } from 'react';
import { formatSize } from '../messages/format';
import { useRecordingStatus } from './use-recording-status';
import { useT } from '../../i18n/use-t';

/** A recording the disk stopped (full, or the file became unwritable): said at once, under the app bar, until dismissed. */
export function RecordingFailure() {
  const t = useT();
  const status = useRecordingStatus();
  const [dismissed, setDismissed] = useState<string>();
  if (!status || status.active || !status.failure || status.failure === dismissed) return null;
  const failure = status.failure;
  const said = status.failureText ? t.msg(status.failureText, failure) : failure;
  return (
    <div className="notice-banner record-failure" role="alert">
      <p>
        {/* Messages counted may not all have reached the disk; the bytes written did. */}
        {said} {t('recordings.failure.reached', { size: formatSize(status.bytes) })}
      </p>
      <button type="button" onClick={() => setDismissed(failure)}>
        {t('recordings.failure.dismiss')}
      </button>
    </div>
  );
}
