import { parseFieldPath, valueAt } from '../series/field-path';
import { payloadJson } from '../series/payload-number';

/** What the comparison needs of a recorded message. */
export interface ComparedMessage {
  id: number;
  topic: string;
  /** Monotonic ms. */
  m: number;
  payload: Uint8Array;
}

export interface CompareOptions {
  /** A JSON field path (as the plot takes them) whose value pairs messages on a topic; otherwise they pair by order. */
  matchField?: string;
  /** Report a pair whose interval from the previous pair on its topic differs by more than this, in ms. */
  gapMs?: number;
}

export interface MessageRef {
  id: number;
  topic: string;
}

export interface CompareResult {
  /** Per topic: how many messages each side has. Topics in either side, sorted. */
  topics: Array<{ topic: string; a: number; b: number }>;
  /** In A with no partner in B. */
  missing: MessageRef[];
  /** In B with no partner in A. */
  extra: MessageRef[];
  /** Paired, but the payload bytes differ. */
  changed: Array<{ topic: string; a: number; b: number; key?: string }>;
  /** Paired, but the interval since the previous pair on the topic differs by more than gapMs. */
  timing: Array<{ topic: string; a: number; b: number; intervalA: number; intervalB: number }>;
  summary: { missing: number; extra: number; changed: number; timing: number; pairs: number };
}

/**
 * Compares two recordings, for example yesterday's run against today's: per-topic counts, messages
 * missing from either side, payload changes of the messages that pair up (by topic and order, or by
 * topic and the value of a JSON field), and intervals that moved more than a threshold.
 */
export function compareRecordings(a: readonly ComparedMessage[], b: readonly ComparedMessage[], options: CompareOptions = {}): CompareResult {
  let keyOf: (message: ComparedMessage, order: number) => string;
  if (options.matchField !== undefined) {
    const parsed = parseFieldPath(options.matchField);
    if (!parsed.ok) throw new Error(`The match field: ${parsed.message}`);
    keyOf = (message) => {
      const value = valueAt(payloadJson(message.payload), parsed.segments);
      return value === undefined ? `\u0000no field ${message.id}` : JSON.stringify(value);
    };
  } else {
    keyOf = (_message, order) => String(order);
  }
  const byTopicA = groupByTopic(a);
  const byTopicB = groupByTopic(b);
  const topics = [...new Set([...byTopicA.keys(), ...byTopicB.keys()])].sort();
  const result: CompareResult = { topics: [], missing: [], extra: [], changed: [], timing: [], summary: { missing: 0, extra: 0, changed: 0, timing: 0, pairs: 0 } };
  for (const topic of topics) {
    const listA = byTopicA.get(topic) ?? [];
    const listB = byTopicB.get(topic) ?? [];
    result.topics.push({ topic, a: listA.length, b: listB.length });
    // Each key may occur several times; its n-th occurrence in A pairs with its n-th in B.
    const waiting = new Map<string, ComparedMessage[]>();
    listB.forEach((message, order) => {
      const key = keyOf(message, order);
      const queue = waiting.get(key);
      if (queue) queue.push(message);
      else waiting.set(key, [message]);
    });
    let previous: { a: ComparedMessage; b: ComparedMessage } | undefined;
    listA.forEach((message, order) => {
      const key = keyOf(message, order);
      const partner = waiting.get(key)?.shift();
      if (!partner) {
        result.missing.push({ id: message.id, topic });
        return;
      }
      result.summary.pairs++;
      if (!sameBytes(message.payload, partner.payload)) {
        const entry: CompareResult['changed'][number] = { topic, a: message.id, b: partner.id };
        if (options.matchField !== undefined) entry.key = key;
        result.changed.push(entry);
      }
      if (options.gapMs !== undefined && previous) {
        const intervalA = message.m - previous.a.m;
        const intervalB = partner.m - previous.b.m;
        if (Math.abs(intervalB - intervalA) > options.gapMs) result.timing.push({ topic, a: message.id, b: partner.id, intervalA, intervalB });
      }
      previous = { a: message, b: partner };
    });
    for (const queue of waiting.values()) for (const message of queue) result.extra.push({ id: message.id, topic });
  }
  result.extra.sort((x, y) => x.id - y.id);
  result.summary.missing = result.missing.length;
  result.summary.extra = result.extra.length;
  result.summary.changed = result.changed.length;
  result.summary.timing = result.timing.length;
  return result;
}

function groupByTopic(messages: readonly ComparedMessage[]): Map<string, ComparedMessage[]> {
  const groups = new Map<string, ComparedMessage[]>();
  for (const message of messages) {
    const group = groups.get(message.topic);
    if (group) group.push(message);
    else groups.set(message.topic, [message]);
  }
  return groups;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false;
  return true;
}
