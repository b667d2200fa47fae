import type { EventEnvelope } from '../../shared/contract';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import type { MessageRow } from '../../shared/domain/message';
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

/** Collects every messages.appended batch of one connection. */
export function collectBatches(core: AppCore, connectionId: string) {
  const batches: MessageRow[][] = [];
  const off = core.bus.subscribe((envelope) => {
    if (envelope.name !== 'messages.appended') return;
    const payload = envelope.payload as { connectionId: string; rows: MessageRow[] };
    if (payload.connectionId === connectionId) batches.push(payload.rows);
  });
  return {
    batches,
    rows: () => batches.flat(),
    async waitForRows(count: number, timeoutMs = 20_000): Promise<MessageRow[]> {
      const deadline = Date.now() + timeoutMs;
      while (batches.flat().length < count) {
        if (Date.now() > deadline) throw new Error(`Only ${batches.flat().length} of ${count} rows arrived within ${timeoutMs} ms.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return batches.flat();
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
