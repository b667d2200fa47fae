import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import { saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { hex, startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
const brokers: Broker[] = [];
let scripted: ScriptedBroker | undefined;
afterEach(async () => {
  await core?.close();
  for (const broker of brokers.splice(0)) await broker.stop();
  await scripted?.stop();
  core = undefined;
  scripted = undefined;
});

/** Every status a connection goes through, as the renderer would see them. */
function statusesOf(connectionId: string): ConnectionSnapshot['status'][] {
  const seen: ConnectionSnapshot['status'][] = [];
  core?.bus.subscribe((envelope) => {
    if (envelope.name !== 'connection.updated') return;
    const snapshot = envelope.payload as ConnectionSnapshot;
    if (snapshot.connectionId === connectionId) seen.push(snapshot.status);
  });
  return seen;
}

describe('the reason a connection was lost', () => {
  it('does not blame a shared client id after a broker restart', async () => {
    const first = await startMosquitto();
    brokers.push(first);
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(first.port, { protocolVersion: 4 }));
    const statuses = statusesOf(connectionId);
    const lost = waitForSnapshot(core, connectionId, ({ status }) => status.state === 'reconnecting');
    await first.stop();
    brokers.length = 0;
    await lost;
    brokers.push(await startMosquitto({ port: first.port }));
    await waitForSnapshot(core, connectionId, ({ status }) => status.state === 'connected');
    expect(statuses.filter((status) => status.state === 'reconnecting').length).toBeGreaterThan(0);
    expect(statuses.map((status) => status.reason ?? '').filter((reason) => /client id/.test(reason))).toEqual([]);
  });

  it('points at a shared client id when the broker accepts and then drops the connection, again and again, without a word', async () => {
    // Accepts, then closes the socket without DISCONNECT: what brokers before MQTT 5 do to the older of two clients with one id.
    scripted = await startScriptedBroker((session) => {
      session.write(hex('20 02 00 00'));
      setTimeout(() => session.socket.destroy(), 50);
    });
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(scripted.port, { protocolVersion: 4 }));
    const statuses = statusesOf(connectionId);
    const { status } = await waitForSnapshot(core, connectionId, ({ status: next }) => next.state === 'reconnecting' && (next.attempt ?? 0) >= 3 && next.nextAttemptAt !== undefined);
    expect(status.reason).toBe('the connection was lost right after it was made, 3 times in a row, without a word from the broker; another client may be using the same client id');
    // The first drops alone said nothing of the kind.
    const first = statuses.find((next) => next.state === 'reconnecting');
    expect(first?.reason).toBe('the connection was lost soon after it was made');
  });
});
