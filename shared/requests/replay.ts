import { z } from 'zod';
import type { ReplayStatus } from '../domain/replay';
import { ReplayOptions } from '../domain/replay';
import { ConnectionRef, TopicFilter } from '../schemas';

/** Requests of replay, spread into `requests` in `contract.ts`. */
export const replayRequests = {
  /** Reads the recording at `path` and sends its messages through the connection. */
  'replay.start': {
    input: ConnectionRef.extend({ path: z.string().min(1).max(4096), options: ReplayOptions.extend({ filter: TopicFilter.optional() }) }),
    output: z.custom<ReplayStatus>(),
  },
  'replay.pause': { input: z.object({}), output: z.custom<ReplayStatus>() },
  'replay.resume': { input: z.object({}), output: z.custom<ReplayStatus>() },
  'replay.stop': { input: z.object({}), output: z.custom<ReplayStatus>() },
  'replay.status': { input: z.object({}), output: z.custom<ReplayStatus>() },
} as const;

export const replayEvents = {
  /** Four times a second while replaying, and when its state changes. */
  'replay.updated': z.custom<ReplayStatus>(),
} as const;
