import type { EventEnvelope } from '../../shared/contract';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import type { HistoryUpdate, MessageRow } from '../../shared/domain/message';
import type { AppCore } from '../../electron/core/app-core';

/** Resolves with the first connection.updated snapshot that satisfies `predicate`, or rejects after a timeout. */
export function waitForSnapshot(core: AppCore, connectionId: string, predicate: (snapshot: ConnectionSnapshot) => boolean, timeoutMs = 10_000): Promise<ConnectionSnapshot> {
  return waitForEvent(core, timeoutMs, (envelope) => {
    if (envelope.name !== 'connection.updated') return undefined;
    const snapshot = envelope.payload as ConnectionSnapshot;
    return snapshot.connectionId === connectionId && predicate(snapshot) ? snapshot : undefined;
  });
}

function waitForEvent<T>(core: AppCore, timeoutMs: number, match: (envelope: EventEnvelope) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No matching event within ${timeoutMs} ms.`));
    }, timeoutMs);
    const off = core.bus.subscribe((envelope) => {
      const value = match(envelope);
      if (value === undefined) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/**
 * Follows one connection's history updates. The updates carry counters and only the newest rows,
 * so the rows themselves are read from the store, as a view scrolled to them would.
 */
export function watchHistory(core: AppCore, connectionId: string) {
  const updates: HistoryUpdate[] = [];
  const off = core.bus.subscribe((envelope) => {
    if (envelope.name !== 'messages.appended') return;
    const update = envelope.payload as HistoryUpdate;
    if (update.connectionId === connectionId) updates.push(update);
  });
  const held = (): MessageRow[] => {
    const { store } = core.connections.get(connectionId);
    return store.rows(0, store.size);
  };
  return {
    updates,
    /** Waits until an update says at least `count` messages are held, then returns every row held. */
    async waitForRows(count: number, timeoutMs = 20_000): Promise<MessageRow[]> {
      const deadline = Date.now() + timeoutMs;
      while ((updates.at(-1)?.total ?? 0) < count) {
        if (Date.now() > deadline) throw new Error(`Only ${updates.at(-1)?.total ?? 0} of ${count} messages were reported within ${timeoutMs} ms.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return held();
    },
    stop: off,
  };
}

/** Saves a profile through the router and connects it, resolving once the status is Connected. */
export async function saveAndConnect(core: AppCore, profile: ProfileInput): Promise<string> {
  const saved = await core.router.dispatch('connection.save', { profile });
  if (!saved.ok) throw new Error(saved.error.message);
  const ready = waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state === 'connected');
  await core.router.dispatch('connection.connect', { connectionId: profile.id });
  await ready;
  return profile.id;
}

/** Saves and connects a profile, resolving with the first snapshot that is connected or failed. */
export async function saveConnectAndSettle(core: AppCore, profile: ProfileInput): Promise<ConnectionSnapshot> {
  const saved = await core.router.dispatch('connection.save', { profile });
  if (!saved.ok) throw new Error(saved.error.message);
  const settled = waitForSnapshot(core, profile.id, ({ status }) => status.state === 'connected' || status.state === 'failed');
  const connected = await core.router.dispatch('connection.connect', { connectionId: profile.id });
  if (!connected.ok) throw new Error(connected.error.message);
  return settled;
}
