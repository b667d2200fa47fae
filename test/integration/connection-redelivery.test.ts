import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import { waitForSnapshot } from '../helpers/core-waits';
import { startFaultBroker, waitFor } from '../helpers/broker-faults-harness';
import type { FaultBroker } from '../helpers/broker-faults-harness';
import { profileFor } from '../helpers/profiles';

let broker: FaultBroker;

beforeAll(async () => {
  broker = await startFaultBroker();
});

afterAll(async () => {
  await broker.close();
});

describe("the app's own client", () => {
  it('resends an unacknowledged QoS 1 PUBLISH with DUP set after a reconnect, as MQTT-3.3.1-1 asks', async () => {
    const { core } = broker;
    const profile = profileFor(broker.port, { protocolVersion: 4, clean: false });
    await core.router.dispatch('connection.save', { profile });
    const connected = waitForSnapshot(core, profile.id, (snapshot: ConnectionSnapshot) => snapshot.status.state === 'connected');
    await core.router.dispatch('connection.connect', { connectionId: profile.id });
    await connected;
    await broker.addFault({ kind: 'drop-acks', target: profile.clientId, ack: 'puback', direction: 'to-client', count: 1 });

    const published = core.router.dispatch('message.publish', { connectionId: profile.id, topic: 'lab/redelivery', qos: 1, retain: false, payload: 'once more', encoding: 'utf8' });
    await waitFor('the dropped PUBACK', async () => ((await broker.packets()).some((row) => row.clientId === profile.clientId && row.cmd === 'puback' && row.fault !== undefined) ? true : undefined));
    await broker.invoke('broker.cut', { clientId: profile.clientId });

    expect(await published).toMatchObject({ ok: true, value: { outcome: { kind: 'acked', ack: 'PUBACK' } } });
    const publishes = (await broker.packets()).filter((row) => row.clientId === profile.clientId && row.direction === 'in' && row.cmd === 'publish');
    expect(publishes.map((row) => row.dup)).toEqual([false, true]);
    expect(publishes[1]?.messageId).toBe(publishes[0]?.messageId);
    // The client's own history shows both sends, the second marked DUP.
    const listed = await core.router.dispatch('message.list', { connectionId: profile.id, from: 0, count: 10 });
    if (!listed.ok) throw new Error(listed.error.message);
    const { rows } = listed.value as { rows: { direction: string; dup: boolean }[] };
    expect(rows.filter((row) => row.direction === 'out').map((row) => row.dup)).toEqual([false, true]);
  });
});
