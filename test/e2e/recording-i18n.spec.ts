import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { catalogs } from '../../shared/i18n';
import { editedRecordingCopy } from '../helpers/recording-edit';
import { expect, test } from './fixtures';
import type { Page, TestInfo } from '@playwright/test';
import { connectTo, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);
const zh = catalogs['zh-CN'];

/** Both themes; the toggle is dispatched, not clicked, since an open modal dialog covers it. */
async function shootBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    const key = theme === 'dark' ? 'app.theme.toDark' : 'app.theme.toLight';
    const toggle = page.getByRole('button', { name: new RegExp(`^(${catalogs.en[key]}|${zh[key]})$`) });
    if (await toggle.isVisible()) await toggle.dispatchEvent('click');
    await page.screenshot({ path: testInfo.outputPath(`${name}-${theme}.png`) });
  }
}

// The recording pages in Chinese: found by their Chinese names, and shot in both themes for layout.
test('records, replays and compares in Chinese, then switches back to English', async ({ page, app, broker }, testInfo) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Bench' });
  await subscribe(page, 'rec/#', 1);
  await switchLanguage(page, 'zh-CN');

  await page.getByRole('banner').getByRole('button', { name: zh['recordings.bar.record'] }).click();
  const dialog = page.getByRole('dialog', { name: zh['recordings.dialog.title'] });
  await expect(dialog.getByText(zh['recordings.dialog.only'])).toBeVisible();
  await shootBothThemes(page, testInfo, 'record-dialog-zh');
  await dialog.getByRole('button', { name: zh['recordings.dialog.start'] }).click();
  const bar = page.getByRole('status', { name: zh['recordings.bar.recording'] });
  for (let seq = 1; seq <= 3; seq++) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `rec/${seq}`, '-q', '1', '-m', JSON.stringify({ seq })]);
  await expect(bar.getByLabel(zh['recordings.bar.messagesLabel'])).toHaveText('3 条消息');
  await shootBothThemes(page, testInfo, 'record-bar-zh');
  await bar.getByRole('button', { name: zh['recordings.bar.stop'] }).click();

  await page.getByRole('button', { name: /^(Recording files|录制文件)/ }).click();
  const files = page.getByRole('table', { name: zh['recordings.page.title'] });
  const row = files.getByRole('row', { name: /^录制 mqtt-lab-/ });
  const recorded = (await row.getByRole('cell').first().getAttribute('title')) ?? '';
  await row.getByRole('button', { name: zh['recordings.page.replay'] }).click();
  const replay = page.getByRole('region', { name: zh['recordings.replay.title'] });
  await replay.getByLabel(zh['recordings.replay.factor']).fill('500');
  await expect(replay.getByText('500× 超出范围')).toBeVisible();
  await replay.getByLabel(zh['recordings.replay.factor']).fill('20');
  await replay.getByRole('button', { name: zh['recordings.replay.start'] }).click();
  await expect(replay.getByRole('status', { name: zh['recordings.progress.stateLabel'] })).toContainText(zh['recordings.progress.finished']);
  await expect(replay.getByRole('region', { name: zh['recordings.progress.report'] }).getByLabel(zh['recordings.progress.sent'])).toHaveText('3 / 3');
  await shootBothThemes(page, testInfo, 'replay-zh');

  const edited = join(app.dataDir, 'recordings', 'edited.mqttrec.jsonl');
  editedRecordingCopy(recorded, edited, (_payload, index) => (index === 1 ? JSON.stringify({ seq: 22 }) : undefined));
  await page.getByRole('button', { name: zh['recordings.page.refresh'] }).click();
  await files.getByRole('row', { name: /^录制 mqtt-lab-/ }).getByRole('button', { name: zh['recordings.page.compareWith'] }).click();
  const compare = page.getByRole('region', { name: zh['recordings.compare.label'], exact: true });
  await compare.getByLabel(zh['recordings.compare.b']).fill(edited);
  await compare.getByRole('button', { name: zh['recordings.compare.submit'], exact: true }).click();
  const result = compare.getByRole('region', { name: zh['recordings.result.label'] });
  await expect(result.getByRole('status')).toHaveText(zh['recordings.result.differ']);
  await result.getByRole('region', { name: zh['recordings.result.changed'] }).getByRole('button', { name: /rec\/2：A #2 ≠ B #2/ }).click();
  await shootBothThemes(page, testInfo, 'compare-zh');

  await files.getByRole('row', { name: /^录制 mqtt-lab-/ }).getByRole('button', { name: zh['recordings.page.open'] }).click();
  await expect(page.getByRole('status', { name: zh['recordings.workspace.status'] })).toHaveText(zh['recordings.workspace.readOnly']);
  await shootBothThemes(page, testInfo, 'recording-workspace-zh');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('status', { name: 'Recording status' })).toHaveText('Read-only recording');
  await expect(page.getByLabel('Recording details')).toContainText('3 messages');
  await shootBothThemes(page, testInfo, 'recording-workspace-en');
});
