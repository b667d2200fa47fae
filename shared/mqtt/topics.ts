/**
 * MQTT topic names, topic filters and wildcard matching (MQTT 3.1.1 §4.7, MQTT 5 §4.7).
 * Validation returns a sentence a user can act on, because the UI shows it as is.
 */

export type TopicCheck = { ok: true } | { ok: false; message: string };

const MAX_TOPIC_BYTES = 65535;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function checkCommon(text: string, what: 'Topic' | 'Filter'): TopicCheck {
  if (text.length === 0) return { ok: false, message: `${what} must not be empty.` };
  if (text.includes('\u0000')) return { ok: false, message: `${what} must not contain the null character (U+0000).` };
  if (utf8Length(text) > MAX_TOPIC_BYTES) {
    return { ok: false, message: `${what} is longer than ${MAX_TOPIC_BYTES} bytes of UTF-8.` };
  }
  return { ok: true };
}

/** A topic name is what a PUBLISH carries: no wildcards allowed. */
export function checkTopicName(topic: string): TopicCheck {
  const common = checkCommon(topic, 'Topic');
  if (!common.ok) return common;
  if (topic.includes('+') || topic.includes('#')) {
    return {
      ok: false,
      message: 'Topic must not contain the wildcards + or # when publishing; wildcards belong in subscription filters.',
    };
  }
  return { ok: true };
}

/** A topic filter is what a SUBSCRIBE carries: `+` fills one whole level, `#` must be last and alone. */
export function checkTopicFilter(filter: string): TopicCheck {
  const common = checkCommon(filter, 'Filter');
  if (!common.ok) return common;
  const levels = filter.split('/');
  // Before the level rules, so a wildcard in a group name is named as such.
  const shared = checkSharedSubscription(levels);
  if (!shared.ok) return shared;
  for (let index = 0; index < levels.length; index++) {
    const level = levels[index] ?? '';
    const position = `level ${index + 1} ("${level}")`;
    if (level.includes('#')) {
      if (level !== '#') {
        return { ok: false, message: `"#" must fill a whole level, but ${position} mixes it with other characters.` };
      }
      if (index !== levels.length - 1) {
        return { ok: false, message: `"#" must be the last level of a filter, but it is at ${position} of ${levels.length}.` };
      }
    }
    if (level.includes('+') && level !== '+') {
      return { ok: false, message: `"+" must fill a whole level, but ${position} mixes it with other characters.` };
    }
  }
  return { ok: true };
}

// `$share/{group}/{filter}` (MQTT 5 §4.8.2): checked as one, so the message names the part that is wrong.
function checkSharedSubscription(levels: string[]): TopicCheck {
  if (levels[0] !== '$share') return { ok: true };
  if (levels.length < 2) {
    return { ok: false, message: 'A shared subscription is $share/{group}/{filter}: the group name and the filter are missing.' };
  }
  const group = levels[1] ?? '';
  if (group === '') return { ok: false, message: 'The share group name of $share/{group}/{filter} must not be empty.' };
  const wildcard = ['+', '#'].find((character) => group.includes(character));
  if (wildcard !== undefined) {
    return { ok: false, message: `The share group name "${group}" must not contain the wildcard ${wildcard}.` };
  }
  if (levels.length < 3) {
    return { ok: false, message: `A shared subscription needs a filter after the group name: $share/${group}/{filter}.` };
  }
  const inner = levels.slice(2).join('/');
  if (inner === '') return { ok: false, message: `The filter of $share/${group}/{filter} must not be empty.` };
  return { ok: true };
}

export interface SharedFilter {
  group: string;
  /** The filter the broker matches topics against. */
  filter: string;
}

/**
 * The group and inner filter of a `$share/{group}/{filter}` subscription; undefined for any other
 * filter, or one too short to be shared (checkTopicFilter says why).
 */
export function parseSharedFilter(filter: string): SharedFilter | undefined {
  if (!filter.startsWith('$share/')) return undefined;
  const afterGroup = filter.indexOf('/', '$share/'.length);
  if (afterGroup === -1) return undefined;
  return { group: filter.slice('$share/'.length, afterGroup), filter: filter.slice(afterGroup + 1) };
}

/**
 * Does `topic` match `filter`? Follows the spec, including §4.7.2: a filter that starts with
 * a wildcard does not match topics that start with `$` (such as `$SYS/...`).
 * Shared-subscription prefixes are stripped first, because the broker matches on the inner filter.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = stripSharePrefix(filter).split('/');
  const topicLevels = topic.split('/');
  const firstFilter = filterLevels[0];
  if (topic.startsWith('$') && (firstFilter === '+' || firstFilter === '#')) return false;
  for (let index = 0; index < filterLevels.length; index++) {
    const level = filterLevels[index];
    if (level === '#') return true;
    const topicLevel = topicLevels[index];
    if (topicLevel === undefined) return false;
    if (level !== '+' && level !== topicLevel) return false;
  }
  return filterLevels.length === topicLevels.length;
}

function stripSharePrefix(filter: string): string {
  return parseSharedFilter(filter)?.filter ?? filter;
}
