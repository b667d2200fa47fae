import type { ConnectionStatus } from '../../../shared/domain/connection';
import { useNow } from '../../components/use-now';
import { countdownText, statusLabel } from './status-text';

/** The state as a coloured dot plus words; colour is never the only carrier of meaning. */
export function StatusBadge({ status, compact = false }: { status: ConnectionStatus; compact?: boolean }) {
  const now = useNow(status.state === 'reconnecting' && status.nextAttemptAt !== undefined);
  const countdown = countdownText(status, now);
  return (
    <span className={`status status-${status.state}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{statusLabel(status)}</span>
      {compact && countdown && <span className="status-reason"> · {countdown.replace('next attempt', 'retry')}</span>}
      {!compact && status.reason && <span className="status-reason">: {status.reason}</span>}
      {!compact && countdown && <span className="status-countdown"> · {countdown}</span>}
    </span>
  );
}
