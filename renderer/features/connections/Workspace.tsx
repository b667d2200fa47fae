import { api } from '../../api';
import { useActionError } from '../../components/use-action-error';
import { showView, upsertConnection, useAppStore } from '../../store/app-store';
import { MessagesPanel } from '../messages/MessagesPanel';
import { PublishPanel } from '../publish/PublishPanel';
import { SubscriptionPanel } from '../subscriptions/SubscriptionPanel';
import { TopicTreePanel } from '../topics/TopicTreePanel';
import { protocolNames, usesWebSocket } from '../../../shared/domain/profile';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import { RecordingWorkspace } from '../recordings/RecordingWorkspace';
import { BrokerPanel } from './BrokerPanel';
import { StatusBadge } from './StatusBadge';
import { DisconnectControl } from './DisconnectControl';
import type { DisconnectOptions } from '../../../shared/mqtt/disconnect-options';
import { ErrorNote } from '../../components/ErrorNote';
import { visibleName } from '../../../shared/text/invisible-characters';
import { useT } from '../../i18n/use-t';

/** The screen of a session: a live connection, or a recording opened from a file (read-only). */
export function Workspace({ connectionId }: { connectionId: string }) {
  return isRecordingSessionId(connectionId) ? <RecordingWorkspace sessionId={connectionId} /> : <ConnectionWorkspace connectionId={connectionId} />;
}

/** One connection's screen: its status and controls, subscriptions, message stream and publisher. */
function ConnectionWorkspace({ connectionId }: { connectionId: string }) {
  const t = useT();
  const snapshot = useAppStore((state) => state.connections[connectionId]);
  const { error, run } = useActionError();
  if (!snapshot) return null;
  const { profile, status } = snapshot;
  // Addresses, versions and ids: the same in every language.
  const endpoint = `${profile.transport}://${profile.host}:${profile.port}${usesWebSocket(profile.transport) ? profile.path : ''} · MQTT ${protocolNames[profile.protocolVersion]}`;
  const clientId = profile.clientId || snapshot.broker?.properties.assignedClientIdentifier || t('connections.workspace.brokerAssignedId');
  const active = status.state === 'connected' || status.state === 'connecting' || status.state === 'reconnecting';

  const connect = () => run(async () => upsertConnection(await api.invoke('connection.connect', { connectionId })));
  const disconnect = (options: DisconnectOptions) => run(async () => upsertConnection(await api.invoke('connection.disconnect', { connectionId, ...options })));
  const duplicate = () =>
    run(async () => {
      const copy = await api.invoke('connection.duplicate', { connectionId });
      upsertConnection(copy);
      showView({ kind: 'form', connectionId: copy.connectionId });
    });
  const remove = () =>
    run(async () => {
      if (!window.confirm(t('connections.workspace.confirmDelete', { name: profile.name }))) return;
      await api.invoke('connection.remove', { connectionId });
    });

  return (
    <div className="workspace">
      <header className="workspace-header">
        <div className="workspace-title">
          {/* A long name is cut with an ellipsis, never at the cost of the status beside it; the tooltip has it whole. */}
          <h2 title={visibleName(profile.name)}>{visibleName(profile.name)}</h2>
          <span className="endpoint">
            {`${endpoint} · ${clientId}`}
          </span>
        </div>
        <div className="workspace-status">
          <div role="status" aria-label={t('connections.workspace.statusLabel')}>
            <StatusBadge status={status} />
          </div>
          {status.detail && status.detail !== status.reason && (
            <details className="status-detail">
              <summary>{t('connections.workspace.details')}</summary>
              <code role="note" aria-label={t('connections.workspace.errorDetail')}>{status.detail}</code>
            </details>
          )}
        </div>
        <div className="workspace-actions">
          {active ? (
            <DisconnectControl profile={profile} connected={status.state === 'connected'} onDisconnect={disconnect} />
          ) : (
            <button type="button" className="primary" onClick={connect}>
              {t('connections.workspace.connect')}
            </button>
          )}
          <button type="button" onClick={() => showView({ kind: 'form', connectionId })}>
            {t('connections.workspace.edit')}
          </button>
          <button type="button" onClick={duplicate}>
            {t('connections.workspace.duplicate')}
          </button>
          <button type="button" className="danger" onClick={remove}>
            {t('connections.workspace.delete')}
          </button>
        </div>
      </header>
      <ErrorNote message={error} />
      <BrokerPanel broker={snapshot.broker} />
      <div className="workspace-grid">
        <div className="workspace-column">
          <SubscriptionPanel connectionId={connectionId} />
          <TopicTreePanel connectionId={connectionId} />
        </div>
        <MessagesPanel connectionId={connectionId} />
        <PublishPanel connectionId={connectionId} />
      </div>
    </div>
  );
}
