/**
 * The MQTT 5 options of one subscription (§3.8.3.1 and §3.8.2.1): each is optional and goes on the
 * wire only when set, so a subscription with none of them is byte for byte what it was before.
 */
import { z } from 'zod';
import { parseSharedFilter } from './topics';

/** §3.8.2.1.2: a Variable Byte Integer, 0 is a Protocol Error. */
export const MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

export type RetainHandling = 0 | 1 | 2;

/** What each Retain Handling value makes the broker do with retained messages, in the words the UI shows. */
export const retainHandlingMeanings: Record<RetainHandling, string> = {
  0: 'send retained messages at subscribe',
  1: 'send retained messages only if the subscription is new',
  2: 'never send retained messages at subscribe',
};

// Its own key/value schema rather than the profile's: profile.ts imports this file for saved subscriptions.
const UserProperty = z.object({ key: z.string().min(1, 'A user property needs a name.').max(65535), value: z.string().max(65535) });

export const SubscriptionOptions = z.object({
  /** Messages this client publishes are not sent back to it (MQTT-3.8.3-3). */
  noLocal: z.boolean().optional(),
  /** Forwarded messages keep the RETAIN flag they were published with. */
  retainAsPublished: z.boolean().optional(),
  retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  subscriptionIdentifier: z
    .number()
    .int('The subscription identifier is a whole number.')
    .min(1, 'The subscription identifier is 1 or more; 0 is not allowed (MQTT 5 §3.8.2.1.2).')
    .max(MAX_SUBSCRIPTION_IDENTIFIER, `The subscription identifier is at most ${MAX_SUBSCRIPTION_IDENTIFIER.toLocaleString('en-US')}.`)
    .optional(),
  userProperties: z.array(UserProperty).max(100, 'At most 100 user properties.').optional(),
});
export type SubscriptionOptions = z.infer<typeof SubscriptionOptions>;

/** The options with everything unset left out: false flags, Retain Handling 0, no user properties. */
export function setOptions(options: SubscriptionOptions | undefined): SubscriptionOptions | undefined {
  if (!options) return undefined;
  const kept: SubscriptionOptions = {};
  if (options.noLocal) kept.noLocal = true;
  if (options.retainAsPublished) kept.retainAsPublished = true;
  if (options.retainHandling) kept.retainHandling = options.retainHandling;
  if (options.subscriptionIdentifier !== undefined) kept.subscriptionIdentifier = options.subscriptionIdentifier;
  if (options.userProperties && options.userProperties.length > 0) kept.userProperties = options.userProperties;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Why these options cannot go with this filter on this protocol, or undefined when they can. */
export function subscriptionOptionsProblem(filter: string, options: SubscriptionOptions | undefined, protocolVersion: 3 | 4 | 5): string | undefined {
  const set = setOptions(options);
  if (!set) return undefined;
  if (protocolVersion !== 5) {
    return 'No Local, Retain As Published, Retain Handling, subscription identifiers and user properties are MQTT 5 options; this connection speaks MQTT 3.1.1 or older.';
  }
  if (set.noLocal && parseSharedFilter(filter)) {
    return 'No Local cannot be set on a shared subscription: the broker would close the connection (MQTT-3.8.3-4).';
  }
  return undefined;
}

/** Short words for the subscription list, such as ["No Local", "RH 2", "id 7"]. */
export function describeOptions(options: SubscriptionOptions | undefined): string[] {
  const set = setOptions(options);
  if (!set) return [];
  const words: string[] = [];
  if (set.noLocal) words.push('No Local');
  if (set.retainAsPublished) words.push('Retain As Published');
  if (set.retainHandling) words.push(`Retain Handling ${set.retainHandling}`);
  if (set.subscriptionIdentifier !== undefined) words.push(`id ${set.subscriptionIdentifier}`);
  for (const { key, value } of set.userProperties ?? []) words.push(`${key}=${value}`);
  return words;
}
