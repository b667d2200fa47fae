import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { showView, useAppStore } from '../../store/app-store';
import { openRecordingFile } from './open-recording';
import { startRecordingSessionsFeed, useRecordingSessions } from './recording-sessions-store';
import { useFileDrop } from './use-file-drop';
import './recording-sessions.css';
import { FileButton } from '../../components/FileButton';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

/** The sidebar's opened recordings, with the way to open one: a file chooser, or a file dropped anywhere. */
export function RecordingsSection() {
  const t = useT();
  useEffect(() => startRecordingSessionsFeed(), []);
  useFileDrop((file) => void openRecordingFile(file).catch(() => undefined));
  const headingId = useId();
  const order = useRecordingSessions(useShallow((state) => state.order));
  const uploads = useRecordingSessions((state) => state.uploads);
  const openError = useRecordingSessions((state) => state.openError);
  const view = useAppStore((state) => state.view);
  const activeId = view.kind === 'workspace' ? view.connectionId : undefined;
  return (
    <section className="recordings-section" aria-labelledby={headingId}>
      <div className="recordings-heading">
        <h2 id={headingId}>{t('recordings.section.title')}</h2>
        <FileButton
          text={t('recordings.section.open')}
          label={t('recordings.section.openLabel')}
          accept=".jsonl,.mqttrec.jsonl,application/jsonl"
          title={t('recordings.section.openHint')}
          onFile={(file) => void openRecordingFile(file).catch(() => undefined)}
        />
      </div>
      {uploads.map((upload) => (
        <div key={upload.fileName} className="recording-upload">
          <span>{t('recordings.section.sending', { name: upload.fileName })}</span>
          <progress aria-label={t('recordings.section.sendingLabel', { name: upload.fileName })} max={upload.totalBytes || 1} value={upload.sentBytes} />
        </div>
      ))}
      {openError !== undefined && (
        <p className="form-error recording-open-error" role="alert" aria-label={t('recordings.section.notOpened')}>
          {describeError(t, openError)}
        </p>
      )}
      {order.length > 0 && (
        <ul className="connection-list">
          {order.map((sessionId) => (
            <RecordingItem key={sessionId} sessionId={sessionId} active={sessionId === activeId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordingItem({ sessionId, active }: { sessionId: string; active: boolean }) {
  const session = useRecordingSessions((state) => state.sessions[sessionId]);
  const t = useT();
  if (!session) return null;
  const percent = session.totalBytes > 0 ? Math.floor((session.readBytes / session.totalBytes) * 100) : 0;
  return (
    <li>
      <button type="button" className={`connection-item ${active ? 'active' : ''}`} aria-current={active ? 'page' : undefined} onClick={() => showView({ kind: 'workspace', connectionId: sessionId })}>
        <span className="connection-name" title={session.path}>
          {session.fileName}
        </span>
        <span className="connection-endpoint">
          {t('recordings.section.messages', { count: t.number(session.counts.messages) })}
          {session.error ? t('recordings.section.readFailed') : session.cut ? t('recordings.section.cutShort') : ''}
        </span>
      </button>
      {!session.done && (
        <div className="recording-progress">
          <progress aria-label={t('recordings.section.reading', { name: session.fileName })} max={100} value={percent} />
          <span aria-hidden="true">{t('recordings.percent', { percent: String(percent) })}</span>
        </div>
      )}
    </li>
  );
}
