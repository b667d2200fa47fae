import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageCollection } from '../../../shared/domain/saved-messages';
import { AppError } from '../app-error';
import { englishOf, msg, type Message } from '../../../shared/i18n';
import { WriteQueue, errorCode, moveAside, writeFileAtomically } from '../storage/atomic-file';
import { listOf, readSavedMessagesDocument, writeSavedMessagesDocument } from './saved-messages-document';

export const savedMessagesFileName = 'saved-messages.json';

export interface SavedMessagesContents {
  collections: MessageCollection[];
  /** What could not be read and where the original went: in English (logs, tests), and as messages for the renderer to word. */
  notices: string[];
  noticeTexts: Message[];
}

function contents(collections: MessageCollection[], notice?: Message): SavedMessagesContents {
  return notice ? { collections, notices: [englishOf(notice)], noticeTexts: [notice] } : { collections, notices: [], noticeTexts: [] };
}

/**
 * saved-messages.json beside profiles.json, kept the same way: atomic whole-file writes one at a
 * time, and a file it cannot read moved aside (never overwritten) with a notice saying where.
 */
export class SavedMessagesFile {
  readonly path: string;
  private readonly writes = new WriteQueue();
  private blocked: Message | undefined;

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
      if (errorCode(error) === 'ENOENT') return contents([]);
      const code = String(errorCode(error));
      this.blocked = msg('savedMessages.file.blockedUnreadable', { path: this.path, code });
      return contents([], msg('savedMessages.file.unreadable', { path: this.path, code }));
    }
    const read = readSavedMessagesDocument(text);
    if (!read.ok) {
      const damaged = msg('savedMessages.file.damaged', { path: this.path }, { problem: read.problem, aside: this.moveAside() });
      return contents([], read.hint ? msg('savedMessages.file.withHint', {}, { text: damaged, hint: read.hint }) : damaged);
    }
    if (read.skipped.length === 0) return contents(read.collections);
    return contents(read.collections, msg('savedMessages.file.partly', { count: read.skipped.length, total: read.total }, { list: listOf(read.skipped), aside: this.moveAside() }));
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

  private moveAside(): Message {
    try {
      return msg('savedMessages.file.keptAs', { aside: moveAside(this.path, this.now()) });
    } catch (error) {
      this.blocked = msg('savedMessages.file.blockedInPlace', { path: this.path });
      return msg('savedMessages.file.notMoved', { code: String(errorCode(error)), path: this.path });
    }
  }
}
