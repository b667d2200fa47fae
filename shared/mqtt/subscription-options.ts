/**
 * The MQTT 5 options of one subscription (§3.8.3.1 and §3.8.2.1): each is optional and goes on the
 * wire only when set, so a subscription with none of them is byte for byte what it was before.
 */
import { z } from 'zod';
import { parseSharedFilter } from './topics';
import { msg, type Message, type MessageKey } from '../i18n';

/** §3.8.2.1.2: a Variable Byte Integer, 0 is a Protocol Error. */
export const MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

export type RetainHandling = 0 | 1 | 2;

/** What each Retain Handling value makes the broker do with retained messages: the key of the words the UI shows. */
export const retainHandlingMeanings: Record<RetainHandling, MessageKey> = {
  0: 'mqtt.retainHandling.0',
  1: 'mqtt.retainHandling.1',
  2: 'mqtt.retainHandling.2',
};

// Its own key/value schema rather than the profile's: profile.ts imports this file for saved subscriptions.
const UserProperty = z.object({ key: z.string().min(1, 'mqtt.subscription.userPropertyName').max(65535), value: z.string().max(65535) });

export const SubscriptionOptions = z.object({
  /** Messages this client publishes are not sent back to it (MQTT-3.8.3-3). */
  noLocal: z.boolean().optional(),
  /** Forwarded messages keep the RETAIN flag they were published with. */
  retainAsPublished: z.boolean().optional(),
  retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  subscriptionIdentifier: z
    .number()
    // Catalogue keys: the router sends them worded in English and as a key the form words in the user's language.
    .int('mqtt.subscription.identifierWhole')
    .min(1, 'mqtt.subscription.identifierMin')
    .max(MAX_SUBSCRIPTION_IDENTIFIER, 'mqtt.subscription.identifierMax')
    .optional(),
  userProperties: z.array(UserProperty).max(100, 'mqtt.subscription.userPropertiesMax').optional(),
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
export function subscriptionOptionsProblem(filter: string, options: SubscriptionOptions | undefined, protocolVersion: 3 | 4 | 5): Message | undefined {
  const set = setOptions(options);
  if (!set) return undefined;
  if (protocolVersion !== 5) return msg('mqtt.subscription.v5Only');
  if (set.noLocal && parseSharedFilter(filter)) return msg('mqtt.subscription.noLocalShared');
  return undefined;
}

/**
 * Short words for the subscription list, such as ["No Local", "Retain Handling 2", "id 7"]: option
 * names stay the spec's, a user property is the user's own text, and the rest is a message to word.
 */
export function describeOptions(options: SubscriptionOptions | undefined): (string | Message)[] {
  const set = setOptions(options);
  if (!set) return [];
  const words: (string | Message)[] = [];
  if (set.noLocal) words.push('No Local');
  if (set.retainAsPublished) words.push('Retain As Published');
  if (set.retainHandling) words.push(msg('mqtt.subscription.option.retainHandling', { value: set.retainHandling }));
  if (set.subscriptionIdentifier !== undefined) words.push(msg('mqtt.subscription.option.identifier', { id: set.subscriptionIdentifier }));
  for (const { key, value } of set.userProperties ?? []) words.push(`${key}=${value}`);
  return words;
}
