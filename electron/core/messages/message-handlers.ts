import { MESSAGE_HEAD_BYTES, type MessageDetail } from '../../../shared/domain/message';
import { bytesToBase64 } from '../../../shared/payload/preview';
import type { Router } from '../../ipc/router';
import { msg } from '../../../shared/i18n';
import { AppError } from '../app-error';
import { registerPayloadDecoderHandlers } from '../payload-decoders/payload-decoder-handlers';
import { decodeStoredWithSchema, toSchemaDecoded } from '../payload-decoders/schema-decode';
import type { SessionDirectory } from '../sessions/session';
import { registerDetailHandlers } from './detail-handlers';
import { queryPositions } from './message-query';
import { registerSeriesExportHandlers } from './series-export-handlers';

/** The history requests: reading, querying and clearing what each connection's store holds. */
export function registerMessageHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('message.list', ({ connectionId, from, count }) => {
    const { store } = sessions.get(connectionId);
    return { rows: store.rows(from, count), total: store.size, evicted: store.evicted };
  });
  router.handle('message.query', ({ connectionId, from, count, ...criteria }) => {
    const { store } = sessions.get(connectionId);
    const matches = queryPositions(store, criteria);
    const rows = Array.from(matches.subarray(from, from + count), (position) => store.rowAt(position));
    return { total: matches.length, rows, evicted: store.evicted };
  });
  router.handle('message.history', ({ connectionId }) => sessions.get(connectionId).history());
  router.handle('message.rows', ({ connectionId, ids }) => {
    const { store } = sessions.get(connectionId);
    const rows = [];
    for (const id of ids) {
      const position = id - store.oldestId;
      if (position >= 0 && position < store.size) rows.push(store.rowAt(position));
    }
    return { rows };
  });
  router.handle('message.matches', ({ connectionId, afterId, limit, ...criteria }) => {
    const { store } = sessions.get(connectionId);
    const positions = queryPositions(store, criteria, afterId + 1 - store.oldestId);
    const more = positions.length > limit;
    const kept = more ? positions.subarray(0, limit) : positions;
    const ids = Array.from(kept, (position) => position + store.oldestId);
    // When cut short, the next ask resumes after the last match returned, not after the newest message.
    const scannedTo = more ? (ids.at(-1) ?? afterId) : store.newestId;
    return { ids, scannedTo: Math.max(scannedTo, afterId), more };
  });
  router.handle('message.get', ({ connectionId, messageId }) => {
    const session = sessions.get(connectionId);
    const message = session.store.get(messageId);
    if (!message) throw new AppError('not_found', msg('messages.error.gone', { messageId }));
    // Only the head: a 10 MB payload would take seconds to encode, send and decode, and most views need less.
    const head = message.payload.subarray(0, MESSAGE_HEAD_BYTES);
    const detail: MessageDetail = {
      row: message.row,
      payloadBase64: bytesToBase64(head),
      payloadSize: message.payload.byteLength,
      monotonicMs: message.monotonicMs,
    };
    if (message.properties) detail.properties = message.properties;
    const decoded = decodeStoredWithSchema(session.snapshot().profile.protobuf, session.store, messageId, message.row.topic, message.row.direction, message.payload);
    if (decoded) detail.decoded = toSchemaDecoded(decoded);
    return detail;
  });
  router.handle('message.clear', ({ connectionId }) => {
    sessions.live(connectionId).clearMessages();
    return {};
  });
  registerSeriesExportHandlers(router, sessions);
  registerPayloadDecoderHandlers(router, sessions);
  registerDetailHandlers(router, sessions);
}
