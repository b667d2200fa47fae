import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import { describeListenFailure } from '../../electron/core/broker/listen-failure';
import { brokerSettings, call, failureOf, startBroker, waitForLog } from '../helpers/broker-core';
import { makeCertificates } from '../helpers/certs';
import type { TestCertificates } from '../helpers/certs';
import { freePort } from '../helpers/free-port';
import { createTempCore } from '../helpers/temp-core';

/** Listens on the port and closes again: proves nothing else holds it. */
async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
  if (free) await new Promise((resolve) => server.close(resolve));
  return free;
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const externalIpv4 = () =>
  Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).filter((entry) => entry.family === 'IPv4' && !entry.internal).map((entry) => entry.address));

describe('starting and stopping the built-in broker', () => {
  let core: AppCore;
  let occupied: Server | undefined;

  beforeEach(() => {
    core = createTempCore();
  });
  afterEach(async () => {
    await core.close();
    await new Promise((resolve) => (occupied ? occupied.close(resolve) : resolve(undefined)));
    occupied = undefined;
  });

  it('starts, stops and starts again on the same ports, freeing them in between', async () => {
    const settings = await brokerSettings({ websocket: { enabled: true, port: await freePort() } });
    expect(await startBroker(core, settings)).toMatchObject({ state: 'running', engine: { name: 'aedes', protocols: ['3.1', '3.1.1', '5.0'] } });
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${settings.tcpPort}`, { clientId: 'survivor', reconnectPeriod: 0 });
    const webClient = await mqtt.connectAsync(`ws://127.0.0.1:${settings.websocket.port}/mqtt`, { clientId: 'web-survivor', reconnectPeriod: 0 });
    const closed = Promise.all([client, webClient].map((each) => new Promise<void>((resolve) => each.once('close', () => resolve()))));

    expect(await call(core, 'broker.stop', {})).toMatchObject({ state: 'stopped', listeners: [], clients: [] });
    await closed;
    expect(await portIsFree(settings.tcpPort)).toBe(true);
    expect(await portIsFree(settings.websocket.port)).toBe(true);
    await waitForLog(core, 'disconnect', /^survivor disconnected: the broker stopped\.$/);
    await waitForLog(core, 'disconnect', /^web-survivor disconnected: the broker stopped\.$/);

    expect(await call(core, 'broker.start', {})).toMatchObject({ state: 'running', listeners: [{ port: settings.tcpPort }, { port: settings.websocket.port }] });
    const again = await mqtt.connectAsync(`mqtt://127.0.0.1:${settings.tcpPort}`, { reconnectPeriod: 0 });
    await again.endAsync();
    expect(core.broker.logEntries().filter((entry) => entry.kind === 'start' || entry.kind === 'stop').map((entry) => entry.kind)).toEqual(['start', 'stop', 'start']);
  });

  it('answers a second start while running with the running broker', async () => {
    await startBroker(core, await brokerSettings());
    const startedAt = core.broker.snapshot().startedAt;
    expect(await call(core, 'broker.start', {})).toMatchObject({ state: 'running', startedAt });
  });

  it('names a port in use and suggests a free one', async () => {
    const settings = await brokerSettings();
    occupied = await occupy(settings.tcpPort);

    await call(core, 'broker.saveSettings', { settings });
    const failure = await failureOf(core, 'broker.start', {});

    expect(failure).toMatch(new RegExp(`^Port ${settings.tcpPort} \\(MQTT\\) is already in use on 127\\.0\\.0\\.1: another program, perhaps another MQTT broker, is listening there\\. Port (\\d+) is free: choose it in the broker settings, or stop the other program\\.$`));
    const suggested = Number(/Port (\d+) is free/.exec(failure)?.[1]);
    expect(await portIsFree(suggested)).toBe(true);
    expect(core.broker.snapshot()).toMatchObject({ state: 'failed', reason: failure, listeners: [] });
  });

  it('leaves no listener behind when a later one cannot start', async () => {
    const settings = await brokerSettings({ websocket: { enabled: true, port: await freePort() } });
    occupied = await occupy(settings.websocket.port);
    await call(core, 'broker.saveSettings', { settings });

    expect(await failureOf(core, 'broker.start', {})).toMatch(new RegExp(`^Port ${settings.websocket.port} \\(WebSocket\\) is already in use`));

    expect(await portIsFree(settings.tcpPort)).toBe(true);
    await new Promise((resolve) => occupied?.close(resolve));
    occupied = undefined;
    expect(await call(core, 'broker.start', {})).toMatchObject({ state: 'running' });
  });

  it('names an address this machine does not have, and lists the ones it has', async () => {
    await call(core, 'broker.saveSettings', { settings: await brokerSettings({ bindAddress: '10.254.254.254' }) });

    const failure = await failureOf(core, 'broker.start', {});

    expect(failure).toMatch(/^This machine has no address 10\.254\.254\.254, so the broker cannot listen on it\./);
    for (const address of externalIpv4()) expect(failure).toContain(address);
    expect(failure).toMatch(/Choose 127\.0\.0\.1 \(this machine only\), 0\.0\.0\.0 \(all interfaces\) or one of this machine's addresses\.$/);
  });

  it('refuses a bind address that is not an IP address', async () => {
    await call(core, 'broker.saveSettings', { settings: await brokerSettings({ bindAddress: 'my-laptop' }) });

    expect(await failureOf(core, 'broker.start', {})).toMatch(/^my-laptop is not an IP address, so the broker cannot listen on it\./);
  });

  it('lists one URL per address of this machine when listening on all interfaces', async () => {
    const settings = await brokerSettings({ bindAddress: '0.0.0.0' });

    const snapshot = await startBroker(core, settings);

    expect(snapshot.addresses).toEqual(externalIpv4());
    expect(snapshot.listeners[0]?.urls).toEqual(['127.0.0.1', ...externalIpv4()].map((address) => `mqtt://${address}:${settings.tcpPort}`));
  });

  it('explains a port below 1024 that needs privileges', async () => {
    const denied = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES' });

    const error = await describeListenFailure(denied, 'mqtt', '0.0.0.0', 80, async () => undefined);

    expect(error.message).toBe('Port 80 (MQTT) is below 1024, and on this system only a privileged user may listen on such ports. Choose a port of 1024 or above, such as 1883.');
  });
});

describe('bad TLS settings of the built-in broker', () => {
  let certs: TestCertificates;
  let core: AppCore;

  beforeAll(() => {
    certs = makeCertificates();
  });
  afterAll(() => certs?.remove());
  beforeEach(() => {
    core = createTempCore();
  });
  afterEach(async () => {
    await core.close();
  });

  async function startWithTls(certPem: string, keyPem: string): Promise<{ failure: string; tcpPort: number }> {
    const settings = await brokerSettings({
      tls: { enabled: true, port: await freePort(), cert: { name: 'server.crt', pem: certPem }, keyName: 'server.key' },
      tlsKey: keyPem,
    });
    await call(core, 'broker.saveSettings', { settings });
    return { failure: await failureOf(core, 'broker.start', {}), tcpPort: settings.tcpPort };
  }

  it('says the key does not belong to the certificate, before anything listens', async () => {
    const { failure, tcpPort } = await startWithTls(certs.server.cert.pem, certs.client.key.pem);

    expect(failure).toBe('The TLS key server.key does not belong to the certificate server.crt (key values mismatch). Choose the key that was made with this certificate.');
    expect(await portIsFree(tcpPort)).toBe(true);
  });

  it('says which file is not valid PEM', async () => {
    const damaged = '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n';
    expect((await startWithTls(damaged, certs.server.key.pem)).failure).toMatch(/^The TLS certificate server\.crt could not be read: it is not a valid PEM certificate \(.+\)\./);
    expect((await startWithTls(certs.server.cert.pem, certs.server.cert.pem)).failure).toMatch(/^The TLS key server\.key could not be read: it is not a valid PEM private key \(.+\)\./);
  });

  it('says a key with a passphrase cannot be used', async () => {
    expect((await startWithTls(certs.client.cert.pem, certs.client.encryptedKey.pem)).failure).toMatch(/^The TLS key server\.key is protected by a passphrase/);
  });
});

describe('broker events', () => {
  it('sends broker.updated snapshots and batches of broker.log entries', async () => {
    const core = createTempCore();
    const snapshots: string[] = [];
    const logBatches: string[][] = [];
    core.bus.subscribe((envelope) => {
      if (envelope.name === 'broker.updated') snapshots.push((envelope.payload as { state: string }).state);
      if (envelope.name === 'broker.log') logBatches.push((envelope.payload as { entries: { kind: string }[] }).entries.map((entry) => entry.kind));
    });
    try {
      await startBroker(core, await brokerSettings());
      const deadline = Date.now() + 10_000;
      while ((!snapshots.includes('running') || !logBatches.flat().includes('start')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

      expect(snapshots.at(-1)).toBe('running');
      expect(logBatches.flat()).toContain('start');
    } finally {
      await core.close();
    }
  });
});
