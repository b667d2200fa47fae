import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageCollection } from '../../../shared/domain/saved-messages';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { WriteQueue, errorCode, moveAside, writeFileAtomically } from '../storage/atomic-file';
import { readSavedMessagesDocument, writeSavedMessagesDocument } from './saved-messages-document';

export const savedMessagesFileName = 'saved-messages.json';

export interface SavedMessagesContents {
  collections: MessageCollection[];
  /** Plain sentences for the user: what could not be read and where the original went. */
  notices: string[];
}

/**
 * saved-messages.json beside profiles.json, kept the same way: atomic whole-file writes one at a
 * time, and a file it cannot read moved aside (never overwritten) with a notice saying where.
 */
export class SavedMessagesFile {
  readonly path: string;
  private readonly writes = new WriteQueue();
  private blocked: string | undefined;

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, savedMessagesFileName);
  }

  read(): SavedMessagesContents {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { collections: [], notices: [] };
      this.blocked = `MQTT Lab will not save messages while ${this.path} cannot be read (${errorCode(error)}): saving would replace it. Fix its permissions and restart MQTT Lab.`;
      return { collections: [], notices: [`The saved messages could not be loaded: ${this.path} cannot be read (${errorCode(error)}). Fix its permissions and restart MQTT Lab; until then, saved messages cannot be changed.`] };
    }
    const read = readSavedMessagesDocument(text);
    if (!read.ok) {
      return { collections: [], notices: [`The saved messages could not be loaded: ${this.path} is damaged (${read.problem}). ${this.moveAside()}${read.hint ? ` ${read.hint}` : ''}`] };
    }
    if (read.skipped.length === 0) return { collections: read.collections, notices: [] };
    const count = read.skipped.length === 1 ? '1 collection' : `${read.skipped.length} collections`;
    const notice = `${count} of ${read.total} saved-message collections could not be read and ${read.skipped.length === 1 ? 'was' : 'were'} left out: ${read.skipped.join('; ')}. ${this.moveAside()}`;
    return { collections: read.collections, notices: [notice] };
  }

  write(collections: readonly MessageCollection[]): Promise<void> {
    const content = writeSavedMessagesDocument(collections);
    return this.writes.run(async () => {
      if (this.blocked) throw new AppError('storage_error', this.blocked);
      try {
        await writeFileAtomically(this.path, content);
      } catch (error) {
        throw new AppError('storage_error', msg('savedMessages.core.writeFailed', { path: this.path, code: String(errorCode(error)) }));
      }
    });
  }

  flush(): Promise<void> {
    return this.writes.flush();
  }

  private moveAside(): string {
    try {
      return `The file was kept as ${moveAside(this.path, this.now())}; nothing in it was deleted.`;
    } catch (error) {
      this.blocked = `MQTT Lab will not save messages while the unreadable ${this.path} is in place: saving would replace it. Move it away and restart MQTT Lab.`;
      return `It could not be moved aside (${errorCode(error)}), so saved messages cannot be changed until ${this.path} is moved away.`;
    }
  }
}
