import type { ProfileView } from './profile';
import type { RecordingCounts } from '../recording/records';
import type { Message } from '../i18n';

/**
 * Opened recordings share the connections' views, which are keyed by id, so their ids live in a
 * namespace no profile id can enter: profile ids are UUIDs, these start with `recording:`.
 */
export const RECORDING_SESSION_PREFIX = 'recording:';

export function isRecordingSessionId(id: string): boolean {
  return id.startsWith(RECORDING_SESSION_PREFIX);
}



/** One connection the recording holds, as its header describes it (secrets were never written). */
export interface RecordedConnectionView {
  connectionId: string;
  profile: ProfileView;
  subscriptions: string[];
}

/** A recording file opened as a read-only session, as the sidebar and its header show it. */
export interface RecordingSessionView {
  sessionId: string;
  path: string;
  fileName: string;
  /** From the header, once it has been read. */
  appVersion?: string;
  startedAt?: string;
  /** From the footer, when the recording stopped cleanly. */
  endedAt?: string;
  connections: RecordedConnectionView[];
  readBytes: number;
  totalBytes: number;
  /** The whole file has been read (or reading failed: see error). */
  done: boolean;
  /** Records read so far. */
  counts: RecordingCounts;
  /** Messages the history budget could not keep (the oldest ones); never silent. */
  evicted: number;
  /** Why the file does not end as a clean stop leaves it. */
  cut?: string;
  /** The same note as a Message, for the renderer to word. */
  cutText?: Message;
  /** Lines that were not records, and other things the user should know (several connections, for one). */
  problems: string[];
  /** The problems that are sentences of ours, by their index in `problems`, as Messages for the renderer to word. */
  problemTexts?: Record<number, Message>;
  /** Why the file could not be read; the session then holds what was read before it. */
  error?: string;
  /** The same as a Message when the sentence is ours. */
  errorText?: Message;
}
