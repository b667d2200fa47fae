import { useCallback, useEffect, useRef, useState } from 'react';
import type { TopicTreeRow } from '../../../shared/domain/topic-tree';
import { api } from '../../api';

/** Rows fetched beyond each edge of what is on screen, so a short scroll shows rows at once. */
const OVERSCAN_ROWS = 30;
/** How long a changed node flashes; a row scrolled into view later than this does not. */
export const FLASH_MS = 1000;

export interface TopicRowsWindow {
  from: number;
  rows: TopicTreeRow[];
}

export interface Flash {
  /** Bumped per change event, so a row that changes again restarts its flash. */
  generation: number;
  at: number;
  /** Topics that received messages, and every ancestor of one (for collapsed nodes hiding the change). */
  topics: ReadonlySet<string>;
  ancestors: ReadonlySet<string>;
}

export interface TopicRows {
  total: number;
  window: TopicRowsWindow;
  topicCount: number;
  messageCount: number;
  flash: Flash;
  /** What the last fetch threw, worded where it is shown. */
  error: unknown;
  /** Bumped on every change event, for views of single nodes that refresh with the tree. */
  changeCount: number;
}

const noFlash: Flash = { generation: 0, at: 0, topics: new Set(), ancestors: new Set() };

function ancestorsOf(topics: readonly string[]): Set<string> {
  const ancestors = new Set<string>();
  for (const topic of topics) {
    for (let slash = topic.lastIndexOf('/'); slash !== -1; slash = topic.lastIndexOf('/', slash - 1)) {
      const prefix = topic.slice(0, slash);
      if (ancestors.has(prefix)) break;
      ancestors.add(prefix);
      if (slash === 0) break;
    }
  }
  return ancestors;
}

/**
 * The rows of a connection's topic tree that are on screen, read by index from the main process:
 * fetched again when the visible range or the expanded nodes change, and when the core says topics
 * changed (at most a few times a second). One request is in flight at a time; a change during it
 * asks for one more fetch afterwards, never a queue of them.
 */
export function useTopicRows(connectionId: string, expanded: readonly string[], visible: { start: number; end: number }): TopicRows {
  const [state, setState] = useState<Omit<TopicRows, 'flash' | 'changeCount'>>({ total: 0, window: { from: 0, rows: [] }, topicCount: 0, messageCount: 0, error: undefined });
  const [flash, setFlash] = useState<Flash>(noFlash);
  const [changeCount, setChangeCount] = useState(0);
  const wanted = useRef({ connectionId, expanded, visible });
  wanted.current = { connectionId, expanded, visible };
  const inFlight = useRef(false);
  const again = useRef(false);

  const fetchRows = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const { connectionId: id, expanded: open, visible: range } = wanted.current;
        const from = Math.max(0, range.start - OVERSCAN_ROWS);
        const count = Math.min(1000, range.end - from + 1 + OVERSCAN_ROWS);
        try {
          const result = await api.invoke('topics.rows', { connectionId: id, expanded: [...open], from, count });
          // An answer for a connection this panel no longer shows is thrown away.
          if (wanted.current.connectionId !== id) continue;
          setState({ total: result.total, window: { from, rows: result.rows }, topicCount: result.topicCount, messageCount: result.messageCount, error: undefined });
        } catch (failure) {
          setState((previous) => ({ ...previous, error: failure ?? new Error(String(failure)) }));
        }
      } while (again.current);
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void fetchRows();
  }, [fetchRows, connectionId, expanded, visible.start, visible.end]);

  useEffect(() => {
    setFlash(noFlash);
    return api.on('topics.changed', (change) => {
      if (change.connectionId !== connectionId) return;
      setChangeCount((count) => count + 1);
      if (change.reset) setFlash(noFlash);
      else setFlash((previous) => ({ generation: previous.generation + 1, at: Date.now(), topics: new Set(change.topics), ancestors: ancestorsOf(change.topics) }));
      void fetchRows();
    });
  }, [connectionId, fetchRows]);

  return { ...state, flash, changeCount };
}

/** Whether a row shows a change: its own topic changed, or it is collapsed over one that did. */
export function rowFlashes(flash: Flash, row: TopicTreeRow, now: number): boolean {
  if (flash.generation === 0 || now - flash.at > FLASH_MS) return false;
  return flash.topics.has(row.topic) || (!row.expanded && flash.ancestors.has(row.topic));
}
