import { createHash, timingSafeEqual } from 'node:crypto';
import type { BrokerUserRecord } from './broker-settings';
import { text, type BrokerText } from '../../../shared/broker/broker-text';

/**
 * Why a CONNECT's credentials are refused, in words for the broker log, or undefined when they
 * match a user. The client itself only hears CONNACK 4, as MQTT 3.1.1 prescribes.
 */
export function credentialProblem(users: readonly BrokerUserRecord[], username: string | undefined, password: Buffer | undefined): BrokerText | undefined {
  if (username === undefined || username === '') return text('broker.reason.noUserName');
  const user = users.find((each) => each.username === username);
  if (!user) return text('broker.reason.noSuchUser', { username });
  if (!samePassword(user.password, password?.toString('utf8') ?? '')) return text('broker.reason.wrongPassword', { username });
  return undefined;
}

/** Compared as digests in constant time, so response timing does not reveal how much of a guess was right. */
function samePassword(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
