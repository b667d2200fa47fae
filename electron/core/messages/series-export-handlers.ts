import type { Router } from '../../ipc/router';
import type { SessionDirectory } from '../sessions/session';
import { parseFieldPath } from '../../../shared/series/field-path';
import { AppError } from '../app-error';
import { schemaJsonAt } from '../payload-decoders/schema-json';
import { exportPage } from './message-export';
import { findNumericFields, readSeries } from './message-series';

/** Plotting (numbers over time from a topic's payloads) and exporting the filtered history. */
export function registerSeriesExportHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('message.series', ({ connectionId, topic, field, afterId, limit }) => {
    const path = parseFieldPath(field);
    // The schema has checked the path already; this narrows the type.
    if (!path.ok) throw new AppError('invalid_input', path.text);
    const session = sessions.get(connectionId);
    return readSeries(session.store, topic, path.segments, afterId ?? 0, limit, schemaJsonAt(session, 'for-plot'));
  });
  router.handle('message.fields', ({ connectionId, topic }) => {
    const session = sessions.get(connectionId);
    return findNumericFields(session.store, topic, schemaJsonAt(session, 'for-plot'));
  });
  router.handle('message.export', ({ connectionId, format, cursor, count, ...criteria }) => {
    const session = sessions.get(connectionId);
    return exportPage(session.store, criteria, format, cursor, count, schemaJsonAt(session, 'as-shown'));
  });
}
