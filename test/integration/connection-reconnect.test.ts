import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot, PendingPublish } from '../../shared/domain/connection';
import type { ProfileInput, ReconnectOptions } from '../../shared/domain/profile';
import { watchHistory, saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
const brokers: Broker[] = [];

afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all(brokers.splice(0).map((broker) => broker.stop()));
});

async function broker(port?: number): Promise<Broker> {
  const started = await startMosquitto(port === undefined ? {} : { port });
  brokers.push(started);
  return started;
}

/** Short, jitter-free delays: the attempts come quickly and their number is predictable. */
function reconnecting(port: number, reconnect: Partial<ReconnectOptions> = {}, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return profileFor(port, {
    protocolVersion: 5,
    reconnect: { enabled: true, initialDelayMs: 100, maxDelayMs: 400, jitterPercent: 0, maxAttempts: 0, ...reconnect },
    ...overrides,
  });
}

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const result = await core!.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const snapshotOf = (connectionId: string) => core!.connections.get(connectionId).snapshot();
const until = (connectionId: string, predicate: (snapshot: ConnectionSnapshot) => boolean, timeoutMs?: number) =>
  waitForSnapshot(core!, connectionId, predicate, timeoutMs);

describe('reconnecting to mosquitto restarted on the same port', () => {
  it('retries with a visible schedule, queues QoS 1 publishes, resubscribes and delivers them all once back', async () => {
    const first = await broker();
    const { port } = first;
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(port));
    expect(await invoke('subscription.add', { connectionId, filter: 'queue/#', qos: 1 })).toMatchObject({ state: 'granted', grantedQos: 1 });

    const lost = until(connectionId, ({ status }) => status.state === 'reconnecting' && status.nextAttemptAt !== undefined);
    await first.stop();
    const { status } = await lost;
    expect(status.attempt).toBe(1);
    expect(status.nextAttemptAt).toBeGreaterThan(status.since);
    expect(status.reason).toMatch(/connection was lost|reset/);

    const outcomes = [];
    for (const index of [1, 2, 3]) {
      outcomes.push(await invoke('message.publish', { connectionId, topic: `queue/${index}`, qos: 1, retain: false, payload: `queued ${index}`, encoding: 'utf8' }));
    }
    expect(outcomes).toEqual([1, 2, 3].map(() => expect.objectContaining({ outcome: { kind: 'queued', pendingId: expect.any(Number) } })));
    const { rows, total } = (await invoke('connection.pending', { connectionId, offset: 0, limit: 10 })) as { rows: PendingPublish[]; total: number };
    expect(total).toBe(3);
    expect(snapshotOf(connectionId).pending).toMatchObject({ count: 3, inFlight: 0, refused: 0 });
    expect(rows.map((pending) => `${pending.topic} ${pending.qos} ${pending.preview}`)).toEqual([
      'queue/1 1 queued 1',
      'queue/2 1 queued 2',
      'queue/3 1 queued 3',
    ]);

    // Attempts against a port where nothing listens count up, each with its next time.
    const later = await until(connectionId, ({ status: next }) => next.state === 'reconnecting' && next.attempt === 2 && next.nextAttemptAt !== undefined);
    expect(later.status.reason).toMatch(/connection refused/);
    expect(later.status.detail).toMatch(/ECONNREFUSED/);

    const feed = watchHistory(core, connectionId);
    const back = until(connectionId, ({ status: next, subscriptions, pending }) =>
      next.state === 'connected' && pending.count === 0 && pending.inFlight === 0 && subscriptions.every((subscription) => subscription.state === 'granted'));
    await broker(port);
    const restored = await back;
    expect(restored.subscriptions).toEqual([{ filter: 'queue/#', requestedQos: 1, state: 'granted', grantedQos: 1 }]);
    expect(restored.broker?.sessionPresent).toBe(false);

    const echoed = (await feed.waitForRows(6)).filter((row) => row.direction === 'in');
    expect(echoed.map((row) => `${row.topic} ${row.qos} ${row.preview}`).sort()).toEqual(['queue/1 1 queued 1', 'queue/2 1 queued 2', 'queue/3 1 queued 3']);
  });

  it('stays disconnected with the reason when automatic reconnect is off', async () => {
    const only = await broker();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(only.port, { enabled: false }));
    const down = until(connectionId, ({ status }) => status.state === 'disconnected');
    await only.stop();
    const { status } = await down;
    expect(status.reason).toMatch(/; automatic reconnect is off$/);
    const refused = await core.router.dispatch('message.publish', { connectionId, topic: 'a', qos: 1, retain: false, payload: 'x', encoding: 'utf8' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_connected' } });
  });

  it('gives up after the last allowed attempt and says why', async () => {
    const only = await broker();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(only.port, { maxAttempts: 2 }));
    const failed = until(connectionId, ({ status }) => status.state === 'failed');
    await only.stop();
    const { status } = await failed;
    expect(status.reason).toBe(`gave up after 2 reconnect attempts; last problem: connection refused: nothing is listening on 127.0.0.1:${only.port}; check the port, and that the broker is running`);
    expect(status.detail).toMatch(/ECONNREFUSED/);
  });

  it('stops retrying when the user disconnects, and can drop the queued messages', async () => {
    const only = await broker();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(only.port));
    const lost = until(connectionId, ({ status }) => status.state === 'reconnecting');
    await only.stop();
    await lost;
    await invoke('message.publish', { connectionId, topic: 'queue/x', qos: 0, retain: false, payload: 'x', encoding: 'utf8' });
    expect(await invoke('connection.discardPending', { connectionId })).toEqual({ discarded: 1 });
    expect(snapshotOf(connectionId).pending.count).toBe(0);
    const stopped = (await invoke('connection.disconnect', { connectionId })) as ConnectionSnapshot;
    expect(stopped.status).toMatchObject({ state: 'disconnected', reason: 'disconnected by you' });
    // Were a retry still scheduled, it would show as "reconnecting" again within the longest delay.
    await expect(until(connectionId, ({ status }) => status.state !== 'disconnected', 600)).rejects.toThrow(/No matching event/);
  });

  it('keeps backing off, rather than retry at the first delay for ever, when each reconnect is dropped at once', async () => {
    // Two clients with one client id take the session from each other; mosquitto 2.0.11 says nothing when it does so.
    const only = await broker();
    core = createTempCore();
    const clientId = `twin-${Date.now()}`;
    const first = reconnecting(only.port, {}, { clientId });
    await saveAndConnect(core, first);
    const backingOff = until(first.id, ({ status }) => status.state === 'reconnecting' && (status.attempt ?? 0) >= 3 && status.nextAttemptAt !== undefined);
    await saveAndConnect(core, reconnecting(only.port, {}, { clientId }));
    const { status } = await backingOff;
    expect(status.reason).toMatch(/^the connection was lost right after it was made, \d+ times in a row, without a word from the broker; another client may be using the same client id$/);
  });

  it('stays down when the broker throws the connection out over a queued message, instead of resending it for ever', async () => {
    const first = await broker();
    const { port } = first;
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(port));
    const lost = until(connectionId, ({ status }) => status.state === 'reconnecting');
    await first.stop();
    await lost;
    const queued = await invoke('message.publish', { connectionId, topic: 'kept/forever', qos: 1, retain: true, payload: 'x', encoding: 'utf8' });
    expect(queued).toMatchObject({ outcome: { kind: 'queued' } });
    // The broker comes back without retained messages, and answers the retained PUBLISH with DISCONNECT 0x9a.
    const down = until(connectionId, ({ status }) => status.state === 'disconnected');
    brokers.push(await startMosquitto({ port, extraConfig: ['retain_available false'] }));
    const { status, broker: report } = await down;
    expect(status.reason).toBe('the broker disconnected: retain not supported (DISCONNECT 0x9a); the broker does not keep retained messages: connect again, which drops the messages in flight, and publish without retain');
    expect(status.detail).toBe('DISCONNECT reason code 154');
    expect(report?.disconnect?.code).toBe(0x9a);
    expect(report?.properties.retainAvailable).toBe(false);
  });

  it('asks for its subscriptions again when the user connects again with a clean session', async () => {
    const only = await broker();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, reconnecting(only.port));
    await invoke('subscription.add', { connectionId, filter: 'again/#', qos: 2 });
    await invoke('connection.disconnect', { connectionId });
    const back = until(connectionId, ({ status, subscriptions }) => status.state === 'connected' && subscriptions[0]?.state === 'granted');
    await invoke('connection.connect', { connectionId });
    expect((await back).subscriptions).toEqual([{ filter: 'again/#', requestedQos: 2, state: 'granted', grantedQos: 2 }]);
    const feed = watchHistory(core, connectionId);
    await invoke('message.publish', { connectionId, topic: 'again/echo', qos: 1, retain: false, payload: 'still subscribed', encoding: 'utf8' });
    const rows = await feed.waitForRows(2);
    expect(rows.map((row) => row.direction).sort()).toEqual(['in', 'out']);
  });
});
