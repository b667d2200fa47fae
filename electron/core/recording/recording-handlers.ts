import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import { compareRecordingFiles } from './compare-files';
import type { Recorder } from './recorder';
import { listRecordingFiles, recordingsFolder } from './recording-files';
import { msg } from '../../../shared/i18n';
import { wordingOf } from './worded-error';

/** Recording requests. Without a data folder (tests of other things) a path must be given. */
export function registerRecordingHandlers(router: Router, recorder: Recorder, dataDir: string | undefined): void {
  router.handle('recording.start', ({ connectionIds, path }) => {
    const file = path ?? defaultPath(dataDir);
    if (!isAbsolute(file)) throw new AppError('invalid_input', msg('recordings.core.needFullPath'));
    try {
      return recorder.start(connectionIds, file);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('storage_error', wordingOf(error));
    }
  });
  router.handle('recording.stop', () => recorder.stop());
  router.handle('recording.status', () => recorder.status());
  router.handle('recording.files', async () => {
    if (dataDir === undefined) throw new AppError('invalid_input', msg('recordings.core.noDataFolder'));
    const folder = recordingsFolder(dataDir);
    try {
      return { folder, files: await listRecordingFiles(folder) };
    } catch (error) {
      throw new AppError('storage_error', wordingOf(error));
    }
  });
  router.handle('recording.compare', async ({ a, b, matchField, gapMs, direction }) => {
    for (const [side, path] of [['a', a], ['b', b]] as const) {
      if (!isAbsolute(path)) throw new AppError('invalid_input', msg('recordings.core.sideNeedsFullPath', { side }));
    }
    try {
      return await compareRecordingFiles(a, b, { direction, ...(matchField !== undefined ? { matchField } : {}), ...(gapMs !== undefined ? { gapMs } : {}) });
    } catch (error) {
      throw new AppError('invalid_input', wordingOf(error));
    }
  });
}

function defaultPath(dataDir: string | undefined): string {
  if (dataDir === undefined) throw new AppError('invalid_input', msg('recordings.core.chooseFile'));
  const folder = recordingsFolder(dataDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return join(folder, `mqtt-lab-${new Date().toISOString().replace(/[:.]/g, '-')}.mqttrec.jsonl`);
}
