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
