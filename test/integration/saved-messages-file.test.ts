import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import { profileFor } from '../helpers/profiles';
import { collection, savedMessage } from '../helpers/saved-messages';
import { coresOnDisk } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

describe('saved messages on disk', () => {
  const { dataDir, open, restart, closeAll } = coresOnDisk();
  afterEach(closeAll);
  const door = collection('c1', 'Door', [savedMessage('m1', 'Open'), savedMessage('m2', 'Close', { payload: '{"open":false}', template: true })]);

  it('survive a restart on the same folder', async () => {
    const dir = dataDir();
    let core = open(dir);
    await invoke(core, 'savedMessages.put', { collections: [door] });
    core = await restart(core, dir);
    expect(await invoke(core, 'savedMessages.list', {})).toEqual({ collections: [door], notices: [], noticeTexts: [] });
  });

  it('move a damaged file aside with a notice, and start empty without overwriting it', async () => {
    const dir = dataDir();
    const path = join(dir, 'saved-messages.json');
    writeFileSync(path, '{"format":"mqtt-lab.saved-messages","version":1,"collections":[');
    const core = open(dir);
    const { collections, notices } = await invoke(core, 'savedMessages.list', {});
    expect(collections).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The saved messages could not be loaded: .*saved-messages\.json is damaged \(it is not complete JSON: .*\)\. The file was kept as .*saved-messages\.json\.unreadable-.*; nothing in it was deleted\.$/);
    const aside = readdirSync(dir).filter((name) => name.startsWith('saved-messages.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"format":"mqtt-lab.saved-messages","version":1,"collections":[');
    expect(existsSync(path)).toBe(false);
    await invoke(core, 'savedMessages.put', { collections: [door] });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'mqtt-lab.saved-messages', version: 1, collections: [door] });
  });

  it('keep the readable collections of a partly damaged file, writing them back', async () => {
    const dir = dataDir();
    const path = join(dir, 'saved-messages.json');
    writeFileSync(path, JSON.stringify({ format: 'mqtt-lab.saved-messages', version: 1, collections: [door, { id: 'x', name: 'Broken', messages: 'no' }] }));
    let core = open(dir);
    const { collections, notices } = await invoke(core, 'savedMessages.list', {});
    expect(collections).toEqual([door]);
    expect(notices[0]).toMatch(/^1 collection of 2 saved-message collections could not be read and was left out: collection "Broken" \(messages: .*\)\. The file was kept as /);
    core = await restart(core, dir);
    expect(await invoke(core, 'savedMessages.list', {})).toEqual({ collections: [door], notices: [], noticeTexts: [] });
  });

  it('export collections and import them under new ids; a foreign connection becomes global', async () => {
    const core = open(dataDir());
    await invoke(core, 'connection.save', { profile: profileFor(1883, { id: 'here' }) });
    const mine = collection('c2', 'Mine', [savedMessage('m1', 'Ping')], 'here');
    const theirs = collection('c3', 'Theirs', [savedMessage('m1', 'Pong')], 'elsewhere');
    await invoke(core, 'savedMessages.put', { collections: [door, mine, theirs] });
    const exported = await invoke(core, 'savedMessages.export', { collectionIds: ['c2', 'c3'] });
    expect(exported.count).toBe(2);
    const result = await invoke(core, 'savedMessages.import', { fileName: exported.fileName, content: exported.content });
    expect(result.imported).toBe(2);
    expect(result.warnings).toEqual(['"Theirs" belonged to a connection that is not here; it is now a global collection.']);
    const [, , , importedMine, importedTheirs] = result.collections;
    expect(importedMine).toMatchObject({ name: 'Mine', connectionId: 'here', messages: mine.messages });
    expect(importedMine?.id).not.toBe('c2');
    expect(importedTheirs?.connectionId).toBeUndefined();

    const refused = await core.router.dispatch('savedMessages.import', { fileName: 'x.json', content: JSON.stringify({ format: 'mqtt-lab.profiles', version: 1, profiles: [] }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'x.json cannot be imported: it is not an MQTT Lab saved-messages file (it is a connection export: import it under Connections).' } });
  });
});
