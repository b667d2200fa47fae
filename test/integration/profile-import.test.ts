import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { parseProfileImport } from '../../electron/core/profiles/profile-import';
import type { RequestName, RequestOutput } from '../../shared/contract';
import { profileFor } from '../helpers/profiles';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, channel: N, input: unknown): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mqttx-export.json'), 'utf8');

const caPem = '-----BEGIN CERTIFICATE-----\nTUlJQmZha2VDQQ==\n-----END CERTIFICATE-----\n';
const certPem = '-----BEGIN CERTIFICATE-----\nTUlJQmZha2VDbGllbnQ=\n-----END CERTIFICATE-----\n';
const keyPem = '-----BEGIN PRIVATE KEY-----\nTUlJRXZmYWtlS2V5\n-----END PRIVATE KEY-----\n';

describe('export and import of profiles', () => {
  const dirs: string[] = [];
  const cores: AppCore[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()));
    dirs.splice(0).forEach(removeTempDir);
  });
  function freshDir(): string {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  }
  function freshCore(dir = freshDir()): AppCore {
    const core = coreOn(dir);
    cores.push(core);
    return core;
  }

  async function coreWithTwoProfiles() {
    const core = freshCore();
    const tls = profileFor(8883, {
      name: 'TLS with client cert',
      transport: 'mqtts',
      username: 'alice',
      tls: { ca: { name: 'ca.pem', pem: caPem }, cert: { name: 'client.pem', pem: certPem }, keyName: 'client.key', verifyServer: true, servername: '', alpn: [] },
      secrets: { password: 'hunter2', keyPassphrase: 'phrase', clientKey: keyPem },
    });
    const plain = profileFor(1883, { name: 'Plain' });
    await invoke(core, 'connection.save', { profile: tls });
    await invoke(core, 'connection.save', { profile: plain });
    return { core, tls, plain };
  }

  it('exports without secrets unless asked, as pretty JSON with a dated file name', async () => {
    const { core } = await coreWithTwoProfiles();
    const exported = await invoke(core, 'profiles.export', { connectionIds: [], includeSecrets: false });
    expect(exported.count).toBe(2);
    expect(exported.fileName).toMatch(/^mqtt-lab-profiles-\d{4}-\d\d-\d\d\.json$/);
    expect(exported.content).toContain('\n  "format": "mqtt-lab.profiles-export"');
    const document = JSON.parse(exported.content) as { format: string; version: number; exportedAt: string; profiles: Record<string, unknown>[] };
    expect(document).toMatchObject({ format: 'mqtt-lab.profiles-export', version: 1 });
    expect(Number.isNaN(Date.parse(document.exportedAt))).toBe(false);
    expect(document.profiles.every((profile) => !('secrets' in profile))).toBe(true);
    for (const secret of ['hunter2', 'phrase', 'PRIVATE KEY']) expect(exported.content).not.toContain(secret);
  });

  it('exports the secrets in clear text when asked, and only the chosen profiles', async () => {
    const { core, tls } = await coreWithTwoProfiles();
    const exported = await invoke(core, 'profiles.export', { connectionIds: [tls.id], includeSecrets: true });
    expect(exported.count).toBe(1);
    const [profile] = JSON.parse(exported.content).profiles as { name: string; secrets: Record<string, string> }[];
    expect(profile).toMatchObject({ name: 'TLS with client cert', secrets: { password: 'hunter2', keyPassphrase: 'phrase', clientKey: keyPem } });
  });

  it('refuses to export an unknown connection', async () => {
    const core = freshCore();
    // The error also carries its catalogue message (text), worded in the user's language by the renderer.
    expect(await core.router.dispatch('profiles.export', { connectionIds: ['nope'], includeSecrets: false })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no connection with id nope.' },
    });
  });

  it('round-trips: what one app exports, another imports identically, secrets and all', async () => {
    const { core: source, tls, plain } = await coreWithTwoProfiles();
    const { fileName, content } = await invoke(source, 'profiles.export', { connectionIds: [], includeSecrets: true });
    const targetDir = freshDir();
    const target = freshCore(targetDir);
    const { imported, warnings } = await invoke(target, 'profiles.import', { fileName, content });
    expect(warnings).toEqual([]);
    expect(imported.map((snapshot) => snapshot.connectionId)).toEqual([tls.id, plain.id]);
    expect(target.connections.profiles()).toEqual(source.connections.profiles());
    // And the import is on disk, secrets sealed.
    await target.connections.flush();
    const text = readFileSync(join(targetDir, 'profiles.json'), 'utf8');
    expect(JSON.parse(text).profiles).toHaveLength(2);
    expect(text).not.toContain('hunter2');
  });

  it('gives imported profiles new ids where they collide, and never replaces one', async () => {
    const { core, tls } = await coreWithTwoProfiles();
    const { fileName, content } = await invoke(core, 'profiles.export', { connectionIds: [tls.id], includeSecrets: false });
    const { imported, warnings } = await invoke(core, 'profiles.import', { fileName, content });
    expect(imported).toHaveLength(1);
    expect(imported[0]!.connectionId).not.toBe(tls.id);
    expect(imported[0]!.profile.name).toBe('TLS with client cert');
    expect(core.connections.profile(tls.id).secrets.password).toBe('hunter2');
    expect(core.connections.profiles()).toHaveLength(3);
    expect(warnings).toEqual(['The file was exported without passwords and keys: enter them again for the connections that need them.']);
  });

  it('skips an invalid profile with a warning naming it and imports the rest', async () => {
    const core = freshCore();
    const good = { ...profileFor(1883, { name: 'Good' }), secrets: undefined };
    const bad = { ...profileFor(1883, { name: 'Bad host' }), host: 'mqtt://broker', secrets: undefined };
    // Fields missing from a hand-edited export come from the defaults.
    const sparse = { name: 'Sparse', host: 'sparse.example', port: 1884 };
    const content = JSON.stringify({ format: 'mqtt-lab.profiles-export', version: 1, exportedAt: new Date().toISOString(), profiles: [good, bad, sparse] });
    const { imported, warnings } = await invoke(core, 'profiles.import', { fileName: 'hand-edited.json', content });
    expect(imported.map((snapshot) => snapshot.profile.name)).toEqual(['Good', 'Sparse']);
    expect(imported[1]!.profile).toMatchObject({ transport: 'mqtt', protocolVersion: 5, keepalive: 60, reconnect: { enabled: true } });
    expect(warnings).toEqual(['Skipped "Bad host": host: Enter the host without a scheme such as mqtt://; choose the transport separately.']);
  });

  it('imports the MQTTX sample export, mapping its fields and warning about what it cannot bring', async () => {
    const dir = freshDir();
    const core = freshCore(dir);
    const { imported, warnings } = await invoke(core, 'profiles.import', { fileName: 'mqttx-export.json', content: fixture });
    expect(imported.map((snapshot) => snapshot.profile.name)).toEqual(['EMQX public broker', 'EMQX Cloud (TLS)', 'Bench over WebSocket', 'Self-signed on a laptop']);
    const byName = (name: string) => core.connections.profiles().find((profile) => profile.name === name)!;

    expect(byName('EMQX public broker')).toMatchObject({
      id: '6f1d1c9e-3b0a-4c8e-9d3f-0a1b2c3d4e5f',
      transport: 'mqtt',
      host: 'broker.emqx.io',
      port: 1883,
      protocolVersion: 5,
      clientId: 'mqttx_5d3a9b21',
      clean: true,
      keepalive: 60,
      connectTimeoutSeconds: 10,
      reconnect: { enabled: true, initialDelayMs: 4000, maxDelayMs: 30_000 },
      will: {
        enabled: true,
        topic: 'devices/bench-1/status',
        payload: '{"online":false}',
        qos: 1,
        retain: true,
        delayInterval: 5,
        messageExpiry: 3600,
        contentType: 'application/json',
        userProperties: [{ key: 'site', value: 'lab' }],
      },
      properties: {
        sessionExpiryInterval: 300,
        receiveMaximum: 100,
        maximumPacketSize: null,
        topicAliasMaximum: 10,
        requestResponseInformation: true,
        requestProblemInformation: true,
        userProperties: [
          { key: 'owner', value: 'qa' },
          { key: 'tag', value: 'a' },
          { key: 'tag', value: 'b' },
        ],
      },
    });
    expect(byName('EMQX Cloud (TLS)')).toMatchObject({
      transport: 'mqtts',
      host: 'q1a2b3c4.ala.us-east-1.emqxsl.com',
      port: 8883,
      protocolVersion: 4,
      username: 'alice',
      secrets: { password: 'cloud-secret-pw' },
      tls: { ca: null, cert: null, verifyServer: true, alpn: ['mqtt'] },
      reconnect: { enabled: false },
    });
    expect(byName('Bench over WebSocket')).toMatchObject({ transport: 'ws', host: '192.168.1.40', port: 8083, path: '/mqtt', clean: false, connectTimeoutSeconds: 5, reconnect: { initialDelayMs: 2000 } });
    expect(byName('Self-signed on a laptop')).toMatchObject({ transport: 'mqtts', tls: { ca: null, cert: null, keyName: '', verifyServer: false } });

    expect(warnings).toEqual([
      'MQTTX subscriptions and message history are not imported; subscribe again after connecting.',
      '"Self-signed on a laptop": the CA certificate file /Users/someone-else/certs/ca.crt could not be read (ENOENT); choose it again in the TLS settings.',
      '"Self-signed on a laptop": the client certificate file /Users/someone-else/certs/client.crt could not be read (ENOENT); choose it again in the TLS settings.',
      '"Self-signed on a laptop": the client key file /Users/someone-else/certs/client.key could not be read (ENOENT); choose it again in the TLS settings.',
      'Skipped "Legacy 3.1 gateway": clientId: MQTT 3.1 needs a client id of 1 to 23 characters.',
    ]);

    // The imported password is sealed on disk like any other.
    await core.connections.flush();
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain('cloud-secret-pw');
  });

  it('reads the TLS files an MQTTX export names when they exist on this machine', async () => {
    const certs = freshDir();
    for (const [name, pem] of [['ca.crt', caPem], ['client.crt', certPem], ['client.key', keyPem]] as const) writeFileSync(join(certs, name), pem);
    const connection = {
      name: 'Self-signed here',
      clientId: 'c1',
      host: 'localhost',
      port: 8883,
      protocol: 'mqtt',
      ssl: true,
      certType: 'self',
      mqttVersion: '5.0',
      ca: join(certs, 'ca.crt'),
      cert: join(certs, 'client.crt'),
      key: join(certs, 'client.key'),
    };
    // One connection exported alone is a bare object.
    const { profiles, warnings } = parseProfileImport('one.json', JSON.stringify(connection));
    expect(warnings).toEqual([]);
    expect(profiles[0]).toMatchObject({
      transport: 'mqtts',
      tls: { ca: { name: 'ca.crt', pem: caPem }, cert: { name: 'client.crt', pem: certPem }, keyName: 'client.key' },
      secrets: { clientKey: keyPem },
    });
  });

  it('will not take a private key as a certificate, so an export cannot pull a private file into a profile', () => {
    const certs = makeTempDir();
    dirs.push(certs);
    writeFileSync(join(certs, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const connection = { name: 'Crafted', clientId: 'c', host: 'h', port: 8883, protocol: 'mqtts', certType: 'self', mqttVersion: '5.0', ca: join(certs, 'id_rsa') };
    const { profiles, warnings } = parseProfileImport('crafted.json', JSON.stringify([connection]));
    expect(profiles[0]!.tls.ca).toBeNull();
    expect(warnings).toEqual([`"Crafted": the CA certificate file ${join(certs, 'id_rsa')} holds no PEM certificate, or also holds a private key, so it was left out; choose it again in the TLS settings.`]);
  });

  it('accepts MQTTX connections wrapped in an object and inside collections', () => {
    const connection = (name: string) => ({ name, clientId: name, host: 'mqtt://h.example', port: 1883, mqttVersion: '3.1.1' });
    const wrapped = { connections: [connection('a'), { isCollection: true, name: 'Folder', children: [connection('b')] }] };
    const { profiles } = parseProfileImport('wrapped.json', JSON.stringify(wrapped));
    expect(profiles.map((profile) => [profile.name, profile.host])).toEqual([
      ['a', 'h.example'],
      ['b', 'h.example'],
    ]);
  });

  it('refuses input that is not an export, with a specific message', async () => {
    const core = freshCore();
    const attempt = (fileName: string, content: string) => core.router.dispatch('profiles.import', { fileName, content });
    expect(await attempt('notes.txt', 'hello')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^"notes\.txt" is not valid JSON \(.*\)\. Choose a file exported by MQTT Lab or MQTTX \(JSON\)\.$/) },
    });
    expect(await attempt('package.json', '{"name":"x","version":"1.0.0"}')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '"package.json" is neither an MQTT Lab export nor an MQTTX connection export: it has no list of connections. Export the connections again and choose that file.' },
    });
    expect(await attempt('profiles.json', '{"format":"mqtt-lab.profiles","version":1,"profiles":[]}')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('is the file where MQTT Lab keeps its connections, not an export') },
    });
    expect(await attempt('future.json', '{"format":"mqtt-lab.profiles-export","version":3,"profiles":[]}')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '"future.json" was exported by a newer version of MQTT Lab (export version 3; this version reads 1). Update MQTT Lab to import it.' },
    });
    expect(core.connections.profiles()).toEqual([]);
  });
});
