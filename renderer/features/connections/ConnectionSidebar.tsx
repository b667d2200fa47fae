import { useShallow } from 'zustand/react/shallow';
import { showView, useAppStore } from '../../store/app-store';
import { ProfileTransfer } from './ProfileTransfer';
import { StatusBadge } from './StatusBadge';

export function ConnectionSidebar() {
  const order = useAppStore(useShallow((state) => state.order));
  const view = useAppStore((state) => state.view);
  const activeId = view.kind === 'workspace' ? view.connectionId : undefined;
  return (
    <nav className="sidebar" aria-label="Connections">
      <div className="sidebar-header">
        <h2>Connections</h2>
        <button type="button" className="primary" onClick={() => showView({ kind: 'form' })}>
          New connection
        </button>
      </div>
      {order.length === 0 ? (
        <p className="sidebar-empty">No connections yet.</p>
      ) : (
        <ul className="connection-list">
          {order.map((connectionId) => (
            <ConnectionItem key={connectionId} connectionId={connectionId} active={connectionId === activeId} />
          ))}
        </ul>
      )}
      <ProfileTransfer />
    </nav>
  );
}

function ConnectionItem({ connectionId, active }: { connectionId: string; active: boolean }) {
  const snapshot = useAppStore((state) => state.connections[connectionId]);
  if (!snapshot) return null;
  const { profile, status } = snapshot;
  return (
    <li>
      <button
        type="button"
        className={`connection-item ${active ? 'active' : ''}`}
        aria-current={active ? 'page' : undefined}
        onClick={() => showView({ kind: 'workspace', connectionId })}
      >
        <span className="connection-name">{profile.name}</span>
        <span className="connection-endpoint" title={`${profile.transport}://${profile.host}:${profile.port}`}>
          {profile.transport}://{profile.host}:{profile.port}
        </span>
        <StatusBadge status={status} compact />
      </button>
    </li>
  );
}
