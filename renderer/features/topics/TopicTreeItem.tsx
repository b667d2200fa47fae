import type { MouseEvent } from 'react';
import type { TopicTreeRow } from '../../../shared/domain/topic-tree';
import { visibleName } from '../../../shared/text/invisible-characters';
import type { Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

export function itemDomId(connectionId: string, topic: string): string {
  // Topics may hold any character; an id must not hold spaces, so the topic is encoded.
  return `topic-${connectionId}-${encodeURIComponent(topic)}`;
}

const INDENT_PX = 14;
/** Marks for an expanded node, a collapsed one and a leaf: drawn, not read (aria-expanded says it). */
const CHEVRON = { expanded: '▾', collapsed: '▸', leaf: '·' };

function countTitle(t: Translator, row: TopicTreeRow): string {
  const topic = row.topic === '' ? t('topics.item.thisLevel') : visibleName(row.topic);
  if (row.childCount === 0) return t('topics.item.countTitle', { count: row.count, topic });
  return t('topics.item.countTitleSubtree', { count: row.count, topic, subtree: row.subtreeCount, topics: row.topicCount });
}

/** The value shown for the last message: the history may have evicted it, or it may be empty. */
function lastValue(t: Translator, last: NonNullable<TopicTreeRow['last']>): { text: string; empty: boolean } {
  if (last.size === 0) return { text: t('topics.item.emptyPayload'), empty: true };
  if (last.evicted) return { text: t('topics.item.evicted'), empty: false };
  return { text: visibleName(last.preview), empty: false };
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
  const t = useT();
  const hasChildren = row.childCount > 0;
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    onToggle();
  };
  const value = row.last ? lastValue(t, row.last) : undefined;
  const id = itemDomId(connectionId, row.topic);
  return (
    <div
      id={id}
      aria-describedby={`${id}-count ${id}-detail`}
      role="treeitem"
      aria-label={row.name === '' ? t('topics.item.emptyLevelLabel') : visibleName(row.name)}
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
          {hasChildren ? (row.expanded ? CHEVRON.expanded : CHEVRON.collapsed) : CHEVRON.leaf}
        </span>
        <span className={`topic-name${row.name === '' ? ' empty-level' : ''}`}>{row.name === '' ? t('topics.item.emptyLevel') : visibleName(row.name)}</span>
        {row.retained && (
          <span className="topic-retained" title={t('topics.item.retainedTitle')}>
            {t('topics.item.retained')}
          </span>
        )}
        <span id={`${id}-count`} className="topic-count" title={countTitle(t, row)}>
          {t('topics.item.count', { count: hasChildren ? row.subtreeCount : row.count })}
        </span>
      </span>
      <span id={`${id}-detail`} className="topic-detail">
        {hasChildren && (
          <span className="topic-summary">
            {row.count > 0 ? t('topics.item.topicsAndHere', { topics: row.topicCount, count: row.count }) : t('topics.item.topics', { count: row.topicCount })}
          </span>
        )}
        {value && <span className={value.empty ? 'topic-value empty-value' : 'topic-value'}>{value.text}</span>}
      </span>
    </div>
  );
}
