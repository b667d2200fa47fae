/** Requests of one feature, spread into `requests` in `contract.ts`. */
import { z } from 'zod';
import type { LifelineSlice } from '../domain/lifeline';
import { ConnectionRef } from '../schemas';

export const lifelineRequests = {
  /**
   * The connection's lifeline events with id ≥ fromId (0 or absent: all held). A renderer that
   * holds some asks from the fromId of the last `lifeline.changed`, because a ping changes when its
   * PINGRESP comes.
   */
  'lifeline.get': {
    input: ConnectionRef.extend({ fromId: z.number().int().min(0).optional() }),
    output: z.custom<LifelineSlice>(),
  },
} as const;

export const lifelineEvents = {
  /** At most four a second per connection, never one per packet: events with id ≥ fromId were added or changed. */
  'lifeline.changed': z.custom<{ connectionId: string; fromId: number }>(),
} as const;
