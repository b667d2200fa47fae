import type { ExportedMessage, ExportFormat } from '../../../shared/export/exported-message';
import { formatJsonLines } from '../../../shared/export/jsonl';
import { formatMessageCsv, messageCsvHeader } from '../../../shared/export/message-csv';
import type { ExportCursor, ExportPage } from '../../../shared/requests/series-export';
import type { MessageCriteria } from '../../../shared/schemas';
import type { JsonValue } from '../../../shared/payload/decoded-value';
import { queryPositions } from './message-query';
import type { MessageStore } from './message-store';
import { firstHeldId } from './message-series';

/** A page stops growing past this many characters, so many big payloads never make one huge frame. */
const PAGE_TEXT_BUDGET = 16 * 1024 * 1024;

/**
 * One page of an export. Pages are chained by message id rather than by match index, so a message
 * that arrives or is evicted between two pages shifts nothing: the export neither repeats nor skips
 * a message, and what the budget evicted meanwhile is counted.
 */
export function exportPage(store: MessageStore, criteria: MessageCriteria, format: ExportFormat, cursor: ExportCursor | undefined, count: number, schemaJson?: (position: number) => JsonValue | undefined): ExportPage {
  const firstId = firstHeldId(store);
  const afterId = cursor?.afterId ?? 0;
  const untilId = cursor?.untilId ?? (firstId === undefined ? 0 : firstId + store.size - 1);
  const header = cursor === undefined && format === 'csv' ? messageCsvHeader() : '';
  const page: ExportPage = { text: header, remaining: 0, exported: 0 };
  if (cursor && firstId !== undefined && firstId - 1 > afterId) page.evictedDuringExport = firstId - 1 - afterId;
  if (firstId === undefined) return page;

  const positions = queryPositions(store, criteria);
  const start = lowerBound(positions, afterId - firstId + 1);
  const end = lowerBound(positions, untilId - firstId + 1);
  page.remaining = end - start;
  const formatOne = format === 'csv' ? formatMessageCsv : formatJsonLines;
  let text = header;
  let lastId = afterId;
  for (let index = start; index < end && page.exported < count && text.length < PAGE_TEXT_BUDGET; index++) {
    const id = firstId + (positions[index] ?? 0);
    const stored = store.get(id);
    if (!stored) break;
    const { row } = stored;
    const message: ExportedMessage = {
      id,
      timeMs: row.time,
      direction: row.direction,
      topic: row.topic,
      qos: row.qos,
      retain: row.retain,
      dup: row.dup,
      payload: stored.payload,
    };
    if (row.packetId !== undefined) message.packetId = row.packetId;
    if (stored.properties) message.properties = { ...stored.properties };
    const decoded = schemaJson?.(positions[index] ?? 0);
    if (decoded !== undefined) message.decoded = decoded;
    text += formatOne([message]);
    page.exported++;
    lastId = id;
  }
  page.text = text;
  if (page.exported < page.remaining) page.next = { afterId: lastId, untilId };
  return page;
}

/** The first index whose position is at least `position`; the positions are ascending. */
function lowerBound(positions: Uint32Array, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] ?? 0) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
