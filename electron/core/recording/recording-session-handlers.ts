import { join } from 'node:path';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import { errorCode } from '../storage/atomic-file';
import type { OpenedRecordings } from './opened-recordings';
import { listRecordingFiles } from './recording-files';

/** The folder the app records into by default; uploads from a browser land in its `opened` folder. */
export function recordingsFolder(dataDir: string): string {
  return join(dataDir, 'recordings');
}

/** Opening recordings as read-only sessions, and the files there are to open. */
export function registerRecordingSessionHandlers(router: Router, recordings: OpenedRecordings, dataDir: string | undefined): void {
  router.handle('recording.open', ({ path }) => recordings.open(path));
  router.handle('recording.close', ({ sessionId }) => {
    recordings.get(sessionId);
    recordings.close(sessionId);
    return {};
  });
  router.handle('recording.sessions', () => ({ sessions: recordings.list() }));
  router.handle('recording.files', async () => {
    if (dataDir === undefined) throw new AppError('invalid_input', 'This app runs without a data folder, so it has no recordings folder.');
    const folder = recordingsFolder(dataDir);
    try {
      return { folder, files: await listRecordingFiles(folder) };
    } catch (error) {
      throw new AppError('storage_error', `The recordings folder ${folder} could not be read (${errorCode(error)}).`);
    }
  });
}
