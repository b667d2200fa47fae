import type { AppSettings } from '../../../shared/domain/settings';
import { defaultAppSettings } from '../../../shared/domain/settings';
import type { Router } from '../../ipc/router';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { EventBus } from '../event-bus';
import { SettingsFile } from './settings-file';

/**
 * The app-wide settings: read at start, applied to the connections, and saved on change. Without a
 * data folder they live in memory only. Returns the notices about the file as it was found.
 */
export function registerSettingsHandlers(router: Router, bus: EventBus, connections: ConnectionRegistry, dataDir: string | undefined): string[] {
  const file = dataDir === undefined ? undefined : new SettingsFile(dataDir);
  let settings: AppSettings = file?.load() ?? defaultAppSettings;
  connections.setHistoryBudget(settings.history);

  router.handle('settings.get', () => settings);
  router.handle('settings.save', async ({ settings: next }) => {
    // Saved first: a budget the file could not keep would silently revert at the next start.
    await file?.write(next);
    settings = next;
    connections.setHistoryBudget(next.history);
    bus.emit('settings.updated', settings);
    return settings;
  });
  return file?.notices ?? [];
}
