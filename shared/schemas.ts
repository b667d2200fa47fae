/**
 * Schemas that several parts of the contract share. They live apart from `contract.ts` so the
 * per-feature request files in `requests/` can use them without importing the contract itself.
 */
import { z } from 'zod';
import { english } from './i18n';
import { QoS } from './domain/profile';
import { checkTopicFilter, checkTopicName } from './mqtt/topics';

export const ConnectionId = z.string().min(1).max(100);
export const ConnectionRef = z.object({ connectionId: ConnectionId });

export const TopicFilter = z.string().superRefine((filter, context) => {
  const check = checkTopicFilter(filter);
  if (!check.ok) context.addIssue({ code: 'custom', message: check.message });
});

export const TopicName = z.string().superRefine((topic, context) => {
  const check = checkTopicName(topic);
  if (!check.ok) context.addIssue({ code: 'custom', message: check.message });
});

/**
 * The criteria of a message query, shared by every request that works on "the messages the user is
 * looking at" (the filtered list, its export), so they can never disagree on what matches.
 */
export const messageCriteria = {
  filter: TopicFilter.optional(),
  text: z.string().max(10_000).optional(),
  regex: z.boolean().optional(),
  direction: z.enum(['in', 'out']).optional(),
  qos: QoS.optional(),
  retained: z.boolean().optional(),
};
export const MessageCriteria = z.object(messageCriteria);
export type MessageCriteria = z.infer<typeof MessageCriteria>;

/** Refuses a regex search whose pattern does not compile, naming the field. */
export function withValidRegex<T extends z.ZodType<{ text?: string | undefined; regex?: boolean | undefined }>>(schema: T) {
  return schema.superRefine((input, context) => {
    if (!input.regex || input.text === undefined) return;
    try {
      new RegExp(input.text);
    } catch (error) {
      // The filter bar's own sentence, so it is written once; the renderer refuses such a pattern before asking.
      context.addIssue({ code: 'custom', path: ['text'], message: english('messages.filter.badRegex', { detail: (error as Error).message }) });
    }
  });
}

