import { describe, expect, it } from 'vitest';
import { subscriptionColor, topicColor } from '../../renderer/features/subscriptions/topic-color';
import { describeMatched as describeIn, matchedSubscriptions, type MatchedSubscription } from '../../shared/mqtt/matched-subscriptions';
import { translator } from '../../shared/i18n';

const describeMatched = (matched: readonly MatchedSubscription[]) => describeIn(translator('en'), matched);

const ours = [
  { filter: 'sensors/#', options: { subscriptionIdentifier: 7 } },
  { filter: '$share/g/sensors/+' },
  { filter: 'sensors/+', options: { subscriptionIdentifier: 9 } },
  { filter: 'other/#' },
];

describe('which of our subscriptions a message matched', () => {
  it('reads those with an identifier from the identifiers carried, and the others by filter, $share included', () => {
    const matched = matchedSubscriptions(ours, 'sensors/t1', [7], true);
    expect(matched).toEqual([{ filter: 'sensors/#', identifier: 7 }, { filter: '$share/g/sensors/+' }]);
    expect(describeMatched(matched)).toBe('sensors/# (id 7), $share/g/sensors/+');
  });

  it('leaves out those with an identifier the message does not carry: another subscription delivered it', () => {
    expect(describeMatched(matchedSubscriptions(ours, 'sensors/t1', undefined, true))).toBe('$share/g/sensors/+');
  });

  it('matches everything by filter where the broker sends no identifiers', () => {
    expect(matchedSubscriptions(ours, 'sensors/t1', undefined, false).map((entry) => entry.filter)).toEqual(['sensors/#', '$share/g/sensors/+', 'sensors/+']);
  });

  it('says so when none matched', () => {
    expect(describeMatched(matchedSubscriptions(ours, 'elsewhere', undefined, true))).toBe('none of the current subscriptions');
  });
});

describe('the message list colour of a received topic', () => {
  it('is the colour of a $share subscription whose inner filter matches', () => {
    expect(topicColor(['x/#', '$share/g/a/#'], 'a/b')).toEqual({ color: subscriptionColor(1), filter: '$share/g/a/#' });
    expect(topicColor(['$share/g/a/#'], 'b/a')).toBeUndefined();
  });
});
