import { protocolNames } from '../../../shared/domain/profile';
import type { RecordingSessionView } from '../../../shared/domain/recording-session';
import { useActionError } from '../../components/use-action-error';
import { MessagesPanel } from '../messages/MessagesPanel';
import { TopicTreePanel } from '../topics/TopicTreePanel';
import { closeRecording } from './open-recording';
import { useRecordingSessions } from './recording-sessions-store';
import './recording-sessions.css';
import { ErrorNote } from '../../components/ErrorNote';

/** What the user is told when a file ends without a footer, whatever the reader's own words. */
const CUT_NOTICE = 'The recording ends without a footer: the app that wrote it stopped before it finished; everything up to the last complete line is shown.';

/**
 * An opened recording: the same message list, filters, topic tree and lower views as a connection,
 * keyed by the session's id, with no way to publish, subscribe or connect.
 */
export function RecordingWorkspace({ sessionId }: { sessionId: string }) {
  const session = useRecordingSessions((state) => state.sessions[sessionId]);
  const { error, run } = useActionError();
  if (!session) {
    return (
      <div className="workspace">
        <p className="empty-note">This recording is no longer open.</p>
      </div>
    );
  }
  return (
    <div className="workspace" aria-label={`Recording ${session.fileName}`}>
      <header className="recording-header">
        <div className="workspace-title">
          <h2>{session.fileName}</h2>
          <span className="endpoint" aria-label="Recording file path">
            {session.path}
          </span>
          <RecordingFacts session={session} />
        </div>
        <span className="status status-idle" role="status" aria-label="Recording status">
          <span className="status-dot" aria-hidden="true" />
          <span className="status-label">{session.done ? (session.error ? 'Read failed' : 'Read-only recording') : `Reading… ${percentRead(session)}%`}</span>
        </span>
        <div className="workspace-actions">
          <button type="button" onClick={() => run(() => closeRecording(sessionId))}>
            Close recording
          </button>
        </div>
        <RecordingNotes session={session} />
      </header>
      <ErrorNote message={error} />
      <div className="workspace-grid read-only">
        <div className="workspace-column">
          <TopicTreePanel connectionId={sessionId} />
        </div>
        <MessagesPanel connectionId={sessionId} />
      </div>
    </div>
  );
}

function RecordingFacts({ session }: { session: RecordingSessionView }) {
  const connections = session.connections.map(({ profile }) => `${profile.name} (${profile.transport}://${profile.host}:${profile.port}, MQTT ${protocolNames[profile.protocolVersion]})`);
  return (
    <dl className="recording-facts" aria-label="Recording details">
      <div>
        <dt>Recorded</dt>
        <dd>{session.startedAt ? new Date(session.startedAt).toLocaleString() : 'unknown'}</dd>
      </div>
      {session.endedAt && (
        <div>
          <dt>Ended</dt>
          <dd>{new Date(session.endedAt).toLocaleString()}</dd>
        </div>
      )}
      <div>
        <dt>By</dt>
        <dd>MQTT Lab {session.appVersion ?? '?'}</dd>
      </div>
      <div>
        <dt>{connections.length === 1 ? 'Connection' : 'Connections'}</dt>
        <dd>{connections.join('; ') || 'none listed'}</dd>
      </div>
      <div>
        <dt>Read</dt>
        <dd aria-label="Records read">
          {session.counts.messages.toLocaleString()} messages, {session.counts.packets.toLocaleString()} packets, {session.counts.events.toLocaleString()} events
        </dd>
      </div>
    </dl>
  );
}

function RecordingNotes({ session }: { session: RecordingSessionView }) {
  if (!session.error && !session.cut && session.problems.length === 0) return null;
  return (
    <div className="recording-notes">
      {session.error && (
        <p className="warning" role="alert">
          The file could not be read to its end: {session.error} What was read before is shown.
        </p>
      )}
      {session.cut && (
        <p className="warning" role="note" aria-label="Recording cut short" title={session.cut}>
          {CUT_NOTICE}
        </p>
      )}
      {session.problems.length > 0 && (
        <details className="warning" aria-label="Recording problems">
          <summary>
            {session.problems.length} {session.problems.length === 1 ? 'problem' : 'problems'} in the file
          </summary>
          <ul>
            {session.problems.slice(0, 100).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          {session.problems.length > 100 && <p>…and {session.problems.length - 100} more.</p>}
        </details>
      )}
    </div>
  );
}

function percentRead(session: RecordingSessionView): number {
  return session.totalBytes > 0 ? Math.floor((session.readBytes / session.totalBytes) * 100) : 0;
}
