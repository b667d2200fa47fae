import type { Router } from '../../ipc/router';
import type { SessionDirectory } from '../sessions/session';

/** The lifeline request: a connection's events from an id on. */
export function registerLifelineHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('lifeline.get', ({ connectionId, fromId }) => sessions.get(connectionId).lifeline.recorder.slice(fromId ?? 0));
}
