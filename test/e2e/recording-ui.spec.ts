import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { readRecording } from '../../electron/core/recording/recording-reader';
import { expect, test } from './fixtures';
import { editedRecordingCopy } from '../helpers/recording-edit';
import { connectTo, subscribe, subscriber } from './ui-actions';

const run = promisify(execFile);

async function publish(port: number, topic: string, message: string, qos = 1): Promise<void> {
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', String(qos), '-m', message]);
}

async function startRecording(page: Page, options: { only?: string; path?: string } = {}): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start recording' });
  if (options.only) await dialog.getByRole('checkbox', { name: new RegExp(`^${options.only}`) }).check();
  if (options.path) await dialog.getByLabel('File (optional)').fill(options.path);
  await dialog.getByRole('button', { name: 'Start recording' }).click();
}

/** A screenshot in each theme, with `focus` scrolled into view; the page is taller for them so more is seen. */
async function shoot(page: Page, path: string, focus?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1100 });
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Switch to dark theme' : 'Switch to light theme' });
    // Dispatched, not clicked: an open dialog's backdrop covers the toggle.
    if (await toggle.isVisible()) await toggle.dispatchEvent('click');
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.replace('THEME', theme) });
  }
  await page.setViewportSize({ width: 1400, height: 860 });
}


const shots = join(import.meta.dirname, '..', '..', '.tmp');

test('records from the app bar, lists the file, replays it in order with a report, and compares it with an edited copy', async ({ page, app, broker }) => {
  test.setTimeout(180_000);
  mkdirSync(shots, { recursive: true });
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Bench' });
  await subscribe(page, 'rec/#', 1);

  await startRecording(page, { only: 'Bench' });
  const bar = page.getByRole('status', { name: 'Recording' });
  await expect(bar).toContainText(join(app.dataDir, 'recordings'));
  for (let seq = 1; seq <= 5; seq++) await publish(broker.port, `rec/${seq}`, JSON.stringify({ seq, value: seq * 10 }));
  await expect(bar.getByLabel('Messages recorded')).toHaveText('5 messages');
  await expect(bar.getByLabel('Elapsed')).toHaveText(/^0:0[1-9]/);
  await expect(bar.getByLabel('Bytes written')).toHaveText(/\d+(\.\d)? (B|KiB)/);
  await shoot(page, join(shots, 'recording-bar-THEME.png'));
  await bar.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Record' })).toBeVisible();

  await page.getByRole('button', { name: /^Recording files/ }).click();
  const files = page.getByRole('table', { name: 'Recording files' });
  const row = files.getByRole('row', { name: /^Recording mqtt-lab-.*\.mqttrec\.jsonl$/ });
  await expect(row).toHaveCount(1);
  const recorded = (await row.getByRole('cell').first().getAttribute('title')) ?? '';
  expect(recorded.startsWith(join(app.dataDir, 'recordings'))).toBe(true);

  // Replay: wrong input is named beside its field first.
  await row.getByRole('button', { name: 'Replay…' }).click();
  const replay = page.getByRole('region', { name: 'Replay' });
  await expect(replay.getByLabel('Through connection')).toHaveValue(/.+/);
  await replay.getByLabel('Speed factor').fill('500');
  await expect(replay.getByText(/from 0\.1× to 100×; 500× is out of range/)).toBeVisible();
  await replay.getByLabel('Speed factor').fill('20');
  await replay.getByLabel('Topic rewrite').selectOption('regex');
  await replay.getByLabel('Pattern').fill('^rec/(');
  await expect(replay.getByText(/^Not a valid regular expression: /)).toBeVisible();
  await replay.getByRole('button', { name: 'Start replay' }).click();
  await expect(replay.getByRole('alert').filter({ hasText: 'Fix the fields marked above first.' })).toBeVisible();
  await replay.getByLabel('Pattern').fill('^rec/(\\d)$');
  await replay.getByLabel('Replacement').fill('replayed/$1');
  await replay.getByLabel('QoS').selectOption('1');

  const sub = await subscriber(broker.port, 'replayed/#', 5);
  await replay.getByRole('button', { name: 'Start replay' }).click();
  const progress = replay.getByRole('progressbar', { name: 'Replay progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '5');
  await expect(progress).toHaveAttribute('aria-valuemax', '5');
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Finished');
  const report = replay.getByRole('region', { name: 'Replay report' });
  await expect(report.getByLabel('Sent')).toHaveText('5 of 5');
  await expect(report.getByLabel('Acknowledged')).toHaveText('5');
  await expect(report.getByLabel('Failed')).toHaveText('0');
  await expect(report.getByLabel('Timing error')).toHaveText(/^median \d.* ms, p99 .* ms, max .* ms$/);
  await sub.done;
  expect(sub.lines()).toEqual([1, 2, 3, 4, 5].map((seq) => `replayed/${seq} ${JSON.stringify({ seq, value: seq * 10 })}`));
  await shoot(page, join(shots, 'recordings-replay-THEME.png'), report);

  // Pause and resume: a slow loop keeps the replay going long enough to hold it.
  await replay.getByLabel('Topic rewrite').selectOption('prefix');
  await replay.getByLabel('Replace prefix').fill('rec/');
  await replay.getByLabel('With').fill('looped/');
  await replay.getByLabel('Speed factor').fill('0.1');
  await replay.getByRole('checkbox', { name: /^Loop/ }).check();
  await replay.getByRole('button', { name: 'Start replay' }).click();
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Replaying');
  await replay.getByRole('button', { name: 'Pause' }).click();
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Paused');
  const heldAt = await progress.getAttribute('aria-valuenow');
  await replay.getByRole('button', { name: 'Resume' }).click();
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Replaying');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(Number(heldAt));
  await replay.getByRole('button', { name: 'Stop' }).click();
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Stopped');
  // A quicker loop counts its whole passes.
  await replay.getByLabel('Speed factor').fill('10');
  await replay.getByRole('button', { name: 'Start replay' }).click();
  await expect.poll(async () => Number(await report.getByLabel('Whole passes').textContent()), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText(/pass \d+/);
  await replay.getByRole('button', { name: 'Stop' }).click();
  await expect(replay.getByRole('status', { name: 'Replay state' })).toContainText('Stopped');

  // Compare: a copy with message 2 dropped and message 4's payload changed.
  const edited = join(app.dataDir, 'recordings', 'edited.mqttrec.jsonl');
  editedRecordingCopy(recorded, edited, (_payload, index) => (index === 1 ? 'drop' : index === 3 ? JSON.stringify({ seq: 4, value: 44 }) : undefined));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await files.getByRole('row', { name: /^Recording mqtt-lab-/ }).getByRole('button', { name: 'Compare with…' }).click();
  const compare = page.getByRole('region', { name: 'Compare', exact: true });
  await compare.getByLabel('Recording B').fill(edited);
  await compare.getByRole('radio', { name: 'A JSON field' }).check();
  await compare.getByLabel('JSON field path').fill('seq');
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  const result = compare.getByRole('region', { name: 'Compare result' });
  await expect(result.getByRole('status')).toHaveText('The recordings differ');
  const summary = result.getByRole('definition');
  await expect(summary).toHaveText(['4', '1', '0', '1', '0']);
  await expect(result.getByRole('table', { name: 'Messages per topic' }).getByRole('row', { name: 'rec/2 1 0' })).toBeVisible();
  const missing = result.getByRole('region', { name: 'Missing from B' });
  await missing.getByRole('button', { name: /A #2 rec\/2 has no partner in B/ }).click();
  await expect(missing.getByRole('figure', { name: 'Message A #2' })).toContainText('"value": 20');
  const changed = result.getByRole('region', { name: 'Changed payloads' });
  await changed.getByRole('button', { name: /rec\/4: A #4 ≠ B #3/ }).click();
  const diff = changed.getByRole('region', { name: 'Payload differences' });
  await expect(diff).toContainText('"value": 40');
  await expect(diff).toContainText('"value": 44');
  await shoot(page, join(shots, 'compare-summary-THEME.png'), result.getByRole('status'));
  await shoot(page, join(shots, 'compare-lines-THEME.png'), diff);
});

test('a recording to a folder that does not exist is refused with the reason, and nothing starts', async ({ page, app, broker }) => {
  mkdirSync(shots, { recursive: true });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await startRecording(page, { path: '/no-such-folder/run.mqttrec.jsonl' });
  const dialog = page.getByRole('dialog', { name: 'Start recording' });
  await expect(dialog.getByRole('alert')).toHaveText('The folder of /no-such-folder/run.mqttrec.jsonl does not exist.');
  await shoot(page, join(shots, 'record-dialog-THEME.png'));
  await dialog.getByLabel('File (optional)').fill('relative.jsonl');
  await dialog.getByRole('button', { name: 'Start recording' }).click();
  await expect(dialog.getByRole('alert')).toContainText('full path');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status', { name: 'Recording' })).toHaveCount(0);
  // The shortcut opens the same dialog.
  await page.keyboard.press('Control+Alt+R');
  await expect(page.getByRole('dialog', { name: 'Start recording' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Start recording' })).toHaveCount(0);

  // A replay of a file that is not there says so, from the core, beside the Start button.
  await page.getByRole('button', { name: /^Recording files/ }).click();
  await expect(page.getByText(/No recordings yet/)).toBeVisible();
  const other = page.getByLabel('Another recording, by its full path');
  await other.fill('run.mqttrec.jsonl');
  await page.getByRole('button', { name: 'Replay this file…' }).click();
  await expect(page.getByText('Enter the full path of a recording, such as /home/me/run-1.mqttrec.jsonl.')).toBeVisible();
  await other.fill('/no-such-folder/run.mqttrec.jsonl');
  await page.getByRole('button', { name: 'Replay this file…' }).click();
  const replay = page.getByRole('region', { name: 'Replay' });
  await replay.getByRole('button', { name: 'Start replay' }).click();
  await expect(replay.getByRole('alert')).toContainText('/no-such-folder/run.mqttrec.jsonl could not be opened (ENOENT)');
});

test('a disk that fills up mid-recording is said at once, and what was written reads back', async ({ page, app, broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-tiny-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder], { stdio: 'ignore' });
  } catch {
    rmSync(folder, { recursive: true, force: true });
    test.skip(true, 'Mounting a tiny tmpfs needs root; without it the disk-full path is covered by the unit tests only.');
    return;
  }
  try {
    await page.goto(app.url);
    await connectTo(page, broker.port);
    await subscribe(page, 'fill/#', 0);
    const path = join(folder, 'full.mqttrec.jsonl');
    await startRecording(page, { path });
    await expect(page.getByRole('status', { name: 'Recording' })).toBeVisible();
    const chunk = 'x'.repeat(20_000);
    for (let index = 0; index < 8; index++) await publish(broker.port, 'fill/big', chunk, 0);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be written' });
    await expect(alert).toContainText('ENOSPC: the disk is full');
    await expect(alert).toContainText(path);
    mkdirSync(shots, { recursive: true });
    await shoot(page, join(shots, 'recording-failure-THEME.png'));
    await expect(page.getByRole('banner').getByRole('button', { name: 'Record' })).toBeVisible();
    // What was written reads back: the header and every whole line, the cut one reported and left out.
    const summary = await readRecording(path);
    expect(summary.header.connections).toHaveLength(1);
    expect(summary.problems).toEqual([]);
    expect(summary.cut).toMatch(/no footer/);
  } finally {
    execFileSync('umount', [folder]);
    rmSync(folder, { recursive: true, force: true });
  }
});
