import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useActionError } from '../../components/use-action-error';
import { useNow } from '../../components/use-now';
import { formatSize } from '../messages/format';
import { formatDuration } from './recording-format';
import { RecordDialog } from './RecordDialog';
import { useRecordingStatus } from './use-recording-status';
import './recordings.css';
import { useT } from '../../i18n/use-t';

/**
 * The app bar's recorder: a Record button, and while recording the elapsed time, counts, size and
 * file with a Stop button. Ctrl+Alt+R opens the dialog, or stops a running recording.
 */
export function RecordControl() {
  const t = useT();
  const status = useRecordingStatus();
  const [choosing, setChoosing] = useState(false);
  const { error, run } = useActionError();
  const active = status?.active === true;
  const now = useNow(active, 500);

  const stop = () => run(async () => void (await api.invoke('recording.stop', {})));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Not Ctrl+Shift+R: browsers and Electron's default menu take that for a hard reload.
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey || event.code !== 'KeyR') return;
      event.preventDefault();
      if (active) void stop();
      else setChoosing(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // Only `active` decides what the key does; stop() goes through run(), which never changes.
  }, [active]);

  const elapsed = active && status.startedAt !== undefined ? Math.max(status.durationMs, now - status.startedAt) : (status?.durationMs ?? 0);

  return (
    <>
      {active ? (
        <div className="record-bar" role="status" aria-label={t('recordings.bar.recording')}>
          <span className="record-dot" aria-hidden="true" />
          <strong>{t('recordings.bar.recording')}</strong>
          <span className="record-figure" aria-label={t('recordings.bar.elapsed')}>
            {formatDuration(elapsed)}
          </span>
          <span className="record-figure" aria-label={t('recordings.bar.messagesLabel')}>
            {t('recordings.bar.messages', { count: String(status.counts.messages) })}
          </span>
          {status.missed > 0 && (
            <span className="record-missed" title={t('recordings.bar.missedHint')}>
              {t('recordings.bar.missed', { count: String(status.missed) })}
            </span>
          )}
          <span className="record-figure" aria-label={t('recordings.bar.bytes')}>
            {formatSize(status.bytes)}
          </span>
          <span className="record-path mono" title={status.path}>
            {/* The bar cuts a long path at its start, so the file name stays in view. */}
            <bdi>{status.path}</bdi>
          </span>
          <button type="button" className="danger" onClick={() => void stop()}>
            {t('recordings.bar.stop')}
          </button>
        </div>
      ) : (
        <button type="button" className="record-button" onClick={() => setChoosing(true)} aria-keyshortcuts="Control+Alt+R" title={t('recordings.bar.recordTitle')}>
          <span className="record-dot idle" aria-hidden="true" /> {t('recordings.bar.record')}
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      {choosing && <RecordDialog onClose={() => setChoosing(false)} />}
    </>
  );
}
