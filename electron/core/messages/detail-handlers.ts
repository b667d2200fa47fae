import { bytesToBase64 } from '../../../shared/payload/preview';
import type { Router } from '../../ipc/router';
import { msg } from '../../../shared/i18n';
import { AppError } from '../app-error';
import type { SessionDirectory } from '../sessions/session';
import type { MessageStore } from './message-store';

/** The message detail's requests: slices of a large payload, and the previous message on a topic. */
export function registerDetailHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('message.payload', ({ connectionId, messageId, offset, length }) => {
    const { store } = sessions.get(connectionId);
    const payload = store.payloadAt(positionOf(store, messageId));
    if (offset > payload.byteLength) throw new AppError('invalid_input', msg('messages.error.offsetPastEnd', { offset, size: payload.byteLength }));
    return { offset, bytesBase64: bytesToBase64(payload.subarray(offset, offset + length)), totalSize: payload.byteLength };
  });
  router.handle('message.previousOnTopic', ({ connectionId, messageId }) => {
    const { store } = sessions.get(connectionId);
    const position = positionOf(store, messageId);
    const { columns } = store.scanColumns();
    const topic = columns.topic[store.slotOf(position)];
    // Walks the topic column alone: no row is built for the messages passed over.
    for (let earlier = position - 1; earlier >= 0; earlier--) {
      if (columns.topic[store.slotOf(earlier)] === topic) return { messageId: messageId - (position - earlier) };
    }
    return { messageId: null };
  });
}

function positionOf(store: MessageStore, messageId: number): number {
  const oldest = store.size > 0 ? store.rowAt(0).id : 0;
  const position = messageId - oldest;
  if (store.size === 0 || position < 0 || position >= store.size) {
    throw new AppError('not_found', msg('messages.error.gone', { messageId }));
  }
  return position;
}
