import { z } from 'zod';
import type { RecordingStatus } from '../domain/recording';

/** Requests of session recording, spread into `requests` in `contract.ts`. */
export const recordingRequests = {
  /**
   * connectionIds empty: every connection. Without a path the file goes into the recordings folder
   * beside the profiles, named by the time it starts.
   */
  'recording.start': {
    input: z.object({ connectionIds: z.array(z.string().min(1).max(100)).max(1000), path: z.string().min(1).max(4096).optional() }),
    output: z.custom<RecordingStatus>(),
  },
  'recording.stop': { input: z.object({}), output: z.custom<RecordingStatus>() },
  'recording.status': { input: z.object({}), output: z.custom<RecordingStatus>() },
} as const;

export const recordingEvents = {
  /** Twice a second while recording, and when it starts or stops. */
  'recording.updated': z.custom<RecordingStatus>(),
} as const;
