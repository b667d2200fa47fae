import type { ConnectionStatus } from '../../../shared/domain/connection';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { wordNested } from '../../../shared/i18n/nested';

const labels: Record<ConnectionStatus['state'], MessageKey> = {
  idle: 'connections.status.idle',
  connecting: 'connections.status.connecting',
  connected: 'connections.status.connected',
  reconnecting: 'connections.status.reconnecting',
  disconnected: 'connections.status.disconnected',
  failed: 'connections.status.failed',
};

export function statusLabel(t: Translator, status: ConnectionStatus): string {
  return t(labels[status.state]);
}

/** The core's reason in the language on screen; its English string when it sent no message (an older core). */
export function statusReason(t: Translator, status: ConnectionStatus): string | undefined {
  return status.reasonText ? wordNested(t, status.reasonText, status.reason) : status.reason;
}

/**
 * "next attempt (#3) in 4 s" while a reconnect is scheduled (`short`: "retry (#3) in 4 s", for the
 * sidebar); undefined otherwise.
 */
export function countdownText(t: Translator, status: ConnectionStatus, now: number, short = false): string | undefined {
  if (status.state !== 'reconnecting' || status.nextAttemptAt === undefined) return undefined;
  const seconds = Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000));
  const attempt = status.attempt ?? 0;
  return t(short ? 'connections.status.retryIn' : 'connections.status.nextAttemptIn', { attempt, seconds });
}
