import { useSyncExternalStore } from 'react';

/**
 * The message a user pinned to compare others with, per connection. Module state rather than the app
 * store: only the detail reads it, and it must outlive the detail of the message that was pinned.
 */
const pinned = new Map<string, number>();
const listeners = new Set<() => void>();

export function setPinnedMessage(connectionId: string, messageId: number | undefined): void {
  if (messageId === undefined) pinned.delete(connectionId);
  else pinned.set(connectionId, messageId);
  for (const listener of listeners) listener();
}

export function usePinnedMessage(connectionId: string): number | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pinned.get(connectionId),
  );
}
