import type { MouseEvent } from 'react';
import type { TopicTreeRow } from '../../../shared/domain/topic-tree';
import { visibleName } from '../../../shared/text/invisible-characters';

export function itemDomId(connectionId: string, topic: string): string {
  // Topics may hold any character; an id must not hold spaces, so the topic is encoded.
  return `topic-${connectionId}-${encodeURIComponent(topic)}`;
}

const INDENT_PX = 14;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function countTitle(row: TopicTreeRow): string {
  const here = `${plural(row.count, 'message', 'messages')} on ${row.topic === '' ? 'this level' : visibleName(row.topic)}`;
  const below = row.childCount > 0 ? `, ${plural(row.subtreeCount, 'message', 'messages')} in its subtree of ${plural(row.topicCount, 'topic', 'topics')}` : '';
  return `${here}${below}: received since the history was last cleared`;
}

interface ItemProps {
  connectionId: string;
  row: TopicTreeRow;
  top: number;
  height: number;
  active: boolean;
  selected: boolean;
  /** The change generation to flash for; a new one restarts the flash. */
  flash: number | undefined;
  onSelect(): void;
  onToggle(): void;
}

/** One node: its level name, retained mark, message count and last value, all as text. */
export function TopicTreeItem({ connectionId, row, top, height, active, selected, flash, onSelect, onToggle }: ItemProps) {
  const hasChildren = row.childCount > 0;
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    onToggle();
  };
  const value = row.last ? (row.last.size === 0 ? undefined : row.last.preview) : undefined;
  const id = itemDomId(connectionId, row.topic);
  return (
    <div
      id={id}
      aria-describedby={`${id}-count ${id}-detail`}
      role="treeitem"
      aria-label={row.name === '' ? '(empty level)' : visibleName(row.name)}
      aria-level={row.level}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-expanded={hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      title={visibleName(row.topic)}
      className={`topic-item${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height, paddingLeft: 4 + (row.level - 1) * INDENT_PX }}
      onClick={onSelect}
      onDoubleClick={onToggle}
    >
      {flash !== undefined && <span key={flash} className="topic-flash" aria-hidden="true" />}
      <span className="topic-line">
        <span className={`topic-chevron${hasChildren ? '' : ' leaf'}`} aria-hidden="true" onClick={hasChildren ? toggle : undefined}>
          {hasChildren ? (row.expanded ? '▾' : '▸') : '·'}
        </span>
        <span className={`topic-name${row.name === '' ? ' empty-level' : ''}`}>{row.name === '' ? '(empty)' : visibleName(row.name)}</span>
        {row.retained && (
          <span className="topic-retained" title="The broker holds a retained message for this topic">
            retained
          </span>
        )}
        <span id={`${id}-count`} className="topic-count" title={countTitle(row)}>
          {hasChildren ? plural(row.subtreeCount, 'msg', 'msgs') : plural(row.count, 'msg', 'msgs')}
        </span>
      </span>
      <span id={`${id}-detail`} className="topic-detail">
        {hasChildren && <span className="topic-summary">{plural(row.topicCount, 'topic', 'topics')}{row.count > 0 ? ` · ${row.count.toLocaleString()} here` : ''}</span>}
        {row.last && (value === undefined ? <span className="topic-value empty-value">(empty payload)</span> : <span className="topic-value">{visibleName(value)}</span>)}
      </span>
    </div>
  );
}
