import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app-core';
import type { AppCore } from '../../electron/core/app-core';
import { ProfileFile } from '../../electron/core/profiles/profile-file';
import { SafeStorageSecretBox, noKeyringMessage } from '../../electron/core/profiles/safe-storage-secret-box';
import type { SafeStorageLike, StorageBackend } from '../../electron/core/profiles/safe-storage-secret-box';
import type { RequestName, RequestOutput } from '../../shared/contract';
import type { ProfileInput } from '../../shared/domain/profile';
import { profileFor } from '../helpers/profiles';
import { coresOnDisk, makeTempDir, removeTempDir } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, channel: N, input: unknown): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

const save = (core: AppCore, profile: ProfileInput) => invoke(core, 'connection.save', { profile });
const list = (core: AppCore) => invoke(core, 'connection.list', {});

describe('profiles on disk', () => {
  const { cores, dataDir, open, restart, closeAll } = coresOnDisk();
  afterEach(closeAll);
  const profilesPath = (dir: string) => join(dir, 'profiles.json');
  const fileText = (dir: string) => readFileSync(profilesPath(dir), 'utf8');

  it('survive a restart on the same folder, idle, with their secrets', async () => {
    const dir = dataDir();
    let core = open(dir);
    const profile = profileFor(1883, { name: 'Kitchen', username: 'alice', secrets: { password: 'hunter2' } });
    await save(core, profile);
    core = await restart(core, dir);
    const { connections, notices } = await list(core);
    expect(notices).toEqual([]);
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ connectionId: profile.id, status: { state: 'idle' }, profile: { name: 'Kitchen', username: 'alice', secretsSet: { password: true } } });
    expect(core.connections.profile(profile.id).secrets.password).toBe('hunter2');
  });

  it('are written as a versioned document with no secret in clear text', async () => {
    const dir = dataDir();
    const core = open(dir);
    const key = '-----BEGIN PRIVATE KEY-----\nTUlJQ2V3SUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbVV3Z2dKaEFnRUFBb0dCQU1hcmtlcg==\n-----END PRIVATE KEY-----\n';
    await save(core, profileFor(1883, { secrets: { password: 'hunter2-very-secret', keyPassphrase: 'pass-phrase-42', clientKey: key } }));
    const text = fileText(dir);
    const document = JSON.parse(text) as { format: string; version: number; profiles: { secrets: Record<string, string> }[] };
    expect(document).toMatchObject({ format: 'mqtt-lab.profiles', version: 1 });
    expect(Object.values(document.profiles[0]!.secrets).every((sealed) => sealed.startsWith('aes-256-gcm:'))).toBe(true);
    for (const secret of ['hunter2-very-secret', 'pass-phrase-42', 'TUlJQ2V3SUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbVV3Z2dKaEFnRUFBb0dCQU1hcmtlcg', 'PRIVATE KEY']) {
      expect(text).not.toContain(secret);
    }
  });

  it('leave no temporary file behind after a write', async () => {
    const dir = dataDir();
    const core = open(dir);
    await save(core, profileFor(1883, { secrets: { password: 'x' } }));
    await save(core, profileFor(1884));
    expect(readdirSync(dir).sort()).toEqual(['profiles.json', 'secret.key']);
  });

  it('keep every one of many saves made at once, in order', async () => {
    const dir = dataDir();
    let core = open(dir);
    const profiles = Array.from({ length: 25 }, (_, index) => profileFor(1000 + index, { name: `p${index}` }));
    await Promise.all(profiles.map((profile) => save(core, profile)));
    // The last of several saves of one profile wins, as it was asked for last.
    const renamed = ['first', 'second', 'third'].map((name) => ({ ...profiles[0]!, name }));
    await Promise.all(renamed.map((profile) => save(core, profile)));
    core = await restart(core, dir);
    const names = (await list(core)).connections.map((snapshot) => snapshot.profile.name);
    expect(names).toEqual(['third', ...profiles.slice(1).map((profile) => profile.name)]);
  });

  it('keep a stored secret that a save leaves out, and clear one saved as ""', async () => {
    const dir = dataDir();
    let core = open(dir);
    const profile = profileFor(1883, { username: 'alice', secrets: { password: 'hunter2', keyPassphrase: 'phrase' } });
    await save(core, profile);
    await save(core, { ...profile, name: 'renamed', secrets: { keyPassphrase: '' } });
    core = await restart(core, dir);
    expect(core.connections.profile(profile.id)).toMatchObject({ name: 'renamed', secrets: { password: 'hunter2', keyPassphrase: '' } });
  });

  it('persist a duplicate and a removal', async () => {
    const dir = dataDir();
    let core = open(dir);
    const original = profileFor(1883, { name: 'Original', secrets: { password: 'pw' } });
    const doomed = profileFor(1884, { name: 'Doomed' });
    await save(core, original);
    await save(core, doomed);
    const copy = await invoke(core, 'connection.duplicate', { connectionId: original.id });
    expect(copy.profile).toMatchObject({ name: 'Original (copy)', secretsSet: { password: true } });
    expect(copy.connectionId).not.toBe(original.id);
    await invoke(core, 'connection.remove', { connectionId: doomed.id });
    core = await restart(core, dir);
    const { connections } = await list(core);
    expect(connections.map((snapshot) => snapshot.profile.name)).toEqual(['Original', 'Original (copy)']);
    expect(core.connections.profile(copy.connectionId).secrets.password).toBe('pw');
  });

  it('move a truncated file aside with its original bytes, and say so', async () => {
    const dir = dataDir();
    let core = open(dir);
    await save(core, profileFor(1883, { name: 'Kitchen' }));
    await core.close();
    cores.splice(0);
    const original = readFileSync(profilesPath(dir));
    const truncated = original.subarray(0, Math.floor(original.length / 2));
    writeFileSync(profilesPath(dir), truncated);

    core = open(dir);
    const { connections, notices } = await list(core);
    expect(connections).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The saved connections could not be loaded: .*profiles\.json is damaged \(it is not complete JSON: .*\)\. The file was kept as .*profiles\.json\.unreadable-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z; nothing in it was deleted\.$/);
    const aside = readdirSync(dir).find((name) => name.startsWith('profiles.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside))).toEqual(truncated);
    expect(existsSync(profilesPath(dir))).toBe(false);

    // The next save starts a new file and leaves the moved one alone.
    await save(core, profileFor(1885, { name: 'New' }));
    expect(JSON.parse(fileText(dir)).profiles).toHaveLength(1);
    expect(readFileSync(join(dir, aside))).toEqual(truncated);
  });

  it('move aside a file written by a newer version rather than overwrite it', async () => {
    const dir = dataDir();
    const newer = JSON.stringify({ format: 'mqtt-lab.profiles', version: 2, profiles: [{ anything: 'new' }] });
    writeFileSync(profilesPath(dir), newer);
    const core = open(dir);
    const { connections, notices } = await list(core);
    expect(connections).toEqual([]);
    expect(notices[0]).toMatch(/was written by a newer version of MQTT Lab \(file version 2; this version reads version 1\)\. The file was kept as .*\. Update MQTT Lab to use those connections again\.$/);
    const aside = readdirSync(dir).find((name) => name.startsWith('profiles.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(newer);
  });

  it('move aside a file of another format', async () => {
    const dir = dataDir();
    writeFileSync(profilesPath(dir), JSON.stringify([{ host: 'x' }]));
    const { notices } = await list(open(dir));
    expect(notices[0]).toMatch(/profiles\.json is not an MQTT Lab profile file\. The file was kept as /);
  });

  it('salvage the valid profiles of a file with broken entries, and keep the original', async () => {
    const dir = dataDir();
    let core = open(dir);
    const good = profileFor(1883, { name: 'Good' });
    await save(core, good);
    await core.close();
    cores.splice(0);
    const document = JSON.parse(fileText(dir)) as { profiles: Record<string, unknown>[] };
    document.profiles.push({ ...document.profiles[0], id: 'bad-port', name: 'Bad port', port: 70000 }, { id: 'no-name' }, 'not even an object' as never);
    const original = JSON.stringify(document);
    writeFileSync(profilesPath(dir), original);

    core = open(dir);
    const { connections, notices } = await list(core);
    expect(connections.map((snapshot) => snapshot.profile.name)).toEqual(['Good']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^3 saved connections of 4 could not be read and were left out: "Bad port" \(port: The port must be between 1 and 65535\.\); entry 3 \(.*\); entry 4 \(.*\)\. The file was kept as .*profiles\.json\.unreadable-/);
    const aside = readdirSync(dir).find((name) => name.startsWith('profiles.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(original);
    // The salvaged profile is written back, so it survives the next start too.
    core = await restart(core, dir);
    expect((await list(core)).connections.map((snapshot) => snapshot.profile.name)).toEqual(['Good']);
    expect((await list(core)).notices).toEqual([]);
  });

  it('load a profile whose secret was tampered with, without it, and name both in a notice', async () => {
    const dir = dataDir();
    let core = open(dir);
    const profile = profileFor(1883, { name: 'Tampered', secrets: { password: 'hunter2' } });
    await save(core, profile);
    await core.close();
    cores.splice(0);
    const document = JSON.parse(fileText(dir)) as { profiles: { secrets: { password: string } }[] };
    const sealed = document.profiles[0]!.secrets.password;
    const bytes = Buffer.from(sealed.slice('aes-256-gcm:'.length), 'base64');
    bytes[20]! ^= 0xff;
    document.profiles[0]!.secrets.password = `aes-256-gcm:${bytes.toString('base64')}`;
    writeFileSync(profilesPath(dir), JSON.stringify(document));

    core = open(dir);
    const { connections, notices } = await list(core);
    expect(connections[0]).toMatchObject({ connectionId: profile.id, profile: { secretsSet: { password: false } } });
    expect(notices).toEqual([
      expect.stringMatching(/^The password of "Tampered" could not be decrypted: the stored value does not match the key in .*secret\.key; it is damaged or was saved with another key\. Enter it again in the connection's settings\.$/),
    ]);
  });

  it('keep a secret sealed by the other shell until the user replaces it', async () => {
    const dir = dataDir();
    const fromDesktop = 'safe-storage:c2VhbGVkIGJ5IGVsZWN0cm9u';
    const stored = { ...profileFor(1883, { name: 'Shared' }), secrets: { password: fromDesktop } };
    writeFileSync(profilesPath(dir), JSON.stringify({ format: 'mqtt-lab.profiles', version: 1, profiles: [stored] }));
    let core = open(dir);
    expect((await list(core)).notices[0]).toMatch(/^The password of "Shared" could not be decrypted: it was saved by the MQTT Lab desktop app/);
    // Saving it unchanged and saving another profile both keep the desktop's sealed password.
    const { secrets: _sealed, ...fields } = stored;
    await save(core, { ...fields, name: 'Shared, renamed', secrets: {} });
    await save(core, profileFor(1884));
    expect(JSON.parse(fileText(dir)).profiles[0].secrets.password).toBe(fromDesktop);
    // A new password replaces it.
    await save(core, { ...fields, secrets: { password: 'typed again' } });
    core = await restart(core, dir);
    expect(core.connections.profile(stored.id).secrets.password).toBe('typed again');
  });

  it('write through ProfileFile one at a time, in the order asked', async () => {
    const dir = dataDir();
    const file = new ProfileFile(dir);
    const base = { ...profileFor(1883), secrets: {}, subscriptions: [] };
    const writes = Array.from({ length: 10 }, (_, index) => file.write([{ ...base, name: `v${index}` }]));
    await Promise.all(writes);
    expect(JSON.parse(fileText(dir)).profiles[0].name).toBe('v9');
    expect(readdirSync(dir)).toEqual(['profiles.json']);
  });
});

describe('the desktop app without a keyring', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeTempDir));

  function desktopCore(backend: StorageBackend): { core: AppCore; dir: string } {
    const dir = makeTempDir();
    dirs.push(dir);
    const safeStorage: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      encryptString: (plain) => Buffer.from(plain).reverse(),
      decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
      getSelectedStorageBackend: () => backend,
    };
    return { dir, core: createCore({ mode: 'electron', version: 'test', storage: { dataDir: dir, secretBox: new SafeStorageSecretBox(safeStorage, 'linux') } }) };
  }

  it('refuses to save a password, with a message, and changes nothing', async () => {
    const { core, dir } = desktopCore('basic_text');
    try {
      const profile = profileFor(1883, { secrets: { password: 'hunter2' } });
      const result = await core.router.dispatch('connection.save', { profile });
      expect(result).toEqual({ ok: false, error: { code: 'storage_error', message: noKeyringMessage } });
      expect(core.connections.has(profile.id)).toBe(false);
      expect(existsSync(join(dir, 'profiles.json'))).toBe(false);
      // Without a secret, saving works.
      const plain = profileFor(1883, { name: 'No password' });
      expect(await core.router.dispatch('connection.save', { profile: plain })).toMatchObject({ ok: true });
      expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('imports profiles without their passwords rather than not at all, and says so', async () => {
    const { core } = desktopCore('basic_text');
    try {
      const connection = { name: 'From MQTTX', clientId: 'c1', host: 'broker.example', port: 1883, mqttVersion: '5.0', username: 'bob', password: 'pw' };
      const result = await invoke(core, 'profiles.import', { fileName: 'mqttx.json', content: JSON.stringify([connection]) });
      expect(result.imported.map((snapshot) => snapshot.profile.name)).toEqual(['From MQTTX']);
      expect(result.warnings).toEqual([`Passwords and keys were not imported. ${noKeyringMessage}`]);
      expect(core.connections.profiles()[0]!.secrets.password).toBe('');
    } finally {
      await core.close();
    }
  });

  it('seals with the keyring when there is one', async () => {
    const { core, dir } = desktopCore('gnome_libsecret');
    try {
      await invoke(core, 'connection.save', { profile: profileFor(1883, { secrets: { password: 'hunter2' } }) });
      const text = readFileSync(join(dir, 'profiles.json'), 'utf8');
      expect(text).toContain('safe-storage:');
      expect(text).not.toContain('hunter2');
    } finally {
      await core.close();
    }
  });
});
