import type { SubscriptionOptions } from './subscription-options';
import { topicMatches } from './topics';

export interface SubscriptionToMatch {
  filter: string;
  options?: SubscriptionOptions;
}

export interface MatchedSubscription {
  filter: string;
  /** Set when the match was read from the identifier the message carried. */
  identifier?: number;
}

/**
 * Which of our subscriptions a received message matched. One with an identifier matched exactly when
 * the message carries that identifier: the broker must send the identifiers of every subscription
 * that matched (MQTT-3.3.4-3), and the identifier also tells overlapping subscriptions apart, which the
 * topic cannot. One without an identifier, or any when the message carries none (an older broker, or
 * one that does not support them), is matched by its filter, `$share/{group}/` stripped.
 */
export function matchedSubscriptions(subscriptions: readonly SubscriptionToMatch[], topic: string, identifiers: readonly number[] | undefined): MatchedSubscription[] {
  const carried = identifiers && identifiers.length > 0 ? new Set(identifiers) : undefined;
  const matched: MatchedSubscription[] = [];
  for (const { filter, options } of subscriptions) {
    const identifier = options?.subscriptionIdentifier;
    if (carried && identifier !== undefined) {
      if (carried.has(identifier)) matched.push({ filter, identifier });
    } else if (topicMatches(filter, topic)) matched.push({ filter });
  }
  return matched;
}

/** "sensors/# (id 7), $share/g/sensors/+", or "none of the current subscriptions". */
export function describeMatched(matched: readonly MatchedSubscription[]): string {
  if (matched.length === 0) return 'none of the current subscriptions';
  return matched.map(({ filter, identifier }) => (identifier === undefined ? filter : `${filter} (id ${identifier})`)).join(', ');
}
