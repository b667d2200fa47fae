import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { Replayer } from './replayer';
import { wordingOf } from '../recording/worded-error';

export function registerReplayHandlers(router: Router, replayer: Replayer, connections: ConnectionRegistry): void {
  router.handle('replay.start', async ({ connectionId, path, options }) => {
    try {
      return await replayer.start(connections.get(connectionId), path, options);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('invalid_input', wordingOf(error));
    }
  });
  router.handle('replay.pause', () => replayer.pause());
  router.handle('replay.resume', () => replayer.resume());
  router.handle('replay.stop', () => replayer.stop());
  router.handle('replay.status', () => replayer.current());
}
