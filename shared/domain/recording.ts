import type { Message } from '../i18n';
import type { RecordingCounts } from '../recording/records';

/** What the UI shows about the recording in progress, or the last one. */
export interface RecordingStatus {
  active: boolean;
  path?: string;
  connectionIds: string[];
  /** Wall-clock ms when it started. */
  startedAt?: number;
  durationMs: number;
  counts: RecordingCounts;
  bytes: number;
  /** Messages the history evicted before the recorder could copy them. */
  missed: number;
  /** Why it stopped by itself (a disk error), when it did. */
  failure?: string;
  /** The same sentence as a Message, for the renderer to word in the user's language. */
  failureText?: Message;
}
