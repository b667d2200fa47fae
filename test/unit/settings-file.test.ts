import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../shared/domain/settings';
import { SettingsFile } from '../../electron/core/settings/settings-file';
import { createCore } from '../../electron/core/app-core';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { profileFor } from '../helpers/profiles';
import { AesGcmSecretBox } from '../../electron/core/profiles/aes-gcm-secret-box';

const folders: string[] = [];
function folder(): string {
  const dir = makeTempDir();
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

describe('the settings file', () => {
  it('starts from the defaults, and keeps what was saved for the next start', async () => {
    const dir = folder();
    const file = new SettingsFile(dir);
    expect(file.load()).toEqual(defaultAppSettings);
    await file.write({ history: { maxMessages: 5000, maxPayloadMB: 64 } });
    expect(new SettingsFile(dir).load()).toEqual({ history: { maxMessages: 5000, maxPayloadMB: 64 } });
  });

  it('moves a damaged or invalid file aside with a notice, byte for byte, and uses the defaults', () => {
    for (const content of ['{"format":"mqtt-lab.settings",', JSON.stringify({ format: 'mqtt-lab.settings', version: 1, settings: { history: { maxMessages: 3, maxPayloadMB: 1 } } })]) {
      const dir = folder();
      writeFileSync(join(dir, 'settings.json'), content);
      const file = new SettingsFile(dir);
      expect(file.load()).toEqual(defaultAppSettings);
      expect(file.notices[0]).toMatch(/The settings could not be loaded: .*settings\.json (is not complete JSON|has invalid values \(Keep at least 1,000 messages\.\))\. It was moved to /);
      const aside = readdirSync(dir).find((name) => name.startsWith('settings.json.unreadable-'));
      expect(readFileSync(join(dir, aside ?? 'missing'), 'utf8')).toBe(content);
    }
  });

  it('applies a saved budget to every connection of a core, now and after a restart', async () => {
    const dir = folder();
    const storage = { dataDir: dir, secretBox: AesGcmSecretBox.inDataDir(dir) };
    const core = createCore({ mode: 'web', version: 'test', storage });
    const saved = await core.router.dispatch('settings.save', { settings: { history: { maxMessages: 2000, maxPayloadMB: 10 } } });
    expect(saved.ok).toBe(true);
    const profile = profileFor(1883);
    await core.router.dispatch('connection.save', { profile });
    expect(core.connections.get(profile.id).store.budget).toEqual({ maxMessages: 2000, maxPayloadBytes: 10 * 1024 * 1024 });
    const refused = await core.router.dispatch('settings.save', { settings: { history: { maxMessages: 2_000_000, maxPayloadMB: 10 } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'settings.history.maxMessages' } });
    await core.close();
    const again = createCore({ mode: 'web', version: 'test', storage });
    expect(await again.router.dispatch('settings.get', {})).toEqual({ ok: true, value: { history: { maxMessages: 2000, maxPayloadMB: 10 } } });
    expect(again.connections.get(profile.id).store.budget.maxMessages).toBe(2000);
    await again.close();
  });
});
