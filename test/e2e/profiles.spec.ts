import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebApp } from '../helpers/start-app';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';

const mqttxExport = join(import.meta.dirname, '..', 'fixtures', 'mqttx-export.json');

test('profiles and their secrets survive a restart of the app, and the password is not readable on disk', async ({ page, broker }) => {
  const dataDir = makeTempDir();
  try {
    let app = await startWebApp(dataDir);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Kept broker');
    await page.getByLabel('Port', { exact: true }).fill(String(broker.port));
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('hunter2-secret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Kept broker', level: 2 })).toBeVisible();
    await app.stop();

    const file = readFileSync(join(dataDir, 'profiles.json'), 'utf8');
    expect(file).toContain('Kept broker');
    expect(file).not.toContain('hunter2-secret');

    app = await startWebApp(dataDir);
    try {
      await page.goto(app.url);
      const sidebar = page.getByRole('navigation', { name: 'Connections' });
      await sidebar.getByRole('button', { name: /^Kept broker/ }).click();
      await page.getByRole('button', { name: 'Edit' }).click();
      await expect(page.getByLabel('Username')).toHaveValue('alice');
      await expect(page.getByLabel('Password')).toHaveValue('');
      await expect(page.getByLabel('Password')).toHaveAccessibleDescription('A password is stored; leave empty to keep it.');
    } finally {
      await app.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
});

test('a truncated profile file is moved aside with a message, not lost', async ({ page }) => {
  const dataDir = makeTempDir();
  const truncated = '{"format":"mqtt-lab.profiles","version":1,"profiles":[{"name":"Half';
  writeFileSync(join(dataDir, 'profiles.json'), truncated);
  const app = await startWebApp(dataDir);
  try {
    await page.goto(app.url);
    const notice = page.getByRole('alert').filter({ hasText: 'profiles.json' });
    await expect(notice).toContainText(/is damaged.*The file was kept as .*profiles\.json\.unreadable-/);
    const movedAside = readdirSync(dataDir).filter((name) => name.startsWith('profiles.json.') && !name.endsWith('.tmp'));
    expect(movedAside).toHaveLength(1);
    expect(readFileSync(join(dataDir, movedAside[0] ?? ''), 'utf8')).toBe(truncated);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await app.stop();
    removeTempDir(dataDir);
  }
});

test('exports profiles without secrets and imports them into another app, and imports an MQTTX export', async ({ page, app, browser }) => {
  await page.goto(app.url);
  for (const name of ['Export one', 'Export two']) {
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Password').fill('do-not-export-me');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Export…' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export profiles' }).getByRole('button', { name: 'Export all profiles' }).click();
  const download = await downloading;
  const exported = join(makeTempDir(), download.suggestedFilename());
  await download.saveAs(exported);
  const text = readFileSync(exported, 'utf8');
  expect(text).toContain('Export two');
  expect(text).not.toContain('do-not-export-me');
  await expect(page.getByRole('status', { name: 'Import and export result' })).toContainText('Exported 2 profiles');

  const other = await startWebApp();
  const otherPage = await browser.newPage();
  try {
    await otherPage.goto(other.url);
    // The page is live once its socket to the app is open: the "connecting" banner is gone.
    await expect(otherPage.getByRole('alert')).toHaveCount(0);
    await otherPage.getByLabel('Import profiles').setInputFiles(exported);
    const sidebar = otherPage.getByRole('navigation', { name: 'Connections' });
    await expect(sidebar.getByRole('button', { name: /^Export one/ })).toBeVisible();
    await expect(sidebar.getByRole('button', { name: /^Export two/ })).toBeVisible();
    await expect(otherPage.getByRole('status', { name: 'Import and export result' })).toContainText('Imported 2 profiles');

    await otherPage.getByLabel('Import profiles').setInputFiles(mqttxExport);
    await expect(otherPage.getByRole('status', { name: 'Import and export result' })).toContainText('from mqttx-export.json');
    await expect(sidebar.getByRole('button', { name: /^EMQX public broker/ })).toContainText('mqtt://broker.emqx.io:1883');

    await otherPage.getByLabel('Import profiles').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('this is not json') });
    await expect(otherPage.getByRole('status', { name: 'Import and export result' })).toContainText('notes.json was not imported');
  } catch (error) {
    throw new Error(`${String(error)}\n--- output of the second app ---\n${other.output()}`);
  } finally {
    await otherPage.close();
    await other.stop();
  }
});
