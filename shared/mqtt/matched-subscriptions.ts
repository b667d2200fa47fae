import type { SubscriptionOptions } from './subscription-options';
import { topicMatches } from './topics';
import type { Translator } from '../i18n';

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
 * Which of our subscriptions a received message matched. The broker must send the identifier of every
 * subscription that matched (MQTT-3.3.4-3), so where it supports them (`brokerSendsIdentifiers`: MQTT 5,
 * and CONNACK did not say Subscription Identifiers Available = 0) one with an identifier matched exactly
 * when the message carries it; that also tells overlapping subscriptions apart, which the topic cannot,
 * such as a shared and a plain one that mosquitto delivers separately. The others, and all where the
 * broker sends no identifiers, are matched by filter, `$share/{group}/` stripped.
 */
export function matchedSubscriptions(
  subscriptions: readonly SubscriptionToMatch[],
  topic: string,
  identifiers: readonly number[] | undefined,
  brokerSendsIdentifiers: boolean,
): MatchedSubscription[] {
  const carried = brokerSendsIdentifiers ? new Set(identifiers ?? []) : undefined;
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
export function describeMatched(t: Translator, matched: readonly MatchedSubscription[]): string {
  if (matched.length === 0) return t('mqtt.matched.none');
  return matched.map(({ filter, identifier }) => (identifier === undefined ? filter : t('mqtt.matched.withId', { filter, id: identifier }))).join(t.locale === 'zh-CN' ? '，' : ', ');
}
