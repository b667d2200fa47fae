import type { Direction } from '../../../shared/domain/message';
import type { QoS } from '../../../shared/domain/profile';
import { topicMatches } from '../../../shared/mqtt/topics';
import { OUTGOING, QOS_MASK, RETAIN } from './message-columns';
import type { MessageStore } from './message-store';

export interface MessageFilter {
  /** A topic filter with MQTT wildcard semantics. */
  filter?: string;
  /** Text the decoded UTF-8 payload must contain, or a regular expression when `regex` is set. */
  text?: string;
  regex?: boolean;
  direction?: Direction;
  qos?: QoS;
  retained?: boolean;
}

/**
 * Positions (from the oldest message held) of the messages that pass every given criterion, in
 * order. Cheap criteria run first on the columns; payloads are looked at last, one at a time.
 */
export function queryPositions(store: MessageStore, criteria: MessageFilter): Uint32Array {
  const { columns, head, size } = store.scanColumns();
  const capacity = columns.capacity;
  // The wildcard is evaluated once per distinct topic, not once per message.
  const topicPasses = criteria.filter === undefined ? undefined : store.topics.map((topic) => topicMatches(criteria.filter ?? '', topic));
  let flagMask = 0;
  let flagValue = 0;
  if (criteria.direction !== undefined) {
    flagMask |= OUTGOING;
    flagValue |= criteria.direction === 'out' ? OUTGOING : 0;
  }
  if (criteria.qos !== undefined) {
    flagMask |= QOS_MASK;
    flagValue |= criteria.qos;
  }
  if (criteria.retained !== undefined) {
    flagMask |= RETAIN;
    flagValue |= criteria.retained ? RETAIN : 0;
  }
  const matches = new Uint32Array(size);
  let found = 0;
  for (let position = 0; position < size; position++) {
    const slot = (head + position) % capacity;
    if (topicPasses && !topicPasses[columns.topic[slot] ?? 0]) continue;
    if (((columns.flags[slot] ?? 0) & flagMask) !== flagValue) continue;
    matches[found++] = position;
  }
  const candidates = matches.subarray(0, found);
  if (!criteria.text) return candidates;
  return criteria.regex ? byRegex(store, candidates, new RegExp(criteria.text)) : byText(store, candidates, criteria.text);
}

const decoder = new TextDecoder('utf-8');

/** Decodes one payload at a time, so a search never holds more than one payload as a string. */
function byRegex(store: MessageStore, candidates: Uint32Array, pattern: RegExp): Uint32Array {
  let kept = 0;
  for (const position of candidates) {
    if (pattern.test(decoder.decode(store.payloadAt(position)))) candidates[kept++] = position;
  }
  return candidates.subarray(0, kept);
}

/**
 * Searches the UTF-8 bytes of the needle in the payload bytes, without decoding: for valid UTF-8
 * this is exactly a substring search in the decoded text, and it needs no string per message.
 * It reads the chunk buffers in place (no view per message), and each payload only within its own
 * bounds, so a match never spans two messages.
 */
function byText(store: MessageStore, candidates: Uint32Array, text: string): Uint32Array {
  const needle = new TextEncoder().encode(text);
  const { columns, head } = store.scanColumns();
  let kept = 0;
  let chunk = -1;
  let bytes: Uint8Array = new Uint8Array(0);
  for (const position of candidates) {
    const slot = (head + position) % columns.capacity;
    const slotChunk = columns.chunk[slot] ?? 0;
    if (slotChunk !== chunk) {
      chunk = slotChunk;
      bytes = store.payloads.bytesOf(chunk);
    }
    const start = columns.offset[slot] ?? 0;
    if (containsBytes(bytes, start, start + (columns.length[slot] ?? 0), needle)) candidates[kept++] = position;
  }
  return candidates.subarray(0, kept);
}

function containsBytes(haystack: Uint8Array, from: number, to: number, needle: Uint8Array): boolean {
  const first = needle[0] ?? 0;
  const last = to - needle.length;
  for (let start = from; start <= last; start++) {
    if (haystack[start] !== first) continue;
    let index = 1;
    while (index < needle.length && haystack[start + index] === needle[index]) index++;
    if (index === needle.length) return true;
  }
  return false;
}
