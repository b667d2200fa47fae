import { z } from 'zod';
import { QoS } from './profile';
import { PublishProperties, TopicAliasRequest } from '../mqtt/publish-options';
import type { TimingError } from './replay';
import type { Message } from '../i18n';

export const MIN_SCHEDULE_INTERVAL_MS = 10;
const MAX_TEXT_CHARS = 16 * 1024 * 1024;

/**
 * A message as the publisher holds it, to be sent again and again. The topic and text may be
 * templates (when `template` is on), so the topic is checked once filled in, not here.
 * `format` reads the text: a file's bytes arrive as base64.
 */
export const RepeatedMessage = z.object({
  topic: z.string().min(1).max(65_535),
  qos: QoS,
  retain: z.boolean(),
  /** `sparkplug` and `protobuf`: the text is JSON, encoded in main at each send (Protobuf by the connection's topic mapping). */
  format: z.enum(['json', 'plaintext', 'hex', 'base64', 'empty', 'sparkplug', 'protobuf']),
  text: z.string().max(MAX_TEXT_CHARS),
  template: z.boolean(),
  properties: PublishProperties.optional(),
  topicAlias: TopicAliasRequest.optional(),
});
export type RepeatedMessage = z.infer<typeof RepeatedMessage>;

export const SchedulePlan = z
  .object({
    // Catalogue keys: the router sends the English and the key, which the publisher words in the user's language.
    intervalMs: z.number().int().min(MIN_SCHEDULE_INTERVAL_MS, 'publish.scheduleCore.intervalMin').max(86_400_000),
    /** Absent: until stopped. */
    count: z.number().int().min(1).max(100_000_000).optional(),
    /** Each send lands up to this much after its time; at most the interval, so sends keep their order. */
    jitterMs: z.number().int().min(0).default(0),
  })
  .refine((plan) => plan.jitterMs <= plan.intervalMs, { message: 'publish.scheduleCore.jitterMax', path: ['jitterMs'] });
export type SchedulePlan = z.infer<typeof SchedulePlan>;

export type ScheduleState = 'running' | 'finished' | 'stopped' | 'failed';

export interface ScheduleStatus {
  scheduleId: number;
  connectionId: string;
  /** The topic as typed, placeholders and all. */
  topic: string;
  intervalMs: number;
  count?: number;
  jitterMs: number;
  state: ScheduleState;
  /** Why it ended, when it did not end by finishing its count: in English, and as a message to word. */
  reason?: string;
  reasonText?: Message;
  sent: number;
  /** PUBACK or PUBCOMP received (QoS 1 and 2); a QoS 0 send has nothing to acknowledge. */
  acknowledged: number;
  failed: number;
  /** Sends per second, measured over the last second or so. */
  rate: number;
  startedAt: number;
  /** How late each send was against its time: drift-free timing keeps this small. */
  timing?: TimingError;
  /** The last failure in English words, and as a message to word (absent for a failure that is not ours, such as a peer's). */
  lastError?: string;
  lastErrorText?: Message;
}
