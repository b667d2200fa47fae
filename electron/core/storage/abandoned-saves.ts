import { brokerFileName } from '../broker/broker-settings-file';
import { secretKeyFileName } from '../profiles/aes-gcm-secret-box';
import { profileFileName } from '../profiles/profile-file';
import { RECORDING_SUFFIX, recordingsFolder } from '../recording/recording-files';
import { settingsFileName } from '../settings/settings-file';
import { savedMessagesFileName } from '../saved-messages/saved-messages-file';
import { sweepTemporaryFiles } from './atomic-file';

const dataFiles = new Set([profileFileName, settingsFileName, brokerFileName, secretKeyFileName, savedMessagesFileName]);

/**
 * A process killed between writing a temporary file and renaming it into place leaves the file
 * behind, and nothing else would ever remove it. At start, the temporary files of our own files
 * in the data folder and the recordings folder go; anything else there is the user's and stays.
 */
export function sweepAbandonedSaves(dataDir: string, now = Date.now()): string[] {
  const removed = [
    ...sweepTemporaryFiles(dataDir, (name) => dataFiles.has(name), now),
    ...sweepTemporaryFiles(recordingsFolder(dataDir), (name) => name.endsWith(RECORDING_SUFFIX), now),
  ];
  if (removed.length > 0) console.warn(`[storage] removed ${removed.length} temporary file(s) left by an interrupted save: ${removed.join(', ')}`);
  return removed;
}
