import type { ConnectionStatus } from '../../../shared/domain/connection';
import { useNow } from '../../components/use-now';
import { useT } from '../../i18n/use-t';
import { countdownText, statusLabel, statusReason } from './status-text';

/** The state as a coloured dot plus words; colour is never the only carrier of meaning. */
export function StatusBadge({ status, compact = false }: { status: ConnectionStatus; compact?: boolean }) {
  const t = useT();
  const now = useNow(status.state === 'reconnecting' && status.nextAttemptAt !== undefined);
  const countdown = countdownText(t, status, now, compact);
  const reason = statusReason(t, status);
  return (
    <span className={`status status-${status.state}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{statusLabel(t, status)}</span>
      {compact && countdown && <span className="status-reason">{t('connections.status.separated', { text: countdown })}</span>}
      {!compact && reason && <span className="status-reason">{t('connections.status.reason', { reason })}</span>}
      {!compact && countdown && <span className="status-countdown">{t('connections.status.separated', { text: countdown })}</span>}
    </span>
  );
}
