import { useEffect, useState } from 'react';
import type { PendingPublish, PendingSummary } from '../../../shared/domain/connection';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { formatSize } from '../messages/format';
import { visibleName } from '../../../shared/text/invisible-characters';
import type { Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

/** Rows read per page: the queue can hold 100,000 messages, and the renderer never holds them all. */
const PAGE_ROWS = 50;

function overflowText(t: Translator, summary: PendingSummary): string {
  return t('publish.pending.limit', { messages: summary.limit.messages, size: formatSize(summary.limit.bytes) });
}

/** Messages published while the connection was down: shown until they go out, never dropped silently. */
export function PendingList({ connectionId }: { connectionId: string }) {
  const t = useT();
  const count = (value: number) => t.number(value);
  const summary = useAppStore((state) => state.connections[connectionId]?.pending);
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<PendingPublish[]>([]);
  const waiting = summary?.count ?? 0;
  const pages = Math.max(1, Math.ceil(waiting / PAGE_ROWS));
  const shownPage = Math.min(page, pages - 1);

  // The summary changes at most ten times a second; each change reads the page on screen again.
  useEffect(() => {
    if (waiting === 0) {
      setRows([]);
      return;
    }
    let current = true;
    api.invoke('connection.pending', { connectionId, offset: shownPage * PAGE_ROWS, limit: PAGE_ROWS }).then(
      (answer) => {
        if (current) setRows(answer.rows);
      },
      () => {
        // The connection went away; its panel goes with it.
      },
    );
    return () => {
      current = false;
    };
  }, [connectionId, shownPage, waiting, summary?.bytes]);

  if (!summary || (waiting === 0 && summary.inFlight === 0 && summary.refused === 0)) return null;
  const discard = async () => {
    if (!window.confirm(t('publish.pending.confirmDiscard', { count: waiting }))) return;
    await api.invoke('connection.discardPending', { connectionId });
  };
  const first = shownPage * PAGE_ROWS;
  const full = waiting >= summary.limit.messages || summary.bytes >= summary.limit.bytes;
  return (
    <section className="pending" aria-label={t('publish.pending.title')}>
      <div className="row">
        <h4>{waiting > 0 ? t('publish.pending.headingSize', { count: waiting, size: formatSize(summary.bytes) }) : t('publish.pending.heading', { count: waiting })}</h4>
        <button type="button" onClick={() => void discard()} disabled={waiting === 0 && summary.refused === 0}>
          {t('publish.pending.discardAll')}
        </button>
      </div>
      <p className="pending-figures" role="status" aria-label={t('publish.pending.status')}>
        {summary.inFlight > 0 && <span>{t('publish.pending.inFlight', { count: summary.inFlight })} </span>}
        {full ? <strong className="pending-full">{t('publish.pending.full')} </strong> : null}
        {summary.refused > 0 && <strong className="pending-full">{t('publish.pending.refused', { count: summary.refused })} </strong>}
        <span className="pending-policy">{overflowText(t, summary)}</span>
      </p>
      {waiting > 0 && (
        <>
          <ul aria-label={t('publish.pending.list')}>
            {rows.map((item) => (
              <li key={item.id}>
                <span className="topic">{visibleName(item.topic)}</span> · {t('publish.pending.row', { qos: item.qos, retain: item.retain ? 'yes' : 'no', size: formatSize(item.size) })} · <span className="preview">{item.preview}</span>
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <div className="row pending-pages">
              <button type="button" onClick={() => setPage(shownPage - 1)} disabled={shownPage === 0}>
                {t('publish.pending.earlier')}
              </button>
              <span>{t('publish.pending.page', { from: count(first + 1), to: count(Math.min(first + PAGE_ROWS, waiting)), total: count(waiting) })}</span>
              <button type="button" onClick={() => setPage(shownPage + 1)} disabled={shownPage >= pages - 1}>
                {t('publish.pending.later')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
