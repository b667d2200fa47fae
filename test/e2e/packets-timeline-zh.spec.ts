import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { catalogs } from '../../shared/i18n';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);
const zh = catalogs['zh-CN'];

test.use({ viewport: { width: 1400, height: 1050 } });

/** The lower pane's tabs belong to another area; either language's name finds them. */
const tab = (english: string, chinese: RegExp) => new RegExp(`^(${english}|${chinese.source})$`);

test('the Packets tab, the timeline and the lifeline in Simplified Chinese, and back in English', async ({ page, app, broker }, testInfo) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port, { version: '5.0' });
  await subscribe(page, 'sensors/#', 2);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'sensors/a', '-q', '2', '-m', '{"t":21.5}', '-D', 'publish', 'user-property', 'site', 'north']);
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /sensors\/a/ })).toHaveCount(1);
  await switchLanguage(page, 'zh-CN');

  await page.getByRole('tab', { name: tab('Packets', /报文/) }).click();
  const packets = page.getByRole('listbox', { name: zh['packets.tab.list'] });
  const publish = packets.getByRole('option', { name: /^← PUBLISH id \d+ QoS 2 sensors\/a$/ });
  await publish.click();
  await page.getByRole('button', { name: zh['packets.tab.largeView'] }).click();
  const fields = page.getByRole('region', { name: zh['packets.tab.inspector'] }).getByRole('tree', { name: zh['packets.inspector.fields'] });
  // Spec field names stay English; the explanation and "spec section" are Chinese.
  await expect(fields.getByRole('treeitem', { name: 'Topic Name "sensors/a"，规范章节 3.3.2.1' })).toBeVisible();
  await expect(fields).toContainText(zh['packets.anatomy.topicName']);
  await expect(page.getByLabel(zh['packets.inspector.colourKey'])).toContainText(zh['packets.group.fixed']);
  // The large view covers the theme button: one shot here (dark, from the media query), both themes below.
  await page.screenshot({ path: testInfo.outputPath('packets-large-zh-dark.png') });
  await page.getByRole('button', { name: zh['packets.tab.closeLargeView'] }).click();
  await shootBothThemes(page, testInfo, 'packets-zh');

  await page.getByRole('tab', { name: tab('Timeline', /时间线/) }).click();
  const flows = page.getByRole('listbox', { name: zh['timeline.list.name'] });
  await flows.getByRole('option', { name: /^← PUBLISH #\d+ sensors\/a · QoS 2，.+ 内完成/ }).click();
  const diagram = page.getByRole('group', { name: /^流程 \d+$/ });
  await expect(diagram.getByRole('button', { name: /^PUBLISH id \d+ QoS 2 Broker → 此客户端 起点$/ })).toBeVisible();
  await expect(diagram).toContainText('总计');
  await expect(page.getByRole('search', { name: zh['timeline.filter.name'] })).toBeVisible();
  await shootBothThemes(page, testInfo, 'timeline-zh');
  await page.getByRole('button', { name: zh['timeline.panel.largeView'] }).click();
  await page.screenshot({ path: testInfo.outputPath('timeline-large-zh-light.png') });
  await page.getByRole('button', { name: zh['timeline.panel.closeLargeView'] }).click();

  await page.getByRole('tab', { name: tab('Lifeline', /生命线/) }).click();
  const rows = page.getByRole('list', { name: zh['lifeline.panel.events'] });
  await expect(rows.getByRole('listitem', { name: new RegExp(`^CONNECT 到 mqtt://127\\.0\\.0\\.1:${broker.port}（首次尝试），保活 \\d+ 秒$`) })).toHaveCount(1);
  await expect(page.getByRole('img', { name: /^连接生命线，当前已连接：1 次连接尝试/ })).toBeVisible();
  await shootBothThemes(page, testInfo, 'lifeline-zh');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('list', { name: 'Lifeline events' })).toBeVisible();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByRole('listbox', { name: 'Flows' }).getByRole('option', { name: /^← PUBLISH #\d+ sensors\/a · QoS 2, complete in/ })).toBeVisible();
  await shootBothThemes(page, testInfo, 'timeline-en');
  await page.getByRole('tab', { name: 'Packets' }).click();
  await page.getByRole('listbox', { name: 'Packets' }).getByRole('option', { name: /^← PUBLISH id \d+ QoS 2 sensors\/a$/ }).click();
  await expect(page.getByRole('tree', { name: 'Packet fields' }).getByRole('treeitem', { name: 'Topic Name "sensors/a", spec section 3.3.2.1' })).toBeVisible();
  await shootBothThemes(page, testInfo, 'packets-en');
});
