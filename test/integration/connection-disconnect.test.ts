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
let scripted: ScriptedBroker | undefined;
let mosquitto: Broker | undefined;
afterEach(async () => {
  if (mosquitto?.pid) process.kill(mosquitto.pid, 'SIGCONT');
  await core?.close();
  await scripted?.stop();
  await mosquitto?.stop();
  core = undefined;
  scripted = undefined;
  mosquitto = undefined;
});

/** A broker that accepts the connection and then never answers anything. */
function silentAfterConnack(version: 4 | 5) {
  return startScriptedBroker((session) => session.write(version === 5 ? hex('20 03 00 00 00') : hex('20 02 00 00')));
}

async function timedDisconnect(connectionId: string): Promise<{ snapshot: ConnectionSnapshot; elapsedMs: number }> {
  if (!core) throw new Error('no core');
  const started = performance.now();
  const result = await core.router.dispatch('connection.disconnect', { connectionId });
  const elapsedMs = performance.now() - started;
  if (!result.ok) throw new Error(result.error.message);
  return { snapshot: result.value as ConnectionSnapshot, elapsedMs };
}

function publish(connectionId: string, qos: 0 | 1 | 2, payload: string) {
  return core?.router.dispatch('message.publish', { connectionId, topic: 'unacked/topic', qos, retain: false, payload, encoding: 'utf8' });
}

describe("a user's Disconnect", () => {
  for (const version of [4, 5] as const) {
    it(`answers within a second while a SUBSCRIBE and QoS 1 publishes are unacknowledged, and says so (MQTT ${version === 5 ? '5' : '3.1.1'})`, async () => {
      scripted = await silentAfterConnack(version);
      core = createTempCore();
      const profile = profileFor(scripted.port, { protocolVersion: version, connectTimeoutSeconds: 30 });
      const connectionId = await saveAndConnect(core, profile);
      const subscribed = core.router.dispatch('subscription.add', { connectionId, filter: 'never/acked', qos: 1 });
      const published = [1, 2, 3].map((index) => publish(connectionId, 1, `message ${index}`));
      const session = scripted.sessions[0];
      await session?.waitFor((packet) => packet.cmd === 'publish' && packet.payload.toString() === 'message 3');

      const { snapshot, elapsedMs } = await timedDisconnect(connectionId);
      expect(elapsedMs).toBeLessThan(1000);
      expect(snapshot.status).toMatchObject({ state: 'disconnected', reason: 'disconnected by you; 1 SUBSCRIBE and 3 QoS 1 messages were still unacknowledged' });
      // The broker was told, and the socket closed.
      await session?.waitFor((packet) => packet.cmd === 'disconnect', 2000);
      await session?.closed;
      // Requests that were waiting get their answer instead of hanging.
      await Promise.all([subscribed, ...published]);
    });
  }

  it('answers within a second when the broker froze (mosquitto stopped with SIGSTOP) with a QoS 1 publish in flight', async () => {
    mosquitto = await startMosquitto();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(mosquitto.port, { protocolVersion: 4 }));
    if (!mosquitto.pid) throw new Error('mosquitto has no pid');
    process.kill(mosquitto.pid, 'SIGSTOP');
    const published = publish(connectionId, 1, 'into the void');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { snapshot, elapsedMs } = await timedDisconnect(connectionId);
    expect(elapsedMs).toBeLessThan(1000);
    expect(snapshot.status).toMatchObject({ state: 'disconnected', reason: 'disconnected by you; 1 QoS 1 message was still unacknowledged' });
    await published;
  });

  it('says nothing more than "disconnected by you" when nothing was in flight', async () => {
    mosquitto = await startMosquitto();
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(mosquitto.port, { protocolVersion: 5 }));
    const { snapshot, elapsedMs } = await timedDisconnect(connectionId);
    expect(elapsedMs).toBeLessThan(1000);
    expect(snapshot.status).toMatchObject({ state: 'disconnected', reason: 'disconnected by you' });
  });
});

describe('a SUBSCRIBE the broker never answers', () => {
  it('fails the subscription with "no SUBACK within N s" after the connect timeout, and the connection stays up', async () => {
    scripted = await silentAfterConnack(4);
    core = createTempCore();
    const profile = profileFor(scripted.port, { protocolVersion: 4, connectTimeoutSeconds: 2 });
    const connectionId = await saveAndConnect(core, profile);
    const started = performance.now();
    const result = await core.router.dispatch('subscription.add', { connectionId, filter: 'never/acked', qos: 0 });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ filter: 'never/acked', state: 'failed', reason: 'no SUBACK within 2 s; the broker never answered the SUBSCRIBE' });
    const snapshot = await waitForSnapshot(core, connectionId, () => true, 1000).catch(() => core?.connections.get(connectionId).snapshot());
    expect(snapshot?.status.state).toBe('connected');
    expect(snapshot?.subscriptions).toEqual([expect.objectContaining({ filter: 'never/acked', state: 'failed' })]);
  });
});
