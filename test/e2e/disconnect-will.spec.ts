import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

test.use({ viewport: { width: 1400, height: 900 } });

test('Disconnect with 0x04 fires the will in a subscriber', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Watcher' });
  await subscribe(page, 'lab/will/#', 1);

  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Leaver');
  await page.getByLabel('Port', { exact: true }).fill(String(broker.port));
  await page.getByLabel('Send a will message').check();
  await page.getByLabel('Will topic').fill('lab/will/leaver');
  await page.getByLabel('Will payload').fill('leaver is gone');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);

  await page.getByRole('button', { name: 'End with reason…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect with a reason' });
  // The profile's CONNECT had no session expiry, so MQTT-3.14.2-2 rules out a new one.
  await expect(dialog).toContainText('The session expiry cannot be changed');
  await dialog.getByLabel('Reason code').selectOption('4');
  await expect(dialog.getByLabel('Reason code')).toHaveValue('4');
  await shootBothThemes(page, testInfo, 'disconnect-reason');

  // In Chinese the codes keep the spec's names with a Chinese explanation beside them.
  await switchLanguage(page, 'zh-CN');
  const zh = catalogs['zh-CN'];
  const zhDialog = page.getByRole('dialog', { name: zh['connections.disconnect.dialogLabel'] });
  await expect(zhDialog.getByLabel(zh['connections.disconnect.reasonCode'])).toHaveValue('4');
  await expect(zhDialog.getByRole('option', { name: '0x04 disconnect with will message（断开连接并发送遗嘱消息）' })).toHaveCount(1);
  await expect(zhDialog.getByRole('option', { name: '0x00 正常断开连接' })).toHaveCount(1);
  await expect(zhDialog).toContainText('断开连接并发送遗嘱消息：Broker 会发布遗嘱消息');
  await shootBothThemes(page, testInfo, 'disconnect-reason-zh');
  await switchLanguage(page, 'en');
  await dialog.getByRole('button', { name: 'Send DISCONNECT' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/Disconnected.*0x04 disconnect with will message/);

  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Watcher/ }).click();
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /lab\/will\/leaver.*leaver is gone/ })).toHaveCount(1);
});
