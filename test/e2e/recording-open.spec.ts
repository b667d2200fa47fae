import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import mqtt from 'mqtt';
import { readRecording } from '../../electron/core/recording/recording-reader';
import type { Broker } from '../helpers/mosquitto';
import { writeSyntheticRecording } from '../helpers/synthetic-recording';
import { expect, test } from './fixtures';

// The CLI speaks the machine's language; these assertions read its English.
const englishEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

const cli = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli.cjs');
const screenshots = join(import.meta.dirname, '..', '..', '.tmp');

/**
 * A real recording, made by the built CLI against mosquitto: 6 QoS 1 messages on house/kitchen/temp
 * and 4 QoS 2 messages on house/hall/light, received on a QoS 2 subscription, stopped cleanly.
 */
async function recordWithCli(broker: Broker, file: string): Promise<void> {
  const child = spawn(process.execPath, [cli, 'record', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'house/#', '-q', '2', '-o', file], {
    env: englishEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expect.poll(async () => (await readRecording(file).catch(() => undefined))?.header.connections.length, { timeout: 10_000 }).toBe(1);
  const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
  for (let index = 0; index < 6; index++) await publisher.publishAsync('house/kitchen/temp', String(20 + index), { qos: 1 });
  for (let index = 0; index < 4; index++) await publisher.publishAsync('house/hall/light', index % 2 ? 'on' : 'off', { qos: 2 });
  await publisher.endAsync();
  // Stopped once the subscriber's side of every QoS 2 exchange is in the file, not at the 10th message.
  await expect.poll(() => readFileSync(file, 'utf8').split('"cmd":"pubcomp"').length - 1, { timeout: 10_000 }).toBe(4);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}

async function expectRecordingShown(page: Page, fileName: string): Promise<void> {
  await expect(page.getByRole('heading', { name: fileName, level: 2, exact: true })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Recording status' })).toHaveText('Read-only recording');
  await expect(page.getByLabel('Message count')).toHaveText('10');
  await expect(page.getByLabel('Topic tree totals')).toHaveText('2 topics · 10 msgs');
  await expect(page.getByRole('tree', { name: 'Topics' }).getByRole('treeitem', { name: 'house' })).toContainText('10 msgs');
}

test.describe('opening a recording file', () => {
  let folder: string;
  let file: string;

  test.beforeAll(async ({ broker }) => {
    folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-open-'));
    file = join(folder, 'house.mqttrec.jsonl');
    await recordWithCli(broker, file);
  });
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

  for (const theme of ['dark', 'light'] as const) {
    test(`shows a recording chosen in the file chooser as a read-only session, with its list, tree, filter and flows (${theme})`, async ({ page, app }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: 1500, height: 950 });
      await page.goto(app.url);
      await page.getByLabel('Open recording').setInputFiles(file);
      await expectRecordingShown(page, 'house.mqttrec.jsonl');
      const sidebar = page.getByRole('navigation', { name: 'Connections' });
      await expect(sidebar.getByRole('button', { name: /house\.mqttrec\.jsonl/ })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByLabel('Recording details')).toContainText('MQTT Lab');
      await expect(page.getByLabel('Records read')).toContainText('10 messages');
      // Nothing here can change the recording or reach a broker.
      for (const name of ['Publish', 'Connect', 'Subscribe', 'Clear']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);

      const messages = page.getByRole('listbox', { name: 'Messages' });
      await expect(messages.getByRole('option')).toHaveCount(10);
      await page.getByLabel('Filter by topic').fill('house/hall/#');
      await expect(page.getByLabel('Matching messages')).toHaveText('4 of 10 match');
      await expect(messages.getByRole('option')).toHaveCount(4);

      await page.getByRole('tab', { name: 'Timeline' }).click();
      const flows = page.getByRole('listbox', { name: 'Flows' });
      await expect(flows.getByRole('option', { name: /^← PUBLISH #\d+ house\/hall\/light · QoS 2/ })).toHaveCount(4);
      await expect(page.getByRole('button', { name: 'Clear flows' })).toHaveCount(0);
      await messages.getByRole('option').first().click();
      const diagram = page.getByRole('group', { name: /^Flow \d+$/ });
      await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+ this client → broker/ })).toBeVisible();
      await page.screenshot({ path: join(screenshots, `recording-open-${theme}.png`) });

      await page.getByRole('button', { name: 'Close recording' }).click();
      await expect(sidebar.getByRole('button', { name: /house\.mqttrec\.jsonl/ })).toHaveCount(0);
    });
  }

  test('opens a recording dropped on the window, and says so when a file cut short is opened', async ({ page, app }) => {
    await page.goto(app.url);
    const text = readFileSync(file, 'utf8');
    // What a crash leaves: the footer never written, the last line half written.
    const cutText = text.slice(0, text.lastIndexOf('{"type":"footer"') - 30);
    await page.evaluate(
      ({ content }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], 'dropped.mqttrec.jsonl'));
        for (const type of ['dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { content: cutText },
    );
    await expect(page.getByRole('heading', { name: 'dropped.mqttrec.jsonl', level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole('note', { name: 'Recording cut short' })).toHaveText(
      'The recording ends without a footer: the app that wrote it stopped before it finished; everything up to the last complete line is shown.',
    );
    await expect(page.getByLabel('Topic tree totals')).toContainText('2 topics');
  });

  test('opens another recording by its full path from the Recording files page, and says why a missing one cannot be', async ({ page, app }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Recording files/ }).click();
    const other = page.getByLabel('Another recording, by its full path');
    await other.fill('house.mqttrec.jsonl');
    await page.getByRole('button', { name: 'Open this file' }).click();
    await expect(page.getByText('Enter the full path of a recording, such as /home/me/run-1.mqttrec.jsonl.')).toBeVisible();
    const missing = join(folder, 'missing.mqttrec.jsonl');
    await other.fill(missing);
    await page.getByRole('button', { name: 'Open this file' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'missing.mqttrec.jsonl' }).first()).toHaveText(`There is no file at ${missing}.`);
    const section = page.getByRole('region', { name: 'Recordings folder' });
    await section.screenshot({ path: testInfo.outputPath('open-by-path-dark.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await section.screenshot({ path: testInfo.outputPath('open-by-path-light.png') });
    await other.fill(file);
    await page.getByRole('button', { name: 'Open this file' }).click();
    await expectRecordingShown(page, 'house.mqttrec.jsonl');
  });

  test('says why a file that is not a recording cannot be opened', async ({ page, app }) => {
    const notes = join(folder, 'notes.txt');
    writeFileSync(notes, 'shopping list\nmilk\n');
    const empty = join(folder, 'empty.mqttrec.jsonl');
    writeFileSync(empty, '');
    truncateSync(empty, 0);
    await page.goto(app.url);
    await page.getByLabel('Open recording').setInputFiles(notes);
    const refusal = page.getByRole('alert', { name: 'Recording not opened' });
    await expect(refusal).toContainText('notes.txt is not an MQTT Lab recording: it does not start with a recording header.');
    await page.getByLabel('Open recording').setInputFiles(empty);
    await expect(refusal).toContainText('empty.mqttrec.jsonl is empty: it is not an MQTT Lab recording.');
    await page.getByLabel('Open recording').setInputFiles(file);
    await expect(refusal).toHaveCount(0);
    await expectRecordingShown(page, 'house.mqttrec.jsonl');
  });
});

test('shows a large recording with a progress bar while it is read, then all of it', async ({ page, app }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-large-'));
  try {
    const large = join(folder, 'large.mqttrec.jsonl');
    writeSyntheticRecording(large, 300_000);
    await page.goto(app.url);
    await page.getByLabel('Open recording').setInputFiles(large);
    const reading = page.getByRole('progressbar', { name: 'Reading large.mqttrec.jsonl' });
    await expect(reading).toBeVisible();
    // That the rows are readable before the end is checked in the core, where it can be timed
    // (recording-open-mosquitto: the first history update); here, the wait is shown until the end.
    await page.screenshot({ path: join(screenshots, 'recording-reading.png') });
    await expect(reading).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByLabel('Message count')).toHaveText((300_000).toLocaleString('en-US'));
    await expect(page.getByLabel('Topic tree totals')).toHaveText('1,000 topics · 300,000 msgs');
    await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option').first()).toContainText('bench/');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
