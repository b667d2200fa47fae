import type { MessageCriteria } from '../../../shared/schemas';
import { topicMatches } from '../../../shared/mqtt/topics';
import { OUTGOING, QOS_MASK, RETAIN } from './message-columns';
import type { MessageStore } from './message-store';

/**
 * Positions (from the oldest message held) of the messages that pass every given criterion, in
 * order. Cheap criteria run first on the columns; payloads are looked at last, one at a time.
 */
/** `fromPosition` skips the older messages, so a live view only scans what arrived since it last asked. */
export function queryPositions(store: MessageStore, criteria: MessageCriteria, fromPosition = 0): Uint32Array {
  const { columns, head, size } = store.scanColumns();
  // The wildcard is evaluated once per distinct topic, not once per message.
  const filter = criteria.filter;
  const topicPasses = filter === undefined ? undefined : Uint8Array.from(store.topics, (topic) => (topicMatches(filter, topic) ? 1 : 0));
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
  const start = Math.min(Math.max(0, fromPosition), size);
  const remaining = size - start;
  const matches = new Uint32Array(remaining);
  let found = 0;
  const { topic, flags } = columns;
  // The ring is walked as its two straight runs, which spares a modulo per message.
  const startSlot = (head + start) % columns.capacity;
  const firstRun = Math.min(remaining, columns.capacity - startSlot);
  for (let run = 0; run < 2; run++) {
    const slotStart = run === 0 ? startSlot : 0;
    const count = run === 0 ? firstRun : remaining - firstRun;
    const positionBase = run === 0 ? start - startSlot : start + firstRun;
    for (let slot = slotStart; slot < slotStart + count; slot++) {
      if (topicPasses && topicPasses[topic[slot] ?? 0] === 0) continue;
      if (((flags[slot] ?? 0) & flagMask) !== flagValue) continue;
      matches[found++] = slot + positionBase;
    }
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
 *
 * Payloads sit in append order inside each chunk, so one native `indexOf` over the chunk finds the
 * next occurrence for many candidates at once: a candidate matches when that occurrence lies wholly
 * inside its own bytes. An occurrence that spans two payloads matches neither, and no later
 * occurrence can start inside a candidate that the current one already runs past.
 */
function byText(store: MessageStore, candidates: Uint32Array, text: string): Uint32Array {
  const needle = Buffer.from(text, 'utf8');
  const { columns, head } = store.scanColumns();
  let kept = 0;
  let chunk = -1;
  let haystack: Buffer = Buffer.alloc(0);
  /** First occurrence at or after the offset it was searched from; -1 when the chunk has no more. */
  let next = -1;
  let searchedFrom = Infinity;
  for (const position of candidates) {
    const slot = (head + position) % columns.capacity;
    const slotChunk = columns.chunk[slot] ?? 0;
    const start = columns.offset[slot] ?? 0;
    if (slotChunk !== chunk) {
      chunk = slotChunk;
      const bytes = store.payloads.bytesOf(chunk);
      haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      searchedFrom = Infinity;
    }
    if (start < searchedFrom || (next !== -1 && next < start)) {
      next = haystack.indexOf(needle, start);
      searchedFrom = start;
    }
    if (next === -1) continue;
    if (next >= start && next + needle.length <= start + (columns.length[slot] ?? 0)) candidates[kept++] = position;
  }
  return candidates.subarray(0, kept);
}
