import type { Router } from '../../ipc/router';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { SavedMessagesStore } from './saved-messages-store';

export function registerSavedMessageHandlers(router: Router, store: SavedMessagesStore, connections: ConnectionRegistry): void {
  // The notices describe the file as it was found at start, so every window that asks hears them.
  router.handle('savedMessages.list', () => ({ collections: store.list(), notices: store.notices, noticeTexts: store.noticeTexts }));
  router.handle('savedMessages.put', async ({ collections }) => ({ collections: await store.put(collections) }));
  router.handle('savedMessages.export', ({ collectionIds }) => store.export(collectionIds));
  router.handle('savedMessages.import', ({ fileName, content }) => {
    const known = new Set(connections.list().map((snapshot) => snapshot.profile.id));
    return store.import(fileName, content, (connectionId) => known.has(connectionId));
  });
}
