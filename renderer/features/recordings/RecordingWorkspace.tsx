import { protocolNames } from '../../../shared/domain/profile';
import type { RecordingSessionView } from '../../../shared/domain/recording-session';
import { useActionError } from '../../components/use-action-error';
import { MessagesPanel } from '../messages/MessagesPanel';
import { TopicTreePanel } from '../topics/TopicTreePanel';
import { closeRecording } from './open-recording';
import { useRecordingSessions } from './recording-sessions-store';
import './recording-sessions.css';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n/use-t';
import { dateTimeFormat } from './recording-format';

/**
 * An opened recording: the same message list, filters, topic tree and lower views as a connection,
 * keyed by the session's id, with no way to publish, subscribe or connect.
 */
export function RecordingWorkspace({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useRecordingSessions((state) => state.sessions[sessionId]);
  const { error, run } = useActionError();
  if (!session) {
    return (
      <div className="workspace">
        <p className="empty-note">{t('recordings.workspace.gone')}</p>
      </div>
    );
  }
  return (
    <div className="workspace" aria-label={t('recordings.workspace.label', { name: session.fileName })}>
      <header className="recording-header">
        <div className="workspace-title">
          <h2>{session.fileName}</h2>
          <span className="endpoint" aria-label={t('recordings.workspace.path')}>
            {session.path}
          </span>
          <RecordingFacts session={session} />
        </div>
        <span className="status status-idle" role="status" aria-label={t('recordings.workspace.status')}>
          <span className="status-dot" aria-hidden="true" />
          <span className="status-label">{session.done ? (session.error ? t('recordings.workspace.readFailed') : t('recordings.workspace.readOnly')) : t('recordings.workspace.reading', { percent: String(percentRead(session)) })}</span>
        </span>
        <div className="workspace-actions">
          <button type="button" onClick={() => run(() => closeRecording(sessionId))}>
            {t('recordings.workspace.close')}
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
  const t = useT();
  const connections = session.connections.map(({ profile }) => `${profile.name} (${profile.transport}://${profile.host}:${profile.port}, MQTT ${protocolNames[profile.protocolVersion]})`);
  return (
    <dl className="recording-facts" aria-label={t('recordings.facts.label')}>
      <div>
        <dt>{t('recordings.facts.recorded')}</dt>
        <dd>{session.startedAt ? t.date(new Date(session.startedAt), dateTimeFormat) : t('recordings.facts.unknown')}</dd>
      </div>
      {session.endedAt && (
        <div>
          <dt>{t('recordings.facts.ended')}</dt>
          <dd>{t.date(new Date(session.endedAt), dateTimeFormat)}</dd>
        </div>
      )}
      <div>
        <dt>{t('recordings.facts.by')}</dt>
        <dd>{t('recordings.facts.app', { version: session.appVersion ?? '?' })}</dd>
      </div>
      <div>
        <dt>{t('recordings.facts.connections', { count: connections.length })}</dt>
        <dd>{connections.length > 0 ? connections.join(t('recordings.facts.separator')) : t('recordings.facts.noConnections')}</dd>
      </div>
      <div>
        <dt>{t('recordings.facts.read')}</dt>
        <dd aria-label={t('recordings.facts.readLabel')}>
          {t('recordings.facts.readValue', { messages: t.number(session.counts.messages), packets: t.number(session.counts.packets), events: t.number(session.counts.events) })}
        </dd>
      </div>
    </dl>
  );
}

function RecordingNotes({ session }: { session: RecordingSessionView }) {
  const t = useT();
  if (!session.error && !session.cut && session.problems.length === 0) return null;
  return (
    <div className="recording-notes">
      {session.error && (
        <p className="warning" role="alert">
          {t('recordings.notes.readError', { error: session.errorText ? t.msg(session.errorText, session.error) : session.error })}
        </p>
      )}
      {session.cut && (
        <p className="warning" role="note" aria-label={t('recordings.notes.cut')} title={session.cutText ? t.msg(session.cutText, session.cut) : session.cut}>
          {t('recordings.workspace.cutNotice')}
        </p>
      )}
      {session.problems.length > 0 && (
        <details className="warning" aria-label={t('recordings.notes.problems')}>
          <summary>
            {t('recordings.notes.problemCount', { count: session.problems.length })}
          </summary>
          <ul>
            {session.problems.slice(0, 100).map((problem, index) => (
              <li key={problem}>{session.problemTexts?.[index] ? t.msg(session.problemTexts[index], problem) : problem}</li>
            ))}
          </ul>
          {session.problems.length > 100 && <p>{t('recordings.notes.more', { count: String(session.problems.length - 100) })}</p>}
        </details>
      )}
    </div>
  );
}

function percentRead(session: RecordingSessionView): number {
  return session.totalBytes > 0 ? Math.floor((session.readBytes / session.totalBytes) * 100) : 0;
}
