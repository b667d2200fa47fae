/**
 * How the core keeps its JSON files (profiles.json, broker.json): whole-file writes that a crash
 * cannot leave half done, one at a time in the order asked, and unreadable files moved aside rather
 * than overwritten. The callers word the messages; this module only does the file work.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Temporary file in the same folder, fsync, rename: a crash leaves the old file or the new one,
 * never half of one. Throws the file system's error; the temporary file is removed first.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  const temporary = temporaryPathFor(path);
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

/** `.NAME.UUID.tmp` beside `path`: hidden, unique, and recognisable by sweepTemporaryFiles. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
}

const temporaryName = /^\.(.+)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
/** A temporary file younger than this may belong to a save in progress in another instance. */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Removes the temporary files a killed process left in `folder`: only names temporaryPathFor makes
 * for a file `isOurs` accepts, and only when older than a save can take, so a save in progress in
 * another instance on the same folder keeps its file. Returns the names removed; a file that cannot
 * be removed stays, since this is tidying and must not stop the app from starting.
 */
export function sweepTemporaryFiles(folder: string, isOurs: (fileName: string) => boolean, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const original = temporaryName.exec(name)?.[1];
    if (original === undefined || !isOurs(original)) continue;
    const path = join(folder, name);
    try {
      const info = statSync(path);
      if (!info.isFile() || now - info.mtimeMs < ABANDONED_AFTER_MS) continue;
      rmSync(path);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove after all: either way nothing to do.
    }
  }
  return removed;
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
