import type { Router } from '../../ipc/router';
import type { OpenedRecordings } from './opened-recordings';

/** Opening recordings as read-only sessions. */
export function registerRecordingSessionHandlers(router: Router, recordings: OpenedRecordings): void {
  router.handle('recording.open', ({ path }) => recordings.open(path));
  router.handle('recording.close', ({ sessionId }) => {
    recordings.get(sessionId);
    recordings.close(sessionId);
    return {};
  });
  router.handle('recording.sessions', () => ({ sessions: recordings.list() }));
}
