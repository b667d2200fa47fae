import type { ConnectionStatus } from '../../../shared/domain/connection';
import { statusLabel } from './status-text';

/** The state as a coloured dot plus words; colour is never the only carrier of meaning. */
export function StatusBadge({ status, compact = false }: { status: ConnectionStatus; compact?: boolean }) {
  return (
    <span className={`status status-${status.state}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{statusLabel(status)}</span>
      {!compact && status.reason && <span className="status-reason">: {status.reason}</span>}
    </span>
  );
}
