import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { promisify } from 'node:util';
import { editedRecordingCopy } from '../helpers/recording-edit';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { connectTo, startBuiltInBroker, subscribe } from './ui-actions';

const run = promisify(execFile);

// The end-to-end path: record from the UI, stop, open the file, see the messages, replay
// them to the in-process broker with the progress bar going to the end; then a compare line leads
// back to the message it talks about.
test('records from the UI, opens the file as a session, replays it to the built-in broker, and a compare line shows its message', async ({ page, app, broker }) => {
  test.setTimeout(150_000);
  const port = await freePort();
  await page.goto(app.url);

  // The built-in broker, with a client of the app subscribed to what the replay will send.
  await startBuiltInBroker(page, port);
  await page.getByRole('button', { name: 'Connect to this broker' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await subscribe(page, 'device/#', 1);

  // A device talking to mosquitto, recorded from the app bar.
  await connectTo(page, broker.port, { name: 'Device' });
  await subscribe(page, 'device/#', 1);
  await page.getByRole('banner').getByRole('button', { name: 'Record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start recording' });
  await dialog.getByRole('checkbox', { name: /^Device/ }).check();
  await dialog.getByRole('button', { name: 'Start recording' }).click();
  const bar = page.getByRole('status', { name: 'Recording' });
  for (let seq = 1; seq <= 6; seq++) {
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `device/sensor${seq % 2}`, '-q', '1', '-m', JSON.stringify({ seq, t: 20 + seq })]);
  }
  await expect(bar.getByLabel('Messages recorded')).toHaveText('6 messages');
  await bar.getByRole('button', { name: 'Stop recording' }).click();

  // Open it: a read-only session with the six messages in the usual list and tree.
  await page.getByRole('button', { name: /^Recording files/ }).click();
  const row = page.getByRole('table', { name: 'Recording files' }).getByRole('row', { name: /^Recording mqtt-lab-.*\.mqttrec\.jsonl$/ });
  const recorded = (await row.getByRole('cell').first().getAttribute('title')) ?? '';
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('status', { name: 'Recording status' })).toHaveText('Read-only recording');
  await expect(page.getByLabel('Message count')).toHaveText('6');
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list.getByRole('option', { name: /device\/sensor1/ })).toHaveCount(3);
  await expect(list.getByRole('option').last()).toContainText('{"seq":6,"t":26}');
  await expect(page.getByLabel('Topic tree totals')).toHaveText('2 topics · 6 msgs');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Messages per second' })).toHaveCount(0);

  // Replay it through the built-in broker's client, with the recorded timing.
  await page.getByRole('button', { name: /^Recording files/ }).click();
  await row.getByRole('button', { name: 'Replay…' }).click();
  const replay = page.getByRole('region', { name: 'Replay' });
  await replay.getByLabel('Through connection').selectOption({ label: 'Client of the built-in broker (connected)' });
  await replay.getByLabel('Topic rewrite').selectOption('prefix');
  await replay.getByLabel('Replace prefix').fill('device/');
  await replay.getByLabel('With').fill('device/replayed/');
  await replay.getByLabel('QoS').selectOption('1');
  await replay.getByRole('button', { name: 'Start replay' }).click();
  const progress = replay.getByRole('progressbar', { name: 'Replay progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', '6');
  await expect(progress).toHaveAttribute('aria-valuenow', '6');
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Finished');
  const report = replay.getByRole('region', { name: 'Replay report' });
  await expect(report.getByLabel('Sent')).toHaveText('6 of 6');
  await expect(report.getByLabel('Acknowledged')).toHaveText('6');

  // They went through the built-in broker and came back on the client's device/# subscription, in order.
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Client of the built-in broker/ }).click();
  const replayed = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /device\/replayed\/sensor/ });
  // Each is listed twice: sent (out) and received back (in).
  await expect(replayed).toHaveCount(12);
  const received = await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /← in.*device\/replayed/ }).allTextContents();
  expect(received.map((text) => /"seq":(\d)/.exec(text)?.[1])).toEqual(['1', '2', '3', '4', '5', '6']);

  // Compare with a copy that lost message 2: its line opens the recording on that message.
  const edited = join(app.dataDir, 'recordings', 'edited.mqttrec.jsonl');
  editedRecordingCopy(recorded, edited, (_payload, index) => (index === 1 ? 'drop' : undefined));
  await page.getByRole('button', { name: /^Recording files/ }).click();
  await row.getByRole('button', { name: 'Compare with…' }).click();
  const compare = page.getByRole('region', { name: 'Compare', exact: true });
  await compare.getByLabel('Recording B').fill(edited);
  await compare.getByRole('radio', { name: 'A JSON field' }).check();
  await compare.getByLabel('JSON field path').fill('seq');
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  const missing = compare.getByRole('region', { name: 'Compare result' }).getByRole('region', { name: 'Missing from B' });
  await missing.getByRole('button', { name: 'A #2 device/sensor0 has no partner in B' }).click();
  await shoot(page, 'compare-line');
  await missing.getByRole('button', { name: 'Show A #2 in its recording' }).click();
  await expect(page.getByRole('status', { name: 'Recording status' })).toHaveText('Read-only recording');
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { selected: true })).toContainText('{"seq":2,"t":22}');
  await shoot(page, 'recording-session');
});

/** Screenshots to look at, in both themes, kept out of git in .tmp/. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Switch to dark theme' : 'Switch to light theme' });
    if (await toggle.isVisible()) await toggle.click();
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', '.tmp', `${name}-${theme}.png`) });
  }
}
