import { z } from 'zod';
import type { RecordingStatus } from '../domain/recording';
import type { CompareReport, RecordingFile } from '../domain/recording-files';
import { FieldPath } from './series-export';

const RecordingPath = z.string().min(1, 'Choose a recording file.').max(4096);

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
  /** The recordings in the app's recordings folder, newest first. */
  'recording.files': { input: z.object({}), output: z.custom<{ folder: string; files: RecordingFile[] }>() },
  /**
   * Compares two recordings: matched by topic and order, or by topic and a JSON field's value. Each
   * category lists its first lines with the messages they talk about, and counts the rest.
   */
  'recording.compare': {
    input: z.object({
      a: RecordingPath,
      b: RecordingPath,
      matchField: FieldPath.optional(),
      gapMs: z.number().min(0, 'The gap threshold is 0 ms or more.').max(86_400_000).optional(),
      direction: z.enum(['in', 'out', 'both']),
    }),
    output: z.custom<CompareReport>(),
  },
} as const;

export const recordingEvents = {
  /** Twice a second while recording, and when it starts or stops. */
  'recording.updated': z.custom<RecordingStatus>(),
} as const;
