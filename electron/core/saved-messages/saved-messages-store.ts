import { randomUUID } from 'node:crypto';
import type { MessageCollection } from '../../../shared/domain/saved-messages';
import { AppError } from '../app-error';
import { englishOf, msg, type Message } from '../../../shared/i18n';
import type { EventBus } from '../event-bus';
import { listOf, readSavedMessagesDocument, writeSavedMessagesDocument } from './saved-messages-document';
import { SavedMessagesFile } from './saved-messages-file';

/** The saved-message collections: on disk in the data folder, or in memory when the core has none. */
export class SavedMessagesStore {
  private collections: MessageCollection[] = [];
  /** The notices in English (logs, tests), and as messages for the renderer to word. */
  readonly notices: string[] = [];
  readonly noticeTexts: Message[] = [];
  private readonly file: SavedMessagesFile | undefined;
  /** A salvaged file's readable part, written back once so it is not lost with the moved original. */
  private readonly salvage: Promise<void> | undefined;

  constructor(
    private readonly bus: EventBus,
    dataDir: string | undefined,
  ) {
    this.file = dataDir ? new SavedMessagesFile(dataDir) : undefined;
    if (!this.file) return;
    const contents = this.file.read();
    this.collections = contents.collections;
    this.notices.push(...contents.notices);
    this.noticeTexts.push(...contents.noticeTexts);
    if (contents.notices.length > 0 && contents.collections.length > 0) {
      this.salvage = this.file.write(this.collections).catch((error: unknown) => {
        this.notices.push((error as Error).message);
        this.noticeTexts.push(error instanceof AppError && error.text ? error.text : msg('savedMessages.document.verbatim', { text: (error as Error).message }));
      });
    }
  }

  list(): MessageCollection[] {
    return this.collections;
  }

  async put(collections: MessageCollection[]): Promise<MessageCollection[]> {
    const ids = new Set<string>();
    for (const collection of collections) {
      if (ids.has(collection.id)) throw new AppError('invalid_input', msg('savedMessages.core.idTwice', { id: collection.id }));
      ids.add(collection.id);
    }
    await this.salvage;
    await this.file?.write(collections);
    this.collections = collections;
    this.bus.emit('savedMessages.updated', { collections });
    return collections;
  }

  export(collectionIds: readonly string[]): { fileName: string; content: string; count: number } {
    const wanted = collectionIds.length === 0 ? this.collections : this.collections.filter((collection) => collectionIds.includes(collection.id));
    if (collectionIds.length > 0 && wanted.length === 0) throw new AppError('not_found', msg('savedMessages.core.noneLeft'));
    const stamp = new Date().toISOString().slice(0, 10);
    const fileName = wanted.length === 1 && wanted[0] ? `${safeName(wanted[0].name)}.saved-messages.json` : `mqtt-lab-saved-messages-${stamp}.json`;
    return { fileName, content: writeSavedMessagesDocument(wanted, { exportedAt: new Date().toISOString() }), count: wanted.length };
  }

  async import(fileName: string, content: string, knownConnection: (connectionId: string) => boolean) {
    const read = readSavedMessagesDocument(content);
    // The document reader's problem and hint are sentences of their own, worded inside this one.
    if (!read.ok) {
      const parts: Record<string, Message> = { problem: read.problem };
      if (read.hint) parts.hint = msg('savedMessages.core.hint', {}, { hint: read.hint });
      throw new AppError('invalid_input', msg('savedMessages.core.cannotImport', { file: fileName, hint: '' }, parts));
    }
    if (read.collections.length === 0) {
      throw new AppError('invalid_input', read.skipped.length > 0 ? msg('savedMessages.core.noneReadable', { file: fileName }, { skipped: listOf(read.skipped) }) : msg('savedMessages.core.empty', { file: fileName }));
    }
    const warningTexts: Message[] = read.skipped.map((skipped) => msg('savedMessages.core.leftOut', {}, { skipped }));
    const imported = read.collections.map((collection): MessageCollection => {
      const { connectionId, ...rest } = collection;
      if (connectionId !== undefined && !knownConnection(connectionId)) warningTexts.push(msg('savedMessages.core.nowGlobal', { name: collection.name }));
      return { ...rest, id: randomUUID(), ...(connectionId !== undefined && knownConnection(connectionId) ? { connectionId } : {}) };
    });
    const collections = await this.put([...this.collections, ...imported]);
    return { collections, imported: imported.length, warnings: warningTexts.map(englishOf), warningTexts };
  }

  flush(): Promise<void> {
    return this.file?.flush() ?? Promise.resolve();
  }
}

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim().slice(0, 80) || 'collection';
}
