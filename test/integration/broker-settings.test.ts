import { createServer } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { createCore } from '../../electron/core/app-core';
import { brokerSettings, call, startBroker, waitForBroker } from '../helpers/broker-core';
import { runClient } from '../helpers/broker-mosquitto-clients';
import { makeCertificates } from '../helpers/certs';
import { waitForSnapshot } from '../helpers/core-waits';
import { freePort } from '../helpers/free-port';
import { profileFor } from '../helpers/profiles';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';

describe('the built-in broker\'s settings', () => {
  let dataDir: string;
  const cores: AppCore[] = [];
  const open = () => {
    const core = coreOn(dataDir);
    cores.push(core);
    return core;
  };

  beforeEach(() => {
    dataDir = makeTempDir();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    removeTempDir(dataDir);
  });

  it('a start asked for while new settings are still being written starts with the new ones', async () => {
    const core = open();
    const settings = await brokerSettings();
    // Not awaited: a user who clicks Save and then Start at once sends both before either answers.
    const saved = call(core, 'broker.saveSettings', { settings });
    const started = await call(core, 'broker.start', {});
    await saved;
    expect(started.listeners.map((listener) => listener.port)).toEqual([settings.tcpPort]);
  });

  it('keeps them in broker.json with passwords and the TLS key sealed, and a new core with autoStart starts from them', async () => {
    const certs = makeCertificates();
    try {
      const settings = await brokerSettings({
        autoStart: true,
        auth: 'users',
        users: [{ username: 'alice', password: 'broker-password-1' }],
        tls: { enabled: true, port: await freePort(), cert: { name: 'server.crt', pem: certs.server.cert.pem }, keyName: 'server.key' },
        tlsKey: certs.server.key.pem,
      });
      const view = await call(open(), 'broker.saveSettings', { settings });
      expect(view).toMatchObject({ users: [{ username: 'alice', passwordSet: true }], tlsKeySet: true, autoStart: true });
      expect(JSON.stringify(view)).not.toContain('broker-password-1');

      const text = readFileSync(join(dataDir, 'broker.json'), 'utf8');
      expect(JSON.parse(text)).toMatchObject({ format: 'mqtt-lab.broker', version: 1, settings: { tcpPort: settings.tcpPort, users: [{ username: 'alice' }] } });
      expect(text).not.toContain('broker-password-1');
      expect(text).not.toContain(certs.server.key.pem.split('\n')[1]);
      expect(text).toContain('aes-256-gcm:');
      await cores[0]?.close();
      cores.length = 0;

      const restarted = open();
      await waitForBroker(restarted, (snapshot) => snapshot.state === 'running', 'the broker to start by itself');
      expect(restarted.broker.snapshot().listeners.map((listener) => listener.kind)).toEqual(['mqtt', 'mqtts']);
      // The password came back out of the file: alice gets in, a wrong one does not.
      const args = ['-h', '127.0.0.1', '-p', String(settings.tcpPort), '-t', 'lab/x', '-m', 'x', '-u', 'alice'];
      expect((await runClient('mosquitto_pub', [...args, '-P', 'broker-password-1'])).code).toBe(0);
      expect((await runClient('mosquitto_pub', [...args, '-P', 'nope'])).code).not.toBe(0);
    } finally {
      certs.remove();
    }
  });

  it('keeps a stored password when a save leaves it out', async () => {
    const core = open();
    const settings = await brokerSettings({ auth: 'users', users: [{ username: 'bob', password: 'kept-secret' }] });
    await call(core, 'broker.saveSettings', { settings });

    await call(core, 'broker.saveSettings', { settings: { ...settings, users: [{ username: 'bob' }] } });
    await startBroker(core, { ...settings, users: [{ username: 'bob' }] });

    const args = ['-h', '127.0.0.1', '-p', String(settings.tcpPort), '-t', 'lab/x', '-m', 'x', '-u', 'bob', '-P', 'kept-secret'];
    expect((await runClient('mosquitto_pub', args)).code).toBe(0);
  });

  it('reports an autoStart that fails in the snapshot, without failing the core', async () => {
    const settings = await brokerSettings({ autoStart: true });
    await call(open(), 'broker.saveSettings', { settings });
    await cores.splice(0)[0]?.close();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(settings.tcpPort, '127.0.0.1', resolve));
    try {
      const core = open();
      const snapshot = await waitForBroker(core, (each) => each.state === 'failed', 'the start to fail');
      expect(snapshot.reason).toMatch(new RegExp(`^Port ${settings.tcpPort} \\(MQTT\\) is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('moves a damaged broker.json aside, says so, and starts from the defaults', async () => {
    writeFileSync(join(dataDir, 'broker.json'), '{"format": "mqtt-lab.broker", "vers');

    const snapshot = open().broker.snapshot();

    expect(snapshot.notices).toEqual([expect.stringMatching(/^The broker settings could not be loaded: .*broker\.json is damaged \(it is not complete JSON: .*\)\. The file was kept as .*broker\.json\.unreadable-.*; nothing in it was deleted\. The broker uses its default settings\.$/)]);
    expect(snapshot.settings).toMatchObject({ tcpPort: 1883, auth: 'anonymous', autoStart: false });
    expect(readdirSync(dataDir).some((name) => name.startsWith('broker.json.unreadable-'))).toBe(true);
  });

  it('keeps settings in memory when the core has no storage', async () => {
    const core = createCore({ mode: 'web', version: 'test' });
    cores.push(core);
    const settings = await brokerSettings({ websocket: { enabled: true, port: await freePort() } });

    await call(core, 'broker.saveSettings', { settings });

    expect((await call(core, 'broker.get', {})).settings.websocket).toEqual(settings.websocket);
  });
});

describe('broker.connectProfile', () => {
  let core: AppCore;
  let dataDir: string;

  beforeEach(() => {
    dataDir = makeTempDir();
    core = coreOn(dataDir);
  });
  afterEach(async () => {
    await core.close();
    removeTempDir(dataDir);
  });

  it('creates a profile for the running broker, then reuses it', async () => {
    const settings = await brokerSettings();
    await startBroker(core, settings);

    const created = await call(core, 'broker.connectProfile', {});
    const reused = await call(core, 'broker.connectProfile', {});

    expect(created.profile).toMatchObject({ name: 'Client of the built-in broker', transport: 'mqtt', host: '127.0.0.1', port: settings.tcpPort, protocolVersion: 5 });
    expect(reused.connectionId).toBe(created.connectionId);
    expect((await call(core, 'connection.list', {})).connections).toHaveLength(1);
    const connected = waitForSnapshot(core, created.connectionId, (snapshot) => snapshot.status.state === 'connected');
    await call(core, 'connection.connect', { connectionId: created.connectionId });
    await connected;
    const listed = await waitForBroker(core, (snapshot) => snapshot.clients.length === 1, 'the profile to connect');
    expect(listed.clients[0]).toMatchObject({ protocolVersion: 5, clean: true, sessionExpiryInterval: 0 });
  });

  it('reuses an MQTT 3.1.1 profile made before the broker spoke MQTT 5, and it still connects', async () => {
    const settings = await brokerSettings();
    await startBroker(core, settings);
    const older = await call(core, 'connection.save', { profile: profileFor(settings.tcpPort, { name: 'Client of the built-in broker', protocolVersion: 4, host: '127.0.0.1' }) });

    const reused = await call(core, 'broker.connectProfile', {});

    expect(reused.connectionId).toBe(older.connectionId);
    expect(reused.profile).toMatchObject({ protocolVersion: 4 });
    const connected = waitForSnapshot(core, reused.connectionId, (snapshot) => snapshot.status.state === 'connected');
    await call(core, 'connection.connect', { connectionId: reused.connectionId });
    await connected;
    const listed = await waitForBroker(core, (snapshot) => snapshot.clients.length === 1, 'the profile to connect');
    expect(listed.clients[0]).toMatchObject({ protocolVersion: 4, clean: true });
    expect(listed.clients[0]).not.toHaveProperty('sessionExpiryInterval');
  });

  it('fills in the first user\'s name and password, and updates them on reuse', async () => {
    const settings = await brokerSettings({ auth: 'users', users: [{ username: 'carol', password: 'first' }, { username: 'dave', password: 'second' }] });
    await startBroker(core, settings);

    const created = await call(core, 'broker.connectProfile', {});
    expect(created.profile).toMatchObject({ username: 'carol', secretsSet: { password: true } });
    expect(core.connections.profile(created.connectionId).secrets.password).toBe('first');

    await call(core, 'broker.saveSettings', { settings: { ...settings, users: [{ username: 'carol', password: 'changed' }] } });
    const reused = await call(core, 'broker.connectProfile', {});
    expect(reused.connectionId).toBe(created.connectionId);
    expect(core.connections.profile(created.connectionId).secrets.password).toBe('changed');
  });
});
