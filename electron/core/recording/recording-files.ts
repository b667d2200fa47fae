import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingFileEntry } from '../../../shared/domain/recording-session';
import { errorCode } from '../storage/atomic-file';

export const RECORDING_EXTENSION = '.mqttrec.jsonl';

/** The recordings in a folder, newest first; a folder not made yet holds none. */
export async function listRecordingFiles(folder: string): Promise<RecordingFileEntry[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const files: RecordingFileEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(RECORDING_EXTENSION)) continue;
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (info.isFile()) files.push({ path, name, bytes: info.size, modifiedAt: info.mtimeMs });
    } catch {
      // Removed between the listing and the look: it is not there to show.
    }
  }
  return files.sort((a, b) => b.modifiedAt - a.modifiedAt);
}
