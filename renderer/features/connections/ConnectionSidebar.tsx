import { useShallow } from 'zustand/react/shallow';
import { showView, useAppStore } from '../../store/app-store';
import { RecordingsSection } from '../recordings/RecordingsSection';
import { ProfileTransfer } from './ProfileTransfer';
import { StatusBadge } from './StatusBadge';
import { visibleName } from '../../../shared/text/invisible-characters';
import { useT } from '../../i18n/use-t';

export function ConnectionSidebar() {
  const t = useT();
  const order = useAppStore(useShallow((state) => state.order));
  const view = useAppStore((state) => state.view);
  const activeId = view.kind === 'workspace' ? view.connectionId : undefined;
  return (
    <nav className="sidebar" aria-label={t('connections.sidebar.label')}>
      <div className="sidebar-header">
        <h2>{t('connections.sidebar.title')}</h2>
        <button type="button" className="primary" onClick={() => showView({ kind: 'form' })}>
          {t('connections.sidebar.new')}
        </button>
      </div>
      <button
        type="button"
        className={`connection-item broker-item ${view.kind === 'welcome' || view.kind === 'lesson' ? 'active' : ''}`}
        aria-current={view.kind === 'welcome' || view.kind === 'lesson' ? 'page' : undefined}
        onClick={() => showView({ kind: view.kind === 'lesson' ? 'lesson' : 'welcome' })}
      >
        <span className="connection-name">{t(view.kind === 'lesson' ? 'connections.sidebar.lesson' : 'connections.sidebar.welcome')}</span>
        <span className="connection-endpoint">{t('connections.sidebar.welcomeHint')}</span>
      </button>
      <BrokerItem active={view.kind === 'broker'} />
      <button
        type="button"
        className={`connection-item broker-item ${view.kind === 'simulator' ? 'active' : ''}`}
        aria-current={view.kind === 'simulator' ? 'page' : undefined}
        onClick={() => showView({ kind: 'simulator' })}
      >
        <span className="connection-name">{t('connections.sidebar.simulator')}</span>
        <span className="connection-endpoint">{t('connections.sidebar.simulatorHint')}</span>
      </button>
      <button
        type="button"
        className={`connection-item broker-item ${view.kind === 'recordings-page' ? 'active' : ''}`}
        aria-current={view.kind === 'recordings-page' ? 'page' : undefined}
        onClick={() => showView({ kind: 'recordings-page' })}
      >
        <span className="connection-name">{t('connections.sidebar.recordings')}</span>
        <span className="connection-endpoint">{t('connections.sidebar.recordingsHint')}</span>
      </button>
      {order.length === 0 ? (
        <p className="sidebar-empty">{t('connections.sidebar.empty')}</p>
      ) : (
        <ul className="connection-list">
          {order.map((connectionId) => (
            <ConnectionItem key={connectionId} connectionId={connectionId} active={connectionId === activeId} />
          ))}
        </ul>
      )}
      <ProfileTransfer />
      <RecordingsSection />
    </nav>
  );
}

function ConnectionItem({ connectionId, active }: { connectionId: string; active: boolean }) {
  const snapshot = useAppStore((state) => state.connections[connectionId]);
  if (!snapshot) return null;
  const { profile, status } = snapshot;
  const endpoint = `${profile.transport}://${profile.host}:${profile.port}`;
  return (
    <li>
      <button
        type="button"
        className={`connection-item ${active ? 'active' : ''}`}
        aria-current={active ? 'page' : undefined}
        onClick={() => showView({ kind: 'workspace', connectionId })}
      >
        <span className="connection-name">{visibleName(profile.name)}</span>
        <span className="connection-endpoint" title={endpoint}>
          {endpoint}
        </span>
        <StatusBadge status={status} compact />
      </button>
    </li>
  );
}

/** The built-in broker's entry, above the connections: its state at a glance. */
function BrokerItem({ active }: { active: boolean }) {
  const t = useT();
  const broker = useAppStore((state) => state.broker);
  const running = broker?.state === 'running';
  const listener = broker?.listeners[0];
  return (
    <button type="button" className={`connection-item broker-item ${active ? 'active' : ''}`} aria-current={active ? 'page' : undefined} onClick={() => showView({ kind: 'broker' })}>
      <span className="connection-name">{t('connections.sidebar.broker')}</span>
      <span className="connection-endpoint">{running && listener ? `${listener.kind}://${listener.host}:${listener.port}` : t('connections.sidebar.brokerHint')}</span>
      <span className={`status status-${running ? 'connected' : broker?.state === 'failed' ? 'failed' : 'idle'}`}>
        <span className="status-dot" aria-hidden="true" />
        <span className="status-label">{running ? t('connections.sidebar.brokerRunning', { count: broker.clients.length }) : t(broker?.state === 'failed' ? 'connections.sidebar.brokerFailed' : 'connections.sidebar.brokerStopped')}</span>
      </span>
    </button>
  );
}
