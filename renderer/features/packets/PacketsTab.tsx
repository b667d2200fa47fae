import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PacketRow } from '../../../shared/packets/packet-row';
import { base64ToBytes } from '../../../shared/payload/preview';
import { api } from '../../api';
import { downloadBlob, downloadText } from '../../components/download';
import { useActionError } from '../../components/use-action-error';
import { useT } from '../../i18n/use-t';
import { formatSize, formatTime } from '../messages/format';
import { PacketInspector } from './PacketInspector';
import { packetLabel, packetRowName } from './packet-label';
import './packets-tab.css';

const ROW_HEIGHT = 26;
const POLL_MS = 500;
/** As many as the core's log keeps per connection. */
const MAX_ROWS = 100_000;

/** Every packet this connection sent and received, and the selected one taken apart. */
export function PacketsTab({ connectionId }: { connectionId: string }) {
  const [rows, setRows] = useState<PacketRow[]>([]);
  const [evicted, setEvicted] = useState(0);
  const [selected, setSelected] = useState<number>();
  const [following, setFollowing] = useState(true);
  /** The lower pane is small; expanded, the same view covers the window. */
  const [large, setLarge] = useState(false);
  const scrollElement = useRef<HTMLDivElement>(null);
  const exporting = useActionError();
  const t = useT();

  useEffect(() => {
    let lastSeq = 0;
    let stopped = false;
    setRows([]);
    setSelected(undefined);
    const poll = async () => {
      try {
        for (;;) {
          const result = await api.invoke('packets.list', { connectionId, afterSeq: lastSeq, limit: 2000 });
          if (stopped) return;
          lastSeq = result.lastSeq;
          setEvicted(result.evicted);
          if (result.packets.length > 0) setRows((current) => trim([...current, ...result.packets]));
          if (result.packets.length < 2000) return;
        }
      } catch {
        // The next poll tries again; the connection may be being removed.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [connectionId]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollElement.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  useLayoutEffect(() => {
    if (following && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, following, virtualizer]);

  const selectedIndex = selected === undefined ? -1 : rows.findIndex((row) => row.seq === selected);
  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex] : undefined;

  const onKeyDown = (event: KeyboardEvent) => {
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(rows.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex === -1 ? rows.length - 1 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    if (next === undefined || rows.length === 0) return;
    event.preventDefault();
    setSelected(rows[next]?.seq);
    setFollowing(next === rows.length - 1);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onScroll = () => {
    const element = scrollElement.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const exportAs = (format: 'json' | 'pcapng') =>
    exporting.run(async () => {
      const file = await api.invoke('packets.export', { connectionId, format });
      if (file.encoding === 'base64') downloadBlob(file.fileName, new Blob([base64ToBytes(file.content) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      else downloadText(file.fileName, file.content);
    });

  useEffect(() => {
    if (!large) return undefined;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') setLarge(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [large]);

  return (
    <div
      className={`packets-tab${large ? ' large' : ''}`}
      role={large ? 'dialog' : undefined}
      aria-modal={large ? true : undefined}
      aria-label={large ? t('packets.tab.dialog') : undefined}
    >
      <div className="packets-toolbar">
        <span className="count">
          {evicted > 0 ? t('packets.tab.countDropped', { count: rows.length, dropped: evicted }) : t('packets.tab.count', { count: rows.length })}
        </span>
        <button type="button" onClick={() => void exportAs('json')} disabled={rows.length === 0}>
          {t('packets.tab.exportJson')}
        </button>
        <button type="button" onClick={() => void exportAs('pcapng')} disabled={rows.length === 0}>
          {t('packets.tab.exportPcapng')}
        </button>
        <button type="button" aria-pressed={large} onClick={() => setLarge(!large)}>
          {large ? t('packets.tab.closeLargeView') : t('packets.tab.largeView')}
        </button>
      </div>
      {exporting.error && (
        <p className="packets-error" role="alert">
          {exporting.error}
        </p>
      )}
      <div className="packets-body">
        <div
          ref={scrollElement}
          className="packets-list"
          role="listbox"
          aria-label={t('packets.tab.list')}
          tabIndex={0}
          aria-activedescendant={selectedIndex >= 0 ? optionId(connectionId, selected ?? 0) : undefined}
          onKeyDown={onKeyDown}
          onScroll={onScroll}
        >
          {rows.length === 0 && <p className="empty-note">{t('packets.tab.empty')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const label = packetLabel(row, t);
              return (
                <div
                  key={row.seq}
                  id={optionId(connectionId, row.seq)}
                  role="option"
                  aria-selected={row.seq === selected}
                  aria-label={packetRowName(row, t)}
                  aria-posinset={item.index + 1}
                  aria-setsize={rows.length}
                  className={`packet-row direction-${row.direction}${row.violation ? ' violation' : ''}${row.seq === selected ? ' selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setSelected(row.seq);
                    setFollowing(item.index === rows.length - 1);
                  }}
                >
                  <span className="cell-time">{formatTime(row.time)}</span>
                  <span className="packet-row-label mono">{label}</span>
                  {row.violation && (
                    <span className="packet-violation-mark" title={row.violationText ? t.msg(row.violationText, row.violation) : row.violation} aria-hidden="true">
                      {t('packets.tab.violationMark')}
                    </span>
                  )}
                  <span className="cell-size">{formatSize(row.size)}</span>
                </div>
              );
            })}
          </div>
        </div>
        <div className="packets-inspector" aria-label={t('packets.tab.inspector')} role="region">
          {selectedRow?.violation && (
            <p className="packet-violation-note">
              <strong>{t('packets.tab.violationNoteTitle')}</strong> {t('packets.tab.violationNote', { violation: selectedRow.violationText ? t.msg(selectedRow.violationText, selectedRow.violation) : selectedRow.violation })}
            </p>
          )}
          {selected === undefined ? <p className="empty-note">{t('packets.tab.selectPrompt')}</p> : <PacketInspector source={{ source: 'client', connectionId, seq: selected }} />}
        </div>
      </div>
    </div>
  );
}

function trim(rows: PacketRow[]): PacketRow[] {
  return rows.length > MAX_ROWS ? rows.slice(rows.length - MAX_ROWS) : rows;
}

function optionId(connectionId: string, seq: number): string {
  return `packet-${connectionId}-${seq}`;
}
