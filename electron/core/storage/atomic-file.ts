/**
 * How the core keeps its JSON files (profiles.json, broker.json): whole-file writes that a crash
 * cannot leave half done, one at a time in the order asked, and unreadable files moved aside rather
 * than overwritten. The callers word the messages; this module only does the file work.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Temporary file in the same folder, fsync, rename: a crash leaves the old file or the new one,
 * never half of one. Throws the file system's error; the temporary file is removed first.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable; folders cannot be opened for this on Windows, where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already in the file, only the rename's durability is at stake.
  }
}

/**
 * Renames an unreadable file to `NAME.unreadable-STAMP` (never replacing an earlier one), so nothing
 * the user had is deleted. Returns the new path; throws the file system's error when it cannot.
 */
export function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  let aside = `${path}.unreadable-${stamp}`;
  for (let attempt = 2; existsSync(aside); attempt++) aside = `${path}.unreadable-${stamp}-${attempt}`;
  renameSync(path, aside);
  return aside;
}

/** Runs writes one at a time in the order they were asked for, so a later save is never overtaken. */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();

  run(write: () => Promise<void>): Promise<void> {
    const done = this.tail.then(write, write);
    this.tail = done.catch(() => undefined);
    return done;
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.tail;
  }
}

/** The error's code (ENOENT, EACCES…), else its message: short enough for a sentence. */
export function errorCode(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message ?? String(error);
}
