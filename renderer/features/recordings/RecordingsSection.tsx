import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { showView, useAppStore } from '../../store/app-store';
import { openRecordingFile } from './open-recording';
import { startRecordingSessionsFeed, useRecordingSessions } from './recording-sessions-store';
import { useFileDrop } from './use-file-drop';
import './recording-sessions.css';
import { FileButton } from '../../components/FileButton';

/** The sidebar's opened recordings, with the way to open one: a file chooser, or a file dropped anywhere. */
export function RecordingsSection() {
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
        <h2 id={headingId}>Recordings</h2>
        <FileButton
          text="Open recording…"
          label="Open recording"
          accept=".jsonl,.mqttrec.jsonl,application/jsonl"
          title="Or drop a recording file anywhere on the window"
          onFile={(file) => void openRecordingFile(file).catch(() => undefined)}
        />
      </div>
      {uploads.map((upload) => (
        <div key={upload.fileName} className="recording-upload">
          <span>Sending {upload.fileName}…</span>
          <progress aria-label={`Sending ${upload.fileName}`} max={upload.totalBytes || 1} value={upload.sentBytes} />
        </div>
      ))}
      {openError && (
        <p className="form-error recording-open-error" role="alert" aria-label="Recording not opened">
          {openError}
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
  if (!session) return null;
  const percent = session.totalBytes > 0 ? Math.floor((session.readBytes / session.totalBytes) * 100) : 0;
  return (
    <li>
      <button type="button" className={`connection-item ${active ? 'active' : ''}`} aria-current={active ? 'page' : undefined} onClick={() => showView({ kind: 'workspace', connectionId: sessionId })}>
        <span className="connection-name" title={session.path}>
          {session.fileName}
        </span>
        <span className="connection-endpoint">
          {session.counts.messages.toLocaleString()} messages{session.error ? ' · read failed' : session.cut ? ' · cut short' : ''}
        </span>
      </button>
      {!session.done && (
        <div className="recording-progress">
          <progress aria-label={`Reading ${session.fileName}`} max={100} value={percent} />
          <span aria-hidden="true">{percent}%</span>
        </div>
      )}
    </li>
  );
}
