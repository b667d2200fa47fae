import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import type { Recorder } from './recorder';

/** Recording requests. Without a data folder (tests of other things) a path must be given. */
export function registerRecordingHandlers(router: Router, recorder: Recorder, dataDir: string | undefined): void {
  router.handle('recording.start', ({ connectionIds, path }) => {
    const file = path ?? defaultPath(dataDir);
    if (!isAbsolute(file)) throw new AppError('invalid_input', 'path: The recording file needs a full path, such as /home/me/run-1.mqttrec.jsonl.');
    try {
      return recorder.start(connectionIds, file);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('storage_error', (error as Error).message);
    }
  });
  router.handle('recording.stop', () => recorder.stop());
  router.handle('recording.status', () => recorder.status());
}

function defaultPath(dataDir: string | undefined): string {
  if (dataDir === undefined) throw new AppError('invalid_input', 'path: Choose a file to record to.');
  const folder = join(dataDir, 'recordings');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return join(folder, `mqtt-lab-${new Date().toISOString().replace(/[:.]/g, '-')}.mqttrec.jsonl`);
}
