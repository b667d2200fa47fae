import type { Router } from '../../ipc/router';
import type { ConnectionRegistry } from '../connections/connection-registry';

/** The lifeline request: a connection's events from an id on. */
export function registerLifelineHandlers(router: Router, connections: ConnectionRegistry): void {
  router.handle('lifeline.get', ({ connectionId, fromId }) => connections.get(connectionId).lifeline.recorder.slice(fromId ?? 0));
}
