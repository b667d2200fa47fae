import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MessageRow } from '../../../shared/domain/message';
import { selectMessage, useAppStore } from '../../store/app-store';
import { useTopicColors } from '../subscriptions/subscription-colors';
import type { TopicColor } from '../subscriptions/subscription-colors';
import { formatSize, formatTime } from './format';
import { GONE, historyView, loadHistory } from './history-view';
import type { RowSlot } from './history-view';
import { visibleName } from '../../../shared/text/invisible-characters';
import { aliasUseText } from '../publish/publish-result';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

const ROW_HEIGHT = 30;
/** The PUBLISH flag's name in the MQTT spec: the same in every language. */
const DUP_FLAG = 'DUP';

/**
 * The message stream, virtualized over everything the store holds (or everything the filter
 * matched): only the visible rows exist in the DOM, and only they are fetched. It follows new
 * messages until the user scrolls up, then keeps the same messages in view, even as the oldest
 * are evicted, and counts what arrived.
 */
export function MessageList({ connectionId }: { connectionId: string }) {
  const t = useT();
  const view = historyView(connectionId);
  const version = useSyncExternalStore(view.subscribe, view.getVersion);
  const count = view.count;
  const selectedId = useAppStore((state) => state.selectedMessage[connectionId]);
  const topicColor = useTopicColors(connectionId);
  const scrollElement = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [lastIdWhenScrolled, setLastIdWhenScrolled] = useState(0);
  const shiftSeen = useRef(view.frontShift);

  useEffect(() => loadHistory(connectionId), [connectionId]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  useLayoutEffect(() => {
    // Evicted rows leave from the top: scroll up by as many, so the rows being read stay in place.
    const shift = view.frontShift - shiftSeen.current;
    shiftSeen.current = view.frontShift;
    const element = scrollElement.current;
    if (shift > 0 && element && !following) element.scrollTop = Math.max(0, element.scrollTop - shift * ROW_HEIGHT);
    if (following && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, following, count, virtualizer, view]);

  const stopFollowing = () => {
    setFollowing(false);
    setLastIdWhenScrolled(view.lastId);
  };

  const onScroll = () => {
    const element = scrollElement.current;
    if (!element) return;
    const atBottom = !rowsHiddenBelow(element);
    if (atBottom && !following) setFollowing(true);
    if (!atBottom && following) stopFollowing();
  };

  // A list that shows its last row has nothing new to jump to, whatever stopped the following (a
  // click on the last row, an arrow key, a taller pane): it follows again, so "↓ N new" never
  // covers the newest row of a list that cannot scroll. Scrolling is not the only way to get there.
  useLayoutEffect(() => {
    const element = scrollElement.current;
    if (!element || following) return;
    const resume = () => {
      if (!rowsHiddenBelow(element)) setFollowing(true);
    };
    resume();
    const observer = new ResizeObserver(resume);
    observer.observe(element);
    return () => observer.disconnect();
  }, [following, version, count]);

  const jumpToNewest = () => {
    setFollowing(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  };

  const selectedIndex = selectedId === undefined ? -1 : view.indexOf(selectedId);

  // A message selected from elsewhere (another view showing a recording's message) is scrolled to,
  // once it is in the list: the history may still be loading when it is chosen.
  const revealed = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (selectedId === undefined || selectedId === revealed.current || selectedIndex < 0) return;
    revealed.current = selectedId;
    const shown = virtualizer.getVirtualItems();
    const first = shown[0]?.index ?? 0;
    const last = shown.at(-1)?.index ?? -1;
    if (selectedIndex > first && selectedIndex < last) return;
    setFollowing(false);
    setLastIdWhenScrolled(view.lastId);
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedId, selectedIndex, virtualizer, view]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === ' ') {
      event.preventDefault();
      view.setPaused(!view.paused);
      return;
    }
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(count - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex === -1 ? count - 1 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'PageDown' || event.key === 'PageUp') {
      const page = Math.max(1, Math.floor((scrollElement.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
      next = Math.min(count - 1, Math.max(0, (selectedIndex === -1 ? count - 1 : selectedIndex) + (event.key === 'PageDown' ? page : -page)));
    }
    if (next === undefined || count === 0) return;
    event.preventDefault();
    const id = view.idAt(next);
    if (id === undefined) return;
    selectMessage(connectionId, id);
    if (next === count - 1) jumpToNewest();
    else {
      stopFollowing();
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
  };

  // Counted by id, so it stays right when old messages are evicted meanwhile.
  const newCount = following || view.paused ? 0 : view.filtered ? 0 : view.lastId - lastIdWhenScrolled;
  const activeId = selectedIndex >= 0 ? selectedId : undefined;

  return (
    <div className="message-list-wrap">
      <div
        ref={scrollElement}
        className="message-list"
        role="listbox"
        aria-label={t('messages.list.label')}
        tabIndex={0}
        aria-activedescendant={activeId !== undefined ? rowDomId(connectionId, activeId) : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {count === 0 && <p className="empty-note">{t(emptyText(view.filtered, view.held))}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <MessageRowView
              key={view.idAt(item.index) ?? item.index}
              connectionId={connectionId}
              slot={view.rowAt(item.index)}
              index={item.index}
              total={count}
              top={item.start}
              selectedId={selectedId}
              color={topicColor}
            />
          ))}
        </div>
      </div>
      {newCount > 0 && (
        <button type="button" className="new-messages" onClick={jumpToNewest}>
          {t('messages.list.newCount', { count: newCount })}
        </button>
      )}
    </div>
  );
}

function rowsHiddenBelow(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight >= ROW_HEIGHT;
}

function emptyText(filtered: boolean, held: number): MessageKey {
  if (filtered) return held === 0 ? 'messages.list.emptyYet' : 'messages.list.emptyNoMatch';
  return 'messages.list.empty';
}

function rowDomId(connectionId: string, messageId: number): string {
  return `message-${connectionId}-${messageId}`;
}

interface RowProps {
  connectionId: string;
  slot: RowSlot;
  index: number;
  total: number;
  top: number;
  selectedId: number | undefined;
  color: (topic: string) => TopicColor | undefined;
}

function MessageRowView({ connectionId, slot, index, total, top, selectedId, color }: RowProps) {
  const t = useT();
  const style = { transform: `translateY(${top}px)`, height: ROW_HEIGHT };
  if (slot === undefined || slot === GONE) {
    return (
      <div className="message-row placeholder" style={style} role="option" aria-selected={false} aria-posinset={index + 1} aria-setsize={total}>
        <span className="cell-preview">{t(slot === GONE ? 'messages.list.evicted' : 'messages.list.loading')}</span>
      </div>
    );
  }
  const row: MessageRow = slot;
  const selected = row.id === selectedId;
  const matched = row.direction === 'in' ? color(row.topic) : undefined;
  return (
    <div
      id={rowDomId(connectionId, row.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`message-row direction-${row.direction} ${selected ? 'selected' : ''}`}
      style={style}
      onClick={() => selectMessage(connectionId, row.id)}
    >
      <span
        className="cell-subscription"
        style={matched ? { background: matched.color } : undefined}
        title={matched ? t('messages.list.matched', { filter: matched.filter }) : undefined}
        aria-hidden="true"
      />
      <span className="cell-time">{formatTime(row.time)}</span>
      <span className="cell-direction" title={t(row.direction === 'in' ? 'messages.direction.received' : 'messages.direction.sentByYou')}>
        {t(row.direction === 'in' ? 'messages.list.in' : 'messages.list.out')}
      </span>
      <span className="cell-topic">{visibleName(row.topic)}</span>
      <span className="cell-qos">{t('messages.qos', { qos: row.qos })}</span>
      <span className="cell-flags">
        {row.retain && (
          <span className="flag" title={t('messages.list.retained')}>
            {t('messages.list.retained')}
          </span>
        )}
        {row.dup && (
          <span className="flag" title={t('messages.list.dupTitle')}>
            {DUP_FLAG}
          </span>
        )}
        {row.topicAlias && (
          <span className="flag" title={t('messages.list.aliasTitle', { use: aliasUseText(row.topicAlias, t) })}>
            {t(row.topicAlias.form === 'alias-only' ? 'messages.list.asAlias' : 'messages.list.plusAlias', { alias: row.topicAlias.alias })}
          </span>
        )}
      </span>
      <span className="cell-preview">{visibleName(row.preview)}</span>
      <span className="cell-size">{formatSize(row.size)}</span>
    </div>
  );
}
