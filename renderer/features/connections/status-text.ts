import type { ConnectionStatus } from '../../../shared/domain/connection';

const labels: Record<ConnectionStatus['state'], string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  failed: 'Failed',
};

export function statusLabel(status: ConnectionStatus): string {
  return labels[status.state];
}

/** "next attempt (#3) in 4 s" while a reconnect is scheduled; undefined otherwise. */
export function countdownText(status: ConnectionStatus, now: number): string | undefined {
  if (status.state !== 'reconnecting' || status.nextAttemptAt === undefined) return undefined;
  const seconds = Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000));
  return `next attempt${status.attempt ? ` (#${status.attempt})` : ''} in ${seconds} s`;
}
