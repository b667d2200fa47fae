/** Requests of the QoS flow timeline, spread into `requests` in `contract.ts`. */
import { z } from 'zod';
import type { FlowCounts, FlowPath, FlowView } from '../domain/flow';
import { flowStates } from '../domain/flow';
import { QoS } from '../domain/profile';
import { ConnectionRef, TopicFilter } from '../schemas';

/** Up to an hour: a flow waiting longer than this is long past a warning. */
const WarnAfterMs = z.number().int().min(0).max(3_600_000);

export const FlowFilterInput = z.object({
  qos: z.array(QoS).max(3).optional(),
  states: z.array(z.enum(flowStates)).max(3).optional(),
  topic: TopicFilter.optional(),
});

export const flowRequests = {
  /**
   * The newest flows that pass the filter, newest first, at most `limit`, older than `beforeFlowId`
   * when given; `more` says older matches were left out. A waiting flow that waited `warnAfterMs`
   * or longer is marked as a warning.
   */
  'flows.list': {
    input: ConnectionRef.extend({
      filter: FlowFilterInput,
      limit: z.number().int().min(1).max(2000),
      beforeFlowId: z.number().int().min(1).optional(),
      warnAfterMs: WarnAfterMs,
    }),
    output: z.custom<{ flows: FlowView[]; more: boolean; counts: FlowCounts }>(),
  },
  /** Flows by id, as held now (for the export of a selection); ids no longer held are left out. */
  'flows.get': {
    input: ConnectionRef.extend({ flowIds: z.array(z.number().int().min(1)).max(10_000), warnAfterMs: WarnAfterMs }),
    output: z.custom<{ flows: FlowView[] }>(),
  },
  /** The flow a history message belongs to (its PUBLISH or a resend of it), or null. */
  'flows.ofMessage': {
    input: ConnectionRef.extend({ messageId: z.number().int().min(1) }),
    output: z.custom<{ flowId: number | null }>(),
  },
  /**
   * One PUBLISH flow followed through the in-process broker: from the publisher to the broker and
   * on to each subscriber, from the broker's packet log. Empty lanes with a note when the broker
   * did not carry it.
   */
  'flows.path': {
    input: ConnectionRef.extend({ flowId: z.number().int().min(1) }),
    output: z.custom<FlowPath>(),
  },
  'flows.clear': { input: ConnectionRef, output: z.object({}) },
} as const;

export const flowEvents = {
  /** At most about five a second per connection while packets flow: the counters, never the flows. */
  'flows.changed': z.custom<{ connectionId: string; counts: FlowCounts }>(),
} as const;
