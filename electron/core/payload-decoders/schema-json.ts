import type { JsonValue } from '../../../shared/payload/decoded-value';
import { sparkplugValuesByName } from '../../../shared/payload/sparkplug-aliases';
import type { Session } from '../sessions/session';
import { OUTGOING } from '../messages/message-columns';
import { decodeStoredWithSchema } from './schema-decode';

/**
 * For the views that read many messages (the plot's fields and series, the export): the decoded JSON
 * of the message at a store position, when its topic calls for a schema and it decodes; undefined
 * otherwise, and the caller falls back to reading the payload as JSON.
 */
export function schemaJsonAt(session: Session, shape: 'as-shown' | 'for-plot'): (position: number) => JsonValue | undefined {
  const protobufSettings = session.snapshot().profile.protobuf;
  const store = session.store;
  return (position) => {
    const { columns, head } = store.scanColumns();
    const slot = (head + position) % columns.capacity;
    const topic = store.topics[columns.topic[slot] ?? 0] ?? '';
    if (!topic.startsWith('spBv1.0/') && !protobufSettings) return undefined;
    const direction = ((columns.flags[slot] ?? 0) & OUTGOING) !== 0 ? 'out' : 'in';
    const decoded = decodeStoredWithSchema(protobufSettings, store, store.oldestId + position, topic, direction, store.payloadAt(position));
    if (!decoded || decoded.json === undefined) return undefined;
    return shape === 'for-plot' && decoded.format === 'sparkplug' ? sparkplugValuesByName(decoded.json) : decoded.json;
  };
}
