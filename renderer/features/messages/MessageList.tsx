import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MessageRow } from '../../../shared/domain/message';
import { selectMessage, useAppStore } from '../../store/app-store';
import { formatSize, formatTime } from './format';
import { loadHistory, messageBuffer } from './message-buffers';

const ROW_HEIGHT = 30;

/**
 * The message stream, virtualized: only the visible rows exist in the DOM, whatever the history holds.
 * It follows new messages until the user scrolls up, then counts what arrived and offers a jump back.
 */
export function MessageList({ connectionId }: { connectionId: string }) {
  const buffer = messageBuffer(connectionId);
  const version = useSyncExternalStore(buffer.subscribe, buffer.getVersion);
  const rows = buffer.rows;
  const selectedId = useAppStore((state) => state.selectedMessage[connectionId]);
  const scrollElement = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [countWhenPaused, setCountWhenPaused] = useState(0);

  useEffect(() => {
    void loadHistory(connectionId);
  }, [connectionId]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  useLayoutEffect(() => {
    if (following && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [version, following, rows.length, virtualizer]);

  const onScroll = () => {
    const element = scrollElement.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT;
    if (atBottom && !following) setFollowing(true);
    if (!atBottom && following) {
      setFollowing(false);
      setCountWhenPaused(rows.length);
    }
  };

  const jumpToNewest = () => {
    setFollowing(true);
    if (rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  };

  const selectedIndex = selectedId === undefined ? -1 : findIndexById(rows, selectedId);

  const onKeyDown = (event: KeyboardEvent) => {
    if (rows.length === 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(rows.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex === -1 ? rows.length - 1 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const row = rows[next];
    if (!row) return;
    selectMessage(connectionId, row.id);
    if (next === rows.length - 1) jumpToNewest();
    else {
      setFollowing(false);
      setCountWhenPaused(rows.length);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
  };

  const newCount = following ? 0 : rows.length - countWhenPaused;
  const activeRow = selectedIndex >= 0 ? rows[selectedIndex] : undefined;

  return (
    <div className="message-list-wrap">
      <div
        ref={scrollElement}
        className="message-list"
        role="listbox"
        aria-label="Messages"
        tabIndex={0}
        aria-activedescendant={activeRow ? rowDomId(connectionId, activeRow.id) : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 && <p className="empty-note">No messages yet. Subscribe to a topic filter, or publish.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <MessageRowView
                key={row.id}
                connectionId={connectionId}
                row={row}
                index={item.index}
                total={rows.length}
                top={item.start}
                selected={row.id === selectedId}
              />
            );
          })}
        </div>
      </div>
      {newCount > 0 && (
        <button type="button" className="new-messages" onClick={jumpToNewest}>
          ↓ {newCount} new
        </button>
      )}
    </div>
  );
}

function findIndexById(rows: MessageRow[], id: number): number {
  // Ids are increasing, so a binary search finds a row among millions without a scan.
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = rows[middle]?.id ?? 0;
    if (value === id) return middle;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function rowDomId(connectionId: string, messageId: number): string {
  return `message-${connectionId}-${messageId}`;
}

interface RowProps {
  connectionId: string;
  row: MessageRow;
  index: number;
  total: number;
  top: number;
  selected: boolean;
}

function MessageRowView({ connectionId, row, index, total, top, selected }: RowProps) {
  return (
    <div
      id={rowDomId(connectionId, row.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`message-row direction-${row.direction} ${selected ? 'selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => selectMessage(connectionId, row.id)}
    >
      <span className="cell-time">{formatTime(row.time)}</span>
      <span className="cell-direction" title={row.direction === 'in' ? 'received' : 'sent by you'}>
        {row.direction === 'in' ? '← in' : '→ out'}
      </span>
      <span className="cell-topic">{row.topic}</span>
      <span className="cell-qos">QoS {row.qos}</span>
      <span className="cell-flags">
        {row.retain && <span className="flag" title="retained">retained</span>}
        {row.dup && <span className="flag" title="duplicate delivery (DUP)">DUP</span>}
      </span>
      <span className="cell-preview">{row.preview}</span>
      <span className="cell-size">{formatSize(row.size)}</span>
    </div>
  );
}
