import { describe, expect, it } from 'vitest';
import { checkTopicFilter, checkTopicName, parseSharedFilter, topicMatches } from '../../shared/mqtt/topics';

describe('topic filters', () => {
  it.each(['#', '+', 'a/#', 'a/+/b', '+/+', '/', 'sport/tennis/+', '$SYS/#', '$share/group/a/+'])('accepts %s', (filter) => {
    expect(checkTopicFilter(filter)).toEqual({ ok: true });
  });

  it.each([
    ['a/#/b', '"#" must be the last level of a filter, but it is at level 2 ("#") of 3.'],
    ['a+', '"+" must fill a whole level, but level 1 ("a+") mixes it with other characters.'],
    ['a/b#', '"#" must fill a whole level, but level 2 ("b#") mixes it with other characters.'],
    ['', 'Filter must not be empty.'],
    ['a\u0000b', 'Filter must not contain the null character (U+0000).'],
    ['$share/+/a', 'The share group name "+" must not contain the wildcard +.'],
    ['$share/g#/a', 'The share group name "g#" must not contain the wildcard #.'],
    ['$share/a+b/x', 'The share group name "a+b" must not contain the wildcard +.'],
    ['$share//a', 'The share group name of $share/{group}/{filter} must not be empty.'],
    ['$share', 'A shared subscription is $share/{group}/{filter}: the group name and the filter are missing.'],
    ['$share/group', 'A shared subscription needs a filter after the group name: $share/group/{filter}.'],
    ['$share/group/', 'The filter of $share/group/{filter} must not be empty.'],
    ['$share/group/a/#/b', '"#" must be the last level of a filter, but it is at level 4 ("#") of 5.'],
    ['$share/group/a+', '"+" must fill a whole level, but level 3 ("a+") mixes it with other characters.'],
  ])('refuses %j with a specific message', (filter, message) => {
    expect(checkTopicFilter(filter)).toMatchObject({ ok: false, message });
  });

  it.each(['$share/g/#', '$share/group-1/sensors/+/temp', '$share/g//x', '$sharex/a', 'a/$share/b'])('accepts %s', (filter) => {
    expect(checkTopicFilter(filter)).toEqual({ ok: true });
  });

  it('reads the group and the inner filter of a shared subscription, and nothing of any other filter', () => {
    expect(parseSharedFilter('$share/g/sensors/+')).toEqual({ group: 'g', filter: 'sensors/+' });
    expect(parseSharedFilter('$share/g/#')).toEqual({ group: 'g', filter: '#' });
    expect(parseSharedFilter('sensors/+')).toBeUndefined();
    expect(parseSharedFilter('$share/g')).toBeUndefined();
    expect(parseSharedFilter('$sharex/g/a')).toBeUndefined();
  });

  it('refuses a filter longer than 65535 bytes of UTF-8, counting multi-byte characters', () => {
    expect(checkTopicFilter('é'.repeat(32768)).ok).toBe(false);
    expect(checkTopicFilter('é'.repeat(32767)).ok).toBe(true);
  });
});

describe('topic names', () => {
  it('accepts ordinary names, including empty levels and $-prefixed ones', () => {
    for (const topic of ['a', 'a/b', '/a', 'a//b', '$SYS/broker/uptime']) expect(checkTopicName(topic)).toEqual({ ok: true });
  });
  it.each(['a/+', 'a/#', '#'])('refuses the wildcard in %s', (topic) => {
    expect(checkTopicName(topic)).toMatchObject({
      ok: false,
      message: 'Topic must not contain the wildcards + or # when publishing; wildcards belong in subscription filters.',
    });
  });
});

describe('wildcard matching', () => {
  it.each([
    ['sport/tennis/player1/#', 'sport/tennis/player1', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/#', 'sport', true],
    ['#', 'anything/at/all', true],
    ['sport/tennis/+', 'sport/tennis/player1', true],
    ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
    ['a/b', 'a/b', true],
    ['a/b', 'a/B', false],
    ['$share/group/lab/+', 'lab/one', true],
    ['$share/g/a/#', 'a/b', true],
    ['$share/g/a/#', 'b/a', false],
    ['$share/g/#', '$SYS/broker/clients', false],
    ['$share/g/$SYS/#', '$SYS/broker/clients', true],
    // The examples of MQTT 5 §4.7.1 and §4.7.2, as written in the spec.
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/tennis/player1/#', 'sport/tennis/player2', false],
    ['sport/+', 'sport/tennis', true],
    ['sport/+', 'sport/tennis/player1', false],
    ['+/+', 'sport/tennis', true],
    ['+/+', 'sport', false],
    ['/+', 'finance', false],
    ['+/tennis/#', 'sport/tennis/player1', true],
    ['sport/+/player1', 'sport/tennis/player1', true],
    ['#', '$SYS/broker/clients', false],
    ['+/broker/clients', '$SYS/broker/clients', false],
    ['$SYS/#', '$SYS/broker/clients', true],
    ['$SYS/+/clients', '$SYS/broker/clients', true],
  ])('%s against %s is %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('keeps $-topics away from filters that start with a wildcard', () => {
    expect(topicMatches('#', '$SYS/broker/load')).toBe(false);
    expect(topicMatches('+/monitor/Clients', '$SYS/monitor/Clients')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/load')).toBe(true);
    expect(topicMatches('$SYS/monitor/+', '$SYS/monitor/Clients')).toBe(true);
  });
});
