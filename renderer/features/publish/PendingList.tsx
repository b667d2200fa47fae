import { useEffect, useState } from 'react';
import type { PendingPublish, PendingSummary } from '../../../shared/domain/connection';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { formatSize } from '../messages/format';
import { visibleName } from '../../../shared/text/invisible-characters';

/** Rows read per page: the queue can hold 100,000 messages, and the renderer never holds them all. */
const PAGE_ROWS = 50;

const count = (value: number) => value.toLocaleString('en-US');

function overflowText(summary: PendingSummary): string {
  const limit = `${count(summary.limit.messages)} messages or ${formatSize(summary.limit.bytes)}`;
  return `Limit ${limit}; when full, new messages are refused with an error`;
}

/** Messages published while the connection was down: shown until they go out, never dropped silently. */
export function PendingList({ connectionId }: { connectionId: string }) {
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
    if (!window.confirm(`Discard ${count(waiting)} message${waiting === 1 ? '' : 's'} waiting to be sent?`)) return;
    await api.invoke('connection.discardPending', { connectionId });
  };
  const first = shownPage * PAGE_ROWS;
  const full = waiting >= summary.limit.messages || summary.bytes >= summary.limit.bytes;
  return (
    <section className="pending" aria-label="Waiting to send">
      <div className="row">
        <h4>
          Waiting to send ({count(waiting)}
          {waiting > 0 ? ` · ${formatSize(summary.bytes)}` : ''})
        </h4>
        <button type="button" onClick={() => void discard()} disabled={waiting === 0 && summary.refused === 0}>
          Discard all
        </button>
      </div>
      <p className="pending-figures" role="status" aria-label="Queue status">
        {summary.inFlight > 0 && <span>{count(summary.inFlight)} sent, waiting for the broker's acknowledgement. </span>}
        {full ? <strong className="pending-full">Queue full: new messages are refused. </strong> : null}
        {summary.refused > 0 && <strong className="pending-full">{count(summary.refused)} refused because the queue was full. </strong>}
        <span className="pending-policy">{overflowText(summary)}.</span>
      </p>
      {waiting > 0 && (
        <>
          <ul aria-label="Messages waiting to send">
            {rows.map((item) => (
              <li key={item.id}>
                <span className="topic">{visibleName(item.topic)}</span> · QoS {item.qos}
                {item.retain ? ' · retain' : ''} · {formatSize(item.size)} · <span className="preview">{item.preview}</span>
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <div className="row pending-pages">
              <button type="button" onClick={() => setPage(shownPage - 1)} disabled={shownPage === 0}>
                Earlier
              </button>
              <span>
                {count(first + 1)}–{count(Math.min(first + PAGE_ROWS, waiting))} of {count(waiting)}
              </span>
              <button type="button" onClick={() => setPage(shownPage + 1)} disabled={shownPage >= pages - 1}>
                Later
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
