import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import { startAedes } from '../helpers/aedes';
import { saveAndConnect, saveConnectAndSettle } from '../helpers/core-waits';
import { freePort } from '../helpers/free-port';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function connectUntilSettled(profile: ProfileInput): Promise<ConnectionSnapshot> {
  core = createTempCore();
  return saveConnectAndSettle(core, profile);
}

describe('MQTT over WebSocket', () => {
  let aedes: Awaited<ReturnType<typeof startAedes>>;
  let mosquitto: Broker;
  beforeAll(async () => {
    [aedes, mosquitto] = await Promise.all([startAedes({ websocketPath: '/lab/mqtt' }), startMosquitto({ websockets: true })]);
  });
  afterAll(async () => {
    await Promise.all([aedes?.stop(), mosquitto?.stop()]);
  });

  it('asks for the profile path and sends its extra headers on the upgrade request', async () => {
    const profile = profileFor(aedes.wsPort!, {
      transport: 'ws',
      protocolVersion: 4,
      path: '/lab/mqtt',
      headers: [
        { key: 'X-Lab-Token', value: 'let me in' },
        { key: 'Authorization', value: 'Bearer abc.def' },
      ],
    });
    core = createTempCore();
    await saveAndConnect(core, profile);
    const [upgrade] = aedes.upgrades.slice(-1);
    expect(upgrade?.path).toBe('/lab/mqtt');
    expect(upgrade?.headers).toMatchObject({ 'x-lab-token': 'let me in', authorization: 'Bearer abc.def', 'sec-websocket-protocol': 'mqtt' });
    const published = await core.router.dispatch('message.publish', { connectionId: profile.id, topic: 'ws/hello', qos: 1, retain: false, payload: 'hi', encoding: 'utf8' });
    expect(published).toMatchObject({ ok: true, value: { outcome: { kind: 'acked' } } });
  });

  it('says the WebSocket handshake failed with the HTTP status when the path is wrong', async () => {
    const snapshot = await connectUntilSettled(profileFor(aedes.wsPort!, { transport: 'ws', protocolVersion: 4, path: '/wrong' }));
    expect(snapshot.status).toMatchObject({
      state: 'failed',
      reason: `the WebSocket handshake with 127.0.0.1:${aedes.wsPort}/wrong failed with HTTP 404; check the path and that the port serves MQTT over WebSocket`,
      detail: 'Unexpected server response: 404',
    });
  });

  it('connects to mosquitto over WebSocket with MQTT 5 on the /mqtt path', async () => {
    const snapshot = await connectUntilSettled(profileFor(mosquitto.wsPort!, { transport: 'ws', protocolVersion: 5, path: '/mqtt' }));
    expect(snapshot.status.state).toBe('connected');
    expect(snapshot.broker).toMatchObject({ protocolVersion: 5, code: 0 });
  });

  it('says something specific when ws points at a plain MQTT port', async () => {
    const snapshot = await connectUntilSettled(profileFor(mosquitto.port, { transport: 'ws', path: '/mqtt' }));
    expect(snapshot.status.state).toBe('failed');
    expect(snapshot.status.reason).toMatch(/it is probably not a WebSocket port; use mqtt:\/\/ for a plain MQTT port/);
    expect(snapshot.status.detail?.length).toBeGreaterThan(0);
  });

  it('connects to an IPv6 address typed with brackets, over TCP and over WebSocket', async () => {
    const [tcpPort, wsPort] = [await freePort(), await freePort()];
    const ipv6 = await startMosquitto({ extraConfig: [`listener ${tcpPort} ::1`, `listener ${wsPort} ::1`, 'protocol websockets'] });
    try {
      for (const profile of [profileFor(tcpPort, { host: '[::1]' }), profileFor(wsPort, { host: '[::1]', transport: 'ws', path: '/mqtt' })]) {
        const snapshot = await connectUntilSettled(profile);
        expect(snapshot.status.state, profile.transport).toBe('connected');
        await core?.close();
      }
    } finally {
      await ipv6.stop();
    }
  });
});
