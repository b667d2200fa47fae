import { useEffect, useSyncExternalStore } from 'react';
import type { ExchangeSnapshot } from '../../../shared/domain/exchange';
import { api } from '../../api';

/**
 * Each connection's request/response state as the main process reports it, outside React: the
 * first view asks for it, and `exchange.updated` (at most ten a second) keeps it current.
 */
const snapshots = new Map<string, ExchangeSnapshot>();
const listeners = new Set<() => void>();
let following: (() => void) | undefined;
let watchers = 0;

function changed(snapshot: ExchangeSnapshot): void {
  snapshots.set(snapshot.connectionId, snapshot);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The connection's requests, unmatched responses, responder rules and timeline pairs; undefined until first read. */
export function useExchange(connectionId: string): ExchangeSnapshot | undefined {
  useEffect(() => {
    if (watchers++ === 0) following = api.on('exchange.updated', changed);
    api.invoke('request.list', { connectionId }).then(changed, () => {
      // A connection that went away has no exchange to show.
    });
    return () => {
      if (--watchers === 0) {
        following?.();
        following = undefined;
      }
    };
  }, [connectionId]);
  return useSyncExternalStore(subscribe, () => snapshots.get(connectionId));
}

/** After a request of our own, whose answer may arrive before the next event. */
export function noteExchange(snapshot: ExchangeSnapshot): void {
  changed(snapshot);
}

/** Whether the publisher of each connection is in Request mode; kept for the session, like the publish draft. */
const requestMode = new Map<string, boolean>();
const modeListeners = new Set<() => void>();

export function setRequestMode(connectionId: string, on: boolean): void {
  requestMode.set(connectionId, on);
  for (const listener of modeListeners) listener();
}

export function useRequestMode(connectionId: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      modeListeners.add(listener);
      return () => modeListeners.delete(listener);
    },
    () => requestMode.get(connectionId) ?? false,
  );
}
