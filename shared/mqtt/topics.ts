/**
 * MQTT topic names, topic filters and wildcard matching (MQTT 3.1.1 §4.7, MQTT 5 §4.7).
 * Validation returns a sentence a user can act on: `text` to word in the user's language, `message` in English.
 */
import { problem, type Problem } from './problem';

export type TopicCheck = { ok: true } | Problem;

/** Which field a topic check speaks of, so its sentence names it. */
type TopicField = 'topic' | 'filter' | 'responseTopic';

const MAX_TOPIC_BYTES = 65535;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function checkCommon(text: string, what: TopicField): TopicCheck {
  if (text.length === 0) return problem('mqtt.topic.empty', { what });
  if (text.includes('\u0000')) return problem('mqtt.topic.nullCharacter', { what });
  if (utf8Length(text) > MAX_TOPIC_BYTES) return problem('mqtt.topic.tooLong', { what, max: MAX_TOPIC_BYTES });
  return { ok: true };
}

/** A topic name is what a PUBLISH carries: no wildcards allowed. `what` names it (a Response Topic is one too). */
export function checkTopicName(topic: string, what: 'topic' | 'responseTopic' = 'topic'): TopicCheck {
  const common = checkCommon(topic, what);
  if (!common.ok) return common;
  if (topic.includes('+') || topic.includes('#')) return problem('mqtt.topic.wildcardInName', { what });
  return { ok: true };
}

/** A topic filter is what a SUBSCRIBE carries: `+` fills one whole level, `#` must be last and alone. */
export function checkTopicFilter(filter: string): TopicCheck {
  const common = checkCommon(filter, 'filter');
  if (!common.ok) return common;
  const levels = filter.split('/');
  // Before the level rules, so a wildcard in a group name is named as such.
  const shared = checkSharedSubscription(levels);
  if (!shared.ok) return shared;
  for (let index = 0; index < levels.length; index++) {
    const level = levels[index] ?? '';
    const position = { level: index + 1, text: level };
    if (level.includes('#')) {
      if (level !== '#') return problem('mqtt.filter.hashMixed', position);
      if (index !== levels.length - 1) return problem('mqtt.filter.hashNotLast', { ...position, levels: levels.length });
    }
    if (level.includes('+') && level !== '+') return problem('mqtt.filter.plusMixed', position);
  }
  return { ok: true };
}

// `$share/{group}/{filter}` (MQTT 5 §4.8.2): checked as one, so the message names the part that is wrong.
function checkSharedSubscription(levels: string[]): TopicCheck {
  if (levels[0] !== '$share') return { ok: true };
  if (levels.length < 2) return problem('mqtt.shared.missing');
  const group = levels[1] ?? '';
  if (group === '') return problem('mqtt.shared.emptyGroup');
  const wildcard = ['+', '#'].find((character) => group.includes(character));
  if (wildcard !== undefined) return problem('mqtt.shared.wildcardGroup', { group, wildcard });
  if (levels.length < 3) return problem('mqtt.shared.noFilter', { group });
  const inner = levels.slice(2).join('/');
  if (inner === '') return problem('mqtt.shared.emptyFilter', { group });
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
