import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingFile } from '../../../shared/domain/recording-files';
import { errorCode } from '../storage/atomic-file';
import { msg } from '../../../shared/i18n';
import { WordedError } from './worded-error';

export const RECORDING_SUFFIX = '.mqttrec.jsonl';

/** The folder the app records into by default; uploads from a browser land in its `opened` folder. */
export function recordingsFolder(dataDir: string): string {
  return join(dataDir, 'recordings');
}

/** The recordings in `folder`, newest first. A folder that does not exist yet simply has none. */
export async function listRecordingFiles(folder: string): Promise<RecordingFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw new WordedError(msg('recordings.core.folderUnreadable', { folder, code: errorCode(error) }));
  }
  const files: RecordingFile[] = [];
  for (const name of names.filter((entry) => entry.endsWith(RECORDING_SUFFIX))) {
    const path = join(folder, name);
    // A file removed between the listing and its stat is simply not listed.
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) files.push({ path, name, bytes: info.size, modifiedAt: info.mtimeMs });
  }
  return files.sort((x, y) => y.modifiedAt - x.modifiedAt || x.name.localeCompare(y.name));
}
