import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { exportProfiles } from '../../electron/core/profiles/profile-export';
import { parseProfileImport } from '../../electron/core/profiles/profile-import';
import type { RequestName, RequestOutput } from '../../shared/contract';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import { saveAndConnect, waitForSnapshot, watchHistory } from '../helpers/core-waits';
import { startAedes } from '../helpers/aedes';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { coresOnDisk } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, channel: N, input: unknown): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

const allGranted = (snapshot: ConnectionSnapshot, count: number) =>
  snapshot.status.state === 'connected' && snapshot.subscriptions.length === count && snapshot.subscriptions.every((view) => view.state === 'granted');

describe('subscriptions saved with the profile', () => {
  let broker: Broker;
  const { cores, dataDir, open, restart, closeAll } = coresOnDisk();
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(closeAll);

  async function subscribeTwo(core: AppCore, profile: ProfileInput): Promise<void> {
    await saveAndConnect(core, profile);
    const first = await invoke(core, 'subscription.add', { connectionId: profile.id, filter: 'lab/sensors/#', qos: 1 });
    const second = await invoke(core, 'subscription.add', { connectionId: profile.id, filter: 'lab/alerts/+', qos: 2 });
    expect([first.state, second.state]).toEqual(['granted', 'granted']);
  }
  async function connect(core: AppCore, connectionId: string, done: (snapshot: ConnectionSnapshot) => boolean): Promise<ConnectionSnapshot> {
    const settled = waitForSnapshot(core, connectionId, done);
    await invoke(core, 'connection.connect', { connectionId });
    return settled;
  }

  it('are asked for again, in order, after a restart, and their messages arrive', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port);
    let core = open(dir);
    await subscribeTwo(core, profile);
    core = await restart(core, dir);

    const listed = (await invoke(core, 'connection.list', {})).connections[0]!;
    expect(listed.subscriptions.map(({ filter, requestedQos, state }) => ({ filter, requestedQos, state }))).toEqual([
      { filter: 'lab/sensors/#', requestedQos: 1, state: 'pending' },
      { filter: 'lab/alerts/+', requestedQos: 2, state: 'pending' },
    ]);
    const connected = await connect(core, profile.id, (snapshot) => allGranted(snapshot, 2));
    expect(connected.subscriptions.map(({ filter, grantedQos }) => ({ filter, grantedQos }))).toEqual([
      { filter: 'lab/sensors/#', grantedQos: 1 },
      { filter: 'lab/alerts/+', grantedQos: 2 },
    ]);

    const history = watchHistory(core, profile.id);
    await invoke(core, 'message.publish', { connectionId: profile.id, topic: 'lab/alerts/door', qos: 1, retain: false, payload: 'open', encoding: 'utf8' });
    const rows = await history.waitForRows(2);
    history.stop();
    expect(rows.find((row) => row.direction === 'in')).toMatchObject({ topic: 'lab/alerts/door' });
  });

  it('keep their MQTT 5 options across a restart, and are asked for with them again', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port, { protocolVersion: 5 });
    let core = open(dir);
    await saveAndConnect(core, profile);
    const options = { noLocal: true, retainHandling: 2, subscriptionIdentifier: 12, userProperties: [{ key: 'a', value: 'b' }] };
    await invoke(core, 'subscription.add', { connectionId: profile.id, filter: 'lab/opts/#', qos: 1, options });
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles[0].subscriptions).toEqual([{ filter: 'lab/opts/#', qos: 1, options }]);
    core = await restart(core, dir);
    const sent: unknown[] = [];
    core.connections.get(profile.id).tap.onPacket((tapped) => {
      if (tapped.direction === 'sent' && tapped.packet.cmd === 'subscribe') sent.push(tapped.packet);
    });
    const connected = await connect(core, profile.id, (snapshot) => allGranted(snapshot, 1));
    expect(connected.subscriptions[0]).toMatchObject({ filter: 'lab/opts/#', options });
    expect(sent).toMatchObject([{ subscriptions: [{ topic: 'lab/opts/#', qos: 1, nl: true, rh: 2 }], properties: { subscriptionIdentifier: 12, userProperties: { a: 'b' } } }]);
  });

  it('show as granted after a restart when the broker kept the session', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port, { clean: false, properties: { ...profileFor(broker.port).properties, sessionExpiryInterval: 300 } });
    let core = open(dir);
    await subscribeTwo(core, profile);
    core = await restart(core, dir);

    const connected = await connect(core, profile.id, (snapshot) => allGranted(snapshot, 2));
    expect(core.connections.get(profile.id).snapshot().broker?.sessionPresent).toBe(true);
    expect(connected.subscriptions.map(({ filter, grantedQos }) => ({ filter, grantedQos }))).toEqual([
      { filter: 'lab/sensors/#', grantedQos: 1 },
      { filter: 'lab/alerts/+', grantedQos: 2 },
    ]);
  });

  it('are neither listed nor asked for with "Restore subscriptions on connect" off, and stay saved', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port);
    let core = open(dir);
    await subscribeTwo(core, profile);
    await invoke(core, 'connection.save', { profile: { ...profile, restoreSubscriptions: false } });
    core = await restart(core, dir);

    const connected = await connect(core, profile.id, (snapshot) => snapshot.status.state === 'connected');
    expect(connected.subscriptions).toEqual([]);
    const history = watchHistory(core, profile.id);
    const published = await invoke(core, 'message.publish', { connectionId: profile.id, topic: 'lab/alerts/door', qos: 1, retain: false, payload: 'open', encoding: 'utf8' });
    expect(published.outcome.kind).toBe('acked');
    // mosquitto forwards to its subscribers before it acknowledges, so a delivery would already be on its way.
    await new Promise((resolve) => setTimeout(resolve, 300));
    history.stop();
    const { store } = core.connections.get(profile.id);
    expect(store.rows(0, store.size).filter((row) => row.direction === 'in')).toEqual([]);
    expect(core.connections.profile(profile.id).subscriptions.map(({ filter }) => filter)).toEqual(['lab/sensors/#', 'lab/alerts/+']);
  });

  it('are kept when the profile is saved again from the form, and forgotten when removed', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port);
    let core = open(dir);
    await subscribeTwo(core, profile);
    // The form sends no subscriptions: an edit must not wipe them.
    await invoke(core, 'connection.save', { profile: { ...profile, name: 'Renamed' } });
    await invoke(core, 'subscription.remove', { connectionId: profile.id, filter: 'lab/sensors/#' });
    core = await restart(core, dir);

    expect(core.connections.profile(profile.id).name).toBe('Renamed');
    const connected = await connect(core, profile.id, (snapshot) => allGranted(snapshot, 1));
    expect(connected.subscriptions.map(({ filter }) => filter)).toEqual(['lab/alerts/+']);
  });

  it('are not saved when the broker refused them, as it would refuse them again', async () => {
    // mosquitto grants a filter its ACL denies (it only withholds the messages), so aedes refuses here.
    const strict = await startAedes({ authorizeSubscribe: (_client, subscription, callback) => callback(null, subscription.topic.startsWith('private/') ? null : subscription) });
    try {
      const profile = profileFor(strict.port);
      const core = open(dataDir());
      await saveAndConnect(core, profile);
      const refused = await invoke(core, 'subscription.add', { connectionId: profile.id, filter: 'private/#', qos: 1 });
      const granted = await invoke(core, 'subscription.add', { connectionId: profile.id, filter: 'lab/#', qos: 1 });
      expect([refused.state, granted.state]).toEqual(['failed', 'granted']);
      expect(core.connections.profile(profile.id).subscriptions).toEqual([{ filter: 'lab/#', qos: 1 }]);
    } finally {
      await Promise.all(cores.splice(0).map((core) => core.close()));
      await strict.stop();
    }
  });

  it('are dropped from the profile when the broker refuses them on restore', async () => {
    let refusing = false;
    const changing = await startAedes({ authorizeSubscribe: (_client, subscription, callback) => callback(null, refusing && subscription.topic === 'lab/sensors/#' ? null : subscription) });
    try {
      const dir = dataDir();
      const profile = profileFor(changing.port);
      let core = open(dir);
      await subscribeTwo(core, profile);
      refusing = true;
      core = await restart(core, dir);
      const connected = await connect(core, profile.id, (snapshot) => snapshot.subscriptions.every((view) => view.state !== 'pending'));
      expect(connected.subscriptions.map(({ filter, state }) => ({ filter, state }))).toEqual([
        { filter: 'lab/sensors/#', state: 'failed' },
        { filter: 'lab/alerts/+', state: 'granted' },
      ]);
      // The profile is written after the SUBACK is read, so the list may show the refusal first.
      await expect.poll(() => core.connections.profile(profile.id).subscriptions).toEqual([{ filter: 'lab/alerts/+', qos: 2 }]);
      await core.connections.flush();
      expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles[0].subscriptions).toEqual([{ filter: 'lab/alerts/+', qos: 2 }]);
    } finally {
      await Promise.all(cores.splice(0).map((core) => core.close()));
      await changing.stop();
    }
  });

  it('load from a file written before they existed: none saved, restore on', async () => {
    const dir = dataDir();
    const profile = profileFor(broker.port);
    let core = open(dir);
    await invoke(core, 'connection.save', { profile });
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const path = join(dir, 'profiles.json');
    const document = JSON.parse(readFileSync(path, 'utf8')) as { profiles: Record<string, unknown>[] };
    for (const entry of document.profiles) {
      delete entry.subscriptions;
      delete entry.restoreSubscriptions;
    }
    writeFileSync(path, JSON.stringify(document));

    core = open(dir);
    const { connections, notices } = await invoke(core, 'connection.list', {});
    expect(notices).toEqual([]);
    expect(connections[0]?.profile.restoreSubscriptions).toBe(true);
    expect(core.connections.profile(profile.id).subscriptions).toEqual([]);
  });

  it('travel in an export and come back with its import', () => {
    const profile = { ...profileFor(broker.port), secrets: { password: '', keyPassphrase: '', clientKey: '' }, subscriptions: [{ filter: 'lab/#', qos: 1 as const }] };
    const exported = exportProfiles([profile], false);
    const { profiles, warnings } = parseProfileImport(exported.fileName, exported.content);
    expect(warnings).toEqual([]);
    expect(profiles[0]?.subscriptions).toEqual([{ filter: 'lab/#', qos: 1 }]);
  });
});
