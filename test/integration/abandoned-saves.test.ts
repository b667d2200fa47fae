import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';

describe('temporary files left by a save that was killed', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) removeTempDir(dataDir);
    dataDir = undefined;
  });

  it('are removed when the core starts; anything that is not ours, or may be a save in progress, stays', async () => {
    dataDir = makeTempDir();
    const recordings = join(dataDir, 'recordings');
    mkdirSync(recordings);
    const hourAgo = new Date(Date.now() - 3600_000);
    const plant = (folder: string, name: string, old = true) => {
      const path = join(folder, name);
      writeFileSync(path, '{"half":');
      if (old) utimesSync(path, hourAgo, hourAgo);
    };
    const ours = ['profiles.json', 'settings.json', 'broker.json', 'secret.key', 'saved-messages.json'].map((file) => `.${file}.${randomUUID()}.tmp`);
    for (const name of ours) plant(dataDir, name);
    const ourRecording = `.run.mqttrec.jsonl.${randomUUID()}.tmp`;
    plant(recordings, ourRecording);

    const inProgress = `.profiles.json.${randomUUID()}.tmp`;
    const lookAlikes = [
      `.profiles.json.${randomUUID().toUpperCase()}.tmp`,
      '.profiles.json.not-a-uuid.tmp',
      `profiles.json.${randomUUID()}.tmp`,
      `.notes.json.${randomUUID()}.tmp`,
      `.profiles.json.${randomUUID()}.tmp.bak`,
      `.profiles.json.${randomUUID()}.temp`,
    ];
    for (const name of lookAlikes) plant(dataDir, name);
    plant(dataDir, inProgress, false);
    const notARecording = `.notes.txt.${randomUUID()}.tmp`;
    plant(recordings, notARecording);
    const folderLikeOurs = `.broker.json.${randomUUID()}.tmp`;
    mkdirSync(join(dataDir, folderLikeOurs));
    utimesSync(join(dataDir, folderLikeOurs), hourAgo, hourAgo);

    const core = coreOn(dataDir);
    await core.close();

    const left = readdirSync(dataDir);
    for (const name of ours) expect(left).not.toContain(name);
    expect(readdirSync(recordings)).toEqual([notARecording]);
    for (const name of [...lookAlikes, inProgress, folderLikeOurs]) expect(left).toContain(name);
  });
});
