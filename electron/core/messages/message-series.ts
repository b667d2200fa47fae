import type { NumericField, SeriesPage } from '../../../shared/requests/series-export';
import { topicMatches } from '../../../shared/mqtt/topics';
import type { PathSegment } from '../../../shared/series/field-path';
import { collectNumericFields, numberAt } from '../../../shared/series/field-path';
import { payloadJson, payloadNumber } from '../../../shared/series/payload-number';
import { OUTGOING } from './message-columns';
import type { MessageStore } from './message-store';

/** The id of the oldest message held, or undefined when the store is empty. */
export function firstHeldId(store: MessageStore): number | undefined {
  return store.size === 0 ? undefined : store.rowAt(0).id;
}

/**
 * Per interned topic, whether it is plotted: the filter is matched once per distinct topic. Only
 * received messages count, so a topic one both publishes and subscribes to is not plotted twice.
 */
function receivedOn(store: MessageStore, filter: string): (position: number) => boolean {
  const { columns, head } = store.scanColumns();
  const passes = Uint8Array.from(store.topics, (topic) => (topicMatches(filter, topic) ? 1 : 0));
  return (position) => {
    const slot = (head + position) % columns.capacity;
    return passes[columns.topic[slot] ?? 0] === 1 && ((columns.flags[slot] ?? 0) & OUTGOING) === 0;
  };
}

/** Numbers at a field of the messages after `afterId`, oldest first, at most `limit` of them. */
export function readSeries(store: MessageStore, filter: string, segments: readonly PathSegment[], afterId: number, limit: number, schemaJson?: (position: number) => unknown): SeriesPage {
  const page: SeriesPage = { points: { ids: [], times: [], values: [] }, lastId: afterId, more: false, skipped: 0 };
  const firstId = firstHeldId(store);
  if (firstId === undefined) return page;
  const { columns, head, size } = store.scanColumns();
  const matches = receivedOn(store, filter);
  const { ids, times, values } = page.points;
  for (let position = Math.max(0, afterId - firstId + 1); position < size; position++) {
    page.lastId = firstId + position;
    if (!matches(position)) continue;
    const decoded = schemaJson?.(position);
    const value = decoded === undefined ? payloadNumber(store.payloadAt(position), segments) : numberAt(decoded, segments);
    if (value === undefined) {
      page.skipped++;
      continue;
    }
    ids.push(firstId + position);
    times.push(columns.wallTime[(head + position) % columns.capacity] ?? 0);
    values.push(value);
    if (ids.length === limit) {
      page.more = position < size - 1;
      break;
    }
  }
  return page;
}

/** How many recent matching payloads the field picker looks into. */
const FIELD_SAMPLE_MESSAGES = 50;

/** The numeric fields of the most recent matching payloads, the newest payload's fields first. */
export function findNumericFields(store: MessageStore, filter: string, schemaJson?: (position: number) => unknown): { fields: NumericField[]; examined: number } {
  const matches = receivedOn(store, filter);
  const found = new Map<string, number>();
  let examined = 0;
  for (let position = store.size - 1; position >= 0 && examined < FIELD_SAMPLE_MESSAGES; position--) {
    if (!matches(position)) continue;
    examined++;
    collectNumericFields(schemaJson?.(position) ?? payloadJson(store.payloadAt(position)), found);
  }
  return { fields: Array.from(found, ([path, sample]) => ({ path, sample })), examined };
}
