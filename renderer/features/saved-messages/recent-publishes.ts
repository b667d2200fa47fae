import { useSyncExternalStore } from 'react';
import type { PublisherContent } from '../../../shared/domain/saved-messages';

/**
 * The last publishes of each connection, in this window's memory. Kept in the renderer because
 * what a recall needs is the publisher's own form (format, template text, properties as typed),
 * which the core never sees; kept off disk because a file write per publish is not worth it for a
 * scratch list: what is worth keeping is saved to a collection, one click away.
 */
export const RECENT_LIMIT = 100;

export interface RecentPublish {
  at: number;
  content: PublisherContent;
}

const recent = new Map<string, RecentPublish[]>();
const listeners = new Set<() => void>();
const none: RecentPublish[] = [];

export function rememberPublish(connectionId: string, content: PublisherContent): void {
  const list = recent.get(connectionId) ?? [];
  // Newest first; the same message again moves to the top rather than filling the list.
  const next = [{ at: Date.now(), content }, ...list.filter((entry) => !sameContent(entry.content, content))].slice(0, RECENT_LIMIT);
  recent.set(connectionId, next);
  for (const listener of listeners) listener();
}

export function useRecentPublishes(connectionId: string): RecentPublish[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => recent.get(connectionId) ?? none,
  );
}

function sameContent(a: PublisherContent, b: PublisherContent): boolean {
  return a.topic === b.topic && a.payload === b.payload && a.format === b.format && a.qos === b.qos && a.retain === b.retain && a.template === b.template && JSON.stringify(a.options) === JSON.stringify(b.options);
}
