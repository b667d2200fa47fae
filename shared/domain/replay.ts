import { z } from 'zod';
import { QoS } from './profile';
import type { WireMessage } from '../i18n/message';

/** Checked where it is parsed, so a bad pattern is refused with its reason before anything is sent. */
export const TopicRewrite = z.discriminatedUnion('kind', [
  /** Topics starting with `from` get `to` instead of it; others are sent unchanged. */
  z.object({ kind: z.literal('prefix'), from: z.string().max(65535), to: z.string().max(65535) }),
  /** JavaScript replace with `$1`-style groups; the first match in each topic. */
  z.object({
    kind: z.literal('regex'),
    pattern: z.string().min(1).max(10_000).superRefine((pattern, context) => {
      try {
        new RegExp(pattern);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `Not a valid regular expression: ${(error as Error).message}` });
      }
    }),
    replacement: z.string().max(65535),
  }),
]);
export type TopicRewrite = z.infer<typeof TopicRewrite>;

export const ReplayOptions = z.object({
  /** A number from 0.1 to 100 keeps the recorded timing scaled by it; 'max' sends as fast as possible. */
  speed: z.union([z.number().min(0.1, 'The speed is at least 0.1×.').max(100, 'The speed is at most 100×.'), z.literal('max')]),
  loop: z.boolean(),
  /** Only the recorded messages whose topic matches this filter, when set. */
  filter: z.string().max(65535).optional(),
  /** Which direction of the recording to send: by default what the recorded client received. */
  direction: z.enum(['in', 'out', 'both']),
  rewrite: TopicRewrite.optional(),
  /** Overrides; unset keeps what was recorded. */
  qos: QoS.optional(),
  retain: z.boolean().optional(),
});
export type ReplayOptions = z.infer<typeof ReplayOptions>;

export interface TimingError {
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export interface ReplayStatus {
  /** `settling`: every message is sent and some acknowledgements are still to come; `finished` only once they are all in. */
  state: 'idle' | 'loading' | 'running' | 'paused' | 'settling' | 'finished' | 'stopped' | 'failed';
  connectionId?: string;
  path?: string;
  /** Messages in one pass. */
  total: number;
  /** Sent in this pass; with `loop`, passes counts the whole ones done. */
  sent: number;
  passes: number;
  acked: number;
  failed: number;
  /**
   * Published while the connection was away, into its offline queue: sent when it is back, and
   * counted here instead of as acknowledged, since the replay does not hear of them again.
   */
  queued: number;
  /** Sent at QoS 1 or 2 and not acknowledged yet. */
  awaitingAck: number;
  /** Why messages failed, with how many each. */
  /** `text`, when there is one, is `reason` as a Message, worded in the user's language where it is shown. */
  failures: Array<{ reason: string; count: number; text?: WireMessage }>;
  /** How far each send was from its scheduled time. Empty at 'max' speed, where nothing is scheduled. */
  timing?: TimingError;
  /** Why the replay stopped by itself, when it did. */
  error?: string;
  /** `error` as a Message, when the core has one: the renderer words it in the user's language. */
  errorText?: WireMessage;
}
