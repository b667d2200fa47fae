import { z } from 'zod';
import type { RecordingSessionView } from '../domain/recording-session';

const SessionRef = z.object({ sessionId: z.string().min(1).max(100) });

/** Opening recording files as read-only sessions; spread into `requests` in `contract.ts`. */
export const recordingSessionRequests = {
  /**
   * Starts reading the file and answers at once, with the session's id: its messages fill the same
   * views as a connection's (keyed by that id) while the rest of the file is read. A file that is
   * missing, unreadable, empty or not a recording is refused with the reason.
   */
  'recording.open': {
    input: z.object({ path: z.string().min(1, 'Choose a recording file.').max(4096) }),
    output: z.custom<RecordingSessionView>(),
  },
  'recording.close': { input: SessionRef, output: z.object({}) },
  'recording.sessions': { input: z.object({}), output: z.custom<{ sessions: RecordingSessionView[] }>() },
} as const;

export const recordingSessionEvents = {
  /** A few times a second while a file is read, and once when it is done. */
  'recording.session.updated': z.custom<RecordingSessionView>(),
  'recording.session.closed': z.custom<{ sessionId: string }>(),
} as const;
