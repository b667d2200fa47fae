import type { AppSettings } from '../../../shared/domain/settings';
import { defaultAppSettings } from '../../../shared/domain/settings';
import type { Router } from '../../ipc/router';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { EventBus } from '../event-bus';
import { SettingsFile } from './settings-file';
import type { NestedMessage } from '../../../shared/i18n/nested';

/**
 * The app-wide settings: read at start, applied to the connections, and saved on change. Without a
 * data folder they live in memory only. Returns the notices about the file as it was found.
 */
export function registerSettingsHandlers(router: Router, bus: EventBus, connections: ConnectionRegistry, dataDir: string | undefined): { notices: string[]; noticeTexts: NestedMessage[] } {
  const file = dataDir === undefined ? undefined : new SettingsFile(dataDir);
  let settings: AppSettings = file?.load() ?? defaultAppSettings;
  connections.setHistoryBudget(settings.history);

  router.handle('settings.get', () => settings);
  const save = async (next: AppSettings): Promise<AppSettings> => {
    // Saved first: a budget the file could not keep would silently revert at the next start.
    await file?.write(next);
    settings = next;
    connections.setHistoryBudget(next.history);
    bus.emit('settings.updated', settings);
    return settings;
  };
  router.handle('settings.save', ({ settings: next }) => save(next));
  router.handle('settings.setLanguage', ({ language }) => save({ ...settings, language }));
  return { notices: file?.notices ?? [], noticeTexts: file?.noticeTexts ?? [] };
}
