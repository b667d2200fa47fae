import { useEffect, useRef, useState } from 'react';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TopicNodeView, TopicTreeRow } from '../../../shared/domain/topic-tree';
import { api } from '../../api';
import { setMessageFilter, useAppStore } from '../../store/app-store';
import { TopicTreeItem, itemDomId } from './TopicTreeItem';
import { rowFlashes, useTopicRows } from './use-topic-rows';
import './topic-tree.css';
import { visibleName } from '../../../shared/text/invisible-characters';
import type { Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

const ROW_HEIGHT = 40;

/** What an action said, worded at render, so a language switch rewords a notice still on screen. */
type Notice = (t: Translator) => string;

/** Expanded nodes per connection, kept while the panel is away (another connection shown). */
const expandedByConnection = new Map<string, string[]>();

/** The filter that shows a node and everything below it: MQTT's "a/#" matches "a" itself too. */
export function filterForNode(node: Pick<TopicNodeView, 'topic' | 'childCount'>): string {
  return node.childCount === 0 ? node.topic : `${node.topic}/#`;
}

function parentTopic(row: TopicTreeRow): string | undefined {
  return row.level > 1 ? row.topic.slice(0, row.topic.lastIndexOf('/')) : undefined;
}

/**
 * The topics a connection received, as a tree with message counts, the last value and retained
 * marks. Virtualized over the rows the main process lays out, so 50,000 siblings cost one screenful.
 * Selecting a node filters the message list to it and its subtree.
 */
export function TopicTreePanel({ connectionId }: { connectionId: string }) {
  const t = useT();
  const [expanded, setExpandedState] = useState<string[]>(() => expandedByConnection.get(connectionId) ?? []);
  const [selected, setSelected] = useState<{ topic: string; filter: string }>();
  const [active, setActive] = useState(0);
  const [notice, setNotice] = useState<Notice>();
  // A function is state's updater form, so it is wrapped in one.
  const say = (next: Notice) => setNotice(() => next);
  // The failure of the last action, kept unworded; cleared when the next one starts.
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure ?? new Error(String(failure)));
    }
  };
  const filter = useAppStore((state) => state.messageFilters[connectionId]?.filter);
  const scrollElement = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState({ start: 0, end: 40 });
  const tree = useTopicRows(connectionId, expanded, visible);
  const selectedNode = useSelectedNode(connectionId, selected?.topic, tree.changeCount);

  useEffect(() => {
    setExpandedState(expandedByConnection.get(connectionId) ?? []);
    setSelected(undefined);
    setActive(0);
    setNotice(undefined);
  }, [connectionId]);

  const setExpanded = (next: string[]) => {
    expandedByConnection.set(connectionId, next);
    setExpandedState(next);
  };

  const virtualizer = useVirtualizer({
    count: tree.total,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    onChange: (instance) => {
      const range = instance.range;
      if (!range) return;
      setVisible((previous) => (previous.start === range.startIndex && previous.end === range.endIndex ? previous : { start: range.startIndex, end: range.endIndex }));
    },
  });

  const rowAt = (index: number): TopicTreeRow | undefined => tree.window.rows[index - tree.window.from];
  const activeIndex = Math.min(active, Math.max(0, tree.total - 1));
  const activeRow = rowAt(activeIndex);
  // The list's filter may since have been changed elsewhere (the filter bar): then the tree no longer filters.
  const filtering = selected !== undefined && filter === selected.filter;

  const toggle = (row: TopicTreeRow) => {
    if (row.childCount === 0) return;
    setExpanded(row.expanded ? expanded.filter((topic) => topic !== row.topic) : [...expanded, row.topic]);
  };

  const select = (row: TopicTreeRow, index: number) => {
    setActive(index);
    const nodeFilter = filterForNode(row);
    setSelected({ topic: row.topic, filter: nodeFilter });
    setNotice(undefined);
    setMessageFilter(connectionId, { filter: nodeFilter });
  };

  const clearFilter = () => {
    setSelected(undefined);
    setMessageFilter(connectionId, { filter: undefined });
  };

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(tree.total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const moveToParent = (row: TopicTreeRow) =>
    run(async () => {
      const parent = parentTopic(row);
      if (parent === undefined) return;
      const result = await api.invoke('topics.rows', { connectionId, expanded, from: 0, count: 0, locate: parent });
      if (result.located !== undefined) moveTo(result.located);
    });

  const onKeyDown = (event: KeyboardEvent) => {
    if (tree.total === 0) return;
    const row = activeRow;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(tree.total - 1);
        break;
      case 'ArrowRight':
        if (!row || row.childCount === 0) return;
        if (row.expanded) moveTo(activeIndex + 1);
        else toggle(row);
        break;
      case 'ArrowLeft':
        if (!row) return;
        if (row.expanded) toggle(row);
        else void moveToParent(row);
        break;
      case 'Enter':
      case ' ':
        if (row) select(row, activeIndex);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const deleteRetained = (node: TopicNodeView) =>
    run(async () => {
      const { cleared } = await api.invoke('topics.clearRetained', { connectionId, topic: node.topic, recursive: false });
      say((words) => words('topics.panel.deletedOne', { topic: visibleName(node.topic), cleared }));
    });

  const deleteRetainedInSubtree = (node: TopicNodeView) =>
    run(async () => {
      const { count } = await api.invoke('topics.retainedUnder', { connectionId, topic: node.topic, recursive: true });
      if (count === 0) {
        say((words) => words('topics.panel.noneUnder', { topic: visibleName(node.topic) }));
        return;
      }
      if (!window.confirm(t('topics.panel.confirmDeleteUnder', { count, topic: visibleName(node.topic) }))) return;
      const { cleared } = await api.invoke('topics.clearRetained', { connectionId, topic: node.topic, recursive: true });
      say((words) => words('topics.panel.deletedUnder', { count: cleared, topic: visibleName(node.topic) }));
    });

  const now = Date.now();
  const headingId = `topic-tree-${connectionId}`;
  return (
    <section className="panel topic-tree-panel" aria-labelledby={headingId}>
      <header className="topic-tree-header">
        <h3 id={headingId}>{t('topics.panel.title')}</h3>
        <span className="topic-tree-totals" aria-label={t('topics.panel.totalsLabel')} title={t('topics.panel.totalsTitle')}>
          {t('topics.panel.totals', { topics: tree.topicCount, messages: tree.messageCount })}
        </span>
      </header>
      <div
        ref={scrollElement}
        className="topic-tree"
        role="tree"
        aria-label={t('topics.panel.treeLabel')}
        tabIndex={0}
        aria-activedescendant={activeRow ? itemDomId(connectionId, activeRow.topic) : undefined}
        onKeyDown={onKeyDown}
      >
        {tree.total === 0 && <p className="empty-note">{t('topics.panel.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rowAt(item.index);
            if (!row) return null;
            return (
              <TopicTreeItem
                key={row.topic}
                connectionId={connectionId}
                row={row}
                top={item.start}
                height={ROW_HEIGHT}
                active={item.index === activeIndex}
                selected={filtering && row.topic === selected?.topic}
                flash={rowFlashes(tree.flash, row, now) ? tree.flash.generation : undefined}
                onSelect={() => select(row, item.index)}
                onToggle={() => toggle(row)}
              />
            );
          })}
        </div>
      </div>
      {/* Below the tree, not above it: appearing there, it cannot move the rows under the pointer between two clicks. */}
      {filtering && (
        <div className="topic-selection" role="group" aria-label={t('topics.panel.selectedLabel')}>
          <p className="topic-filter-note">
            {t('topics.panel.filteringBy')} <code>{filter}</code>
          </p>
          <div className="topic-actions">
            <button type="button" onClick={clearFilter}>
              {t('topics.panel.clearFilter')}
            </button>
            {selectedNode && selectedNode.topic !== '' && !isRecordingSessionId(connectionId) && (
              <button type="button" onClick={() => void deleteRetained(selectedNode)} disabled={!selectedNode.retained} title={selectedNode.retained ? t('topics.panel.deleteRetainedTitle', { topic: visibleName(selectedNode.topic) }) : t('topics.panel.noRetainedTitle')}
              >
                {t('topics.panel.deleteRetained')}
              </button>
            )}
            {selectedNode && selectedNode.childCount > 0 && !isRecordingSessionId(connectionId) && (
              <button type="button" className="danger" onClick={() => void deleteRetainedInSubtree(selectedNode)} disabled={selectedNode.retainedCount === 0}>
                {t('topics.panel.deleteRetainedInSubtree')}
              </button>
            )}
          </div>
        </div>
      )}
      {notice && (
        <p className="topic-notice" role="status">
          {notice(t)}
        </p>
      )}
      {(error ?? tree.error) !== undefined && (
        <p className="form-error" role="alert">
          {describeError(t, error ?? tree.error)}
        </p>
      )}
    </section>
  );
}

/** The selected node as it is now: refreshed whenever the tree reports changes. */
function useSelectedNode(connectionId: string, topic: string | undefined, changeCount: number): TopicNodeView | undefined {
  const [node, setNode] = useState<TopicNodeView>();
  useEffect(() => {
    if (topic === undefined) {
      setNode(undefined);
      return;
    }
    let current = true;
    api.invoke('topics.node', { connectionId, topic }).then(
      (result) => current && setNode(result.node ?? undefined),
      () => current && setNode(undefined),
    );
    return () => {
      current = false;
    };
  }, [connectionId, topic, changeCount]);
  return node;
}
