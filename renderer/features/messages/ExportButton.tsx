import { useEffect, useId, useRef, useState } from 'react';
import type { ExportFormat } from '../../../shared/export/exported-message';
import type { ExportCursor } from '../../../shared/requests/series-export';
import { api } from '../../api';
import { downloadBlob, fileStamp } from '../../components/download';
import { useAppStore } from '../../store/app-store';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import './export-button.css';

const formats: Array<{ format: ExportFormat; label: string; extension: string; type: string }> = [
  { format: 'jsonl', label: 'JSON Lines', extension: 'jsonl', type: 'application/x-ndjson' },
  { format: 'csv', label: 'CSV', extension: 'csv', type: 'text/csv' },
];

/**
 * Below the contract's maximum: each page re-runs the query and formats its messages in one go in
 * the main process, which should stay responsive to MQTT traffic meanwhile.
 */
const PAGE_MESSAGES = 10_000;

type Progress = { done: number; total: number } | undefined;
/** Kept unworded, so a language switch rewords a notice still on screen. */
type Notice = { kind: 'warning'; evicted: number } | { kind: 'error'; error: unknown };

/** A close mark, the same in every language; the button's name says what it does. */
const DISMISS_MARK = '✕';

/**
 * Exports the messages the list shows (its filter) as JSON Lines or CSV. The main process formats
 * them page by page and the pages become parts of one Blob, so a million messages never form one
 * string or one transport frame.
 */
export function ExportButton({ connectionId }: { connectionId: string }) {
  const t = useT();
  const criteria = useAppStore((state) => state.messageFilters[connectionId]);
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [notice, setNotice] = useState<Notice>();
  const cancelled = useRef(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector('button')?.focus();
  }, [open]);

  const run = async (entry: (typeof formats)[number]) => {
    setOpen(false);
    setNotice(undefined);
    cancelled.current = false;
    const parts: string[] = [];
    let cursor: ExportCursor | undefined;
    let done = 0;
    let total = 0;
    let evicted = 0;
    setProgress({ done, total });
    try {
      do {
        const page = await api.invoke('message.export', {
          connectionId,
          ...criteria,
          format: entry.format,
          count: PAGE_MESSAGES,
          ...(cursor ? { cursor } : {}),
        });
        if (cursor === undefined) total = page.remaining;
        evicted += page.evictedDuringExport ?? 0;
        parts.push(page.text);
        done += page.exported;
        cursor = page.next;
        setProgress({ done, total });
        if (cancelled.current) return;
      } while (cursor);
      downloadBlob(`mqtt-lab-messages-${fileStamp()}.${entry.extension}`, new Blob(parts, { type: entry.type }));
      if (evicted > 0) setNotice({ kind: 'warning', evicted });
    } catch (error) {
      setNotice({ kind: 'error', error });
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <div
      className="export-button"
      onBlur={(event) => {
        // Closes the choices when focus leaves them and their button, as a click elsewhere does.
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      {progress ? (
        <div className="export-progress" role="status" aria-label={t('messages.export.progressLabel')}>
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t('messages.export.exportedLabel')} />
          <span>{t('messages.export.progress', { done: progress.done, total: progress.total })}</span>
          <button type="button" onClick={() => (cancelled.current = true)}>
            {t('messages.export.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={() => setOpen(!open)}
          title={t('messages.export.title')}
          aria-label={t('messages.export.label')}
        >
          {/* Short: it shares the filter bar's second row with three selects in a narrow middle column. */}
          {t('messages.export.button')}
        </button>
      )}
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="export-menu"
          role="group"
          aria-label={t('messages.export.formatLabel')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}

        >
          {formats.map((entry) => (
            <button key={entry.format} type="button" onClick={() => void run(entry)}>
              {entry.label}
            </button>
          ))}
        </div>
      )}
      {notice && (
        <p className={notice.kind === 'error' ? 'form-error' : 'form-note'} role="alert">
          {notice.kind === 'warning' ? t('messages.export.evicted', { count: notice.evicted }) : t('messages.export.failed', { detail: describeError(t, notice.error) })}{' '}
          <button type="button" className="icon-button" aria-label={t('messages.export.dismiss')} onClick={() => setNotice(undefined)}>
            {DISMISS_MARK}
          </button>
        </p>
      )}
    </div>
  );
}
