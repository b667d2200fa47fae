import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { catalogs, type MessageKey } from '../../shared/i18n';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);
const zh = (key: MessageKey) => catalogs['zh-CN'][key];

async function publish(port: number, topic: string, message: string, retain = false): Promise<void> {
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-m', message, ...(retain ? ['-r'] : [])]);
}

test('the message list, its detail, the topic tree and the plot speak Chinese after a switch, and English again after', async ({ page, app, broker }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'zhlab/#', 1);
  for (const temp of [20.5, 21, 21.25]) await publish(broker.port, 'zhlab/kitchen/temp', JSON.stringify({ temp, unit: 'C' }));
  await publish(broker.port, 'zhlab/hall/state', 'open', true);
  await expect(page.getByLabel('Message count')).toHaveText('4');

  await switchLanguage(page, 'zh-CN');
  const list = page.getByRole('listbox', { name: zh('messages.list.label') });
  await expect(page.getByLabel(zh('messages.panel.countLabel'), { exact: true })).toHaveText('4');
  await list.getByRole('option', { name: /zhlab\/kitchen\/temp/ }).last().click();
  const detail = page.getByRole('region', { name: zh('messages.detail.label') });
  await expect(detail.getByRole('tab', { name: zh('messages.detail.payload') })).toBeVisible();
  await expect(detail.getByRole('button', { name: zh('messages.copy.topic') })).toBeVisible();
  await expect(page.getByRole('tree', { name: zh('topics.panel.treeLabel') })).toBeVisible();
  await expect(page.getByLabel(zh('topics.panel.totalsLabel'), { exact: true })).toHaveText('2 个主题 · 4 条消息');
  await page.getByLabel(zh('messages.filter.topic'), { exact: true }).fill('zhlab/+/temp');
  await expect(page.getByLabel(zh('messages.filter.matchLabel'), { exact: true })).toHaveText('4 条中 3 条匹配');
  await shootBothThemes(page, testInfo, 'messages-zh');

  await page.getByRole('button', { name: zh('messages.budget.open') }).click();
  await expect(page.getByRole('form', { name: zh('messages.budget.form') })).toBeVisible();
  await shootBothThemes(page, testInfo, 'budget-zh');
  await page.getByRole('button', { name: zh('messages.budget.cancel'), exact: true }).click();

  const tree = page.getByRole('tree', { name: zh('topics.panel.treeLabel') });
  await tree.getByRole('treeitem', { name: 'zhlab' }).click();
  await tree.getByRole('treeitem', { name: 'zhlab' }).press('ArrowRight');
  await tree.getByRole('treeitem', { name: 'hall' }).press('ArrowRight');
  await tree.getByRole('treeitem', { name: 'hall' }).click();
  const selection = page.getByRole('group', { name: zh('topics.panel.selectedLabel') });
  await expect(selection.getByRole('button', { name: zh('topics.panel.deleteRetainedInSubtree') })).toBeVisible();
  await shootBothThemes(page, testInfo, 'topic-tree-zh');
  await selection.getByRole('button', { name: zh('topics.panel.clearFilter') }).click();
  await page.getByLabel(zh('messages.filter.topic'), { exact: true }).fill('zhlab/+/temp');

  await detail.getByRole('tab', { name: zh('messages.detail.properties') }).click();
  await shootBothThemes(page, testInfo, 'properties-zh');
  await detail.getByRole('tab', { name: zh('messages.detail.diff') }).click();
  await expect(page.getByRole('region', { name: zh('messages.diff.region') })).toBeVisible();
  await shootBothThemes(page, testInfo, 'diff-zh');

  await page.getByRole('tab', { name: zh('messages.lowerPane.plot') }).click();
  const form = page.getByRole('form', { name: zh('plot.form.label') });
  await expect(form.getByLabel(zh('plot.form.topic'), { exact: true })).toHaveValue('zhlab/kitchen/temp');
  // The field picker offers the numbers it found once the topic's payloads are read.
  await expect(form.getByLabel(zh('plot.form.field'), { exact: true })).toHaveValue('temp');
  await form.getByRole('button', { name: zh('plot.form.add') }).click();
  await expect(page.getByRole('table', { name: zh('plot.panel.seriesTable') })).toBeVisible();
  await shootBothThemes(page, testInfo, 'plot-zh');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('listbox', { name: 'Messages' })).toBeVisible();
  await expect(page.getByLabel('Matching messages')).toHaveText('3 of 4 match');
  await expect(page.getByRole('table', { name: 'Series' })).toBeVisible();
  await shootBothThemes(page, testInfo, 'plot-en');
  await page.getByRole('tab', { name: 'Message', exact: true }).click();
  await shootBothThemes(page, testInfo, 'messages-en');
  await publish(broker.port, 'zhlab/hall/state', '', true);
});
