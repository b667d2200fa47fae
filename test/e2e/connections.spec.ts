import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);

test('two connections at once keep their subscriptions and messages apart', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Alpha' });
  await subscribe(page, 'alpha/#');
  await connectTo(page, broker.port, { name: 'Beta' });
  await subscribe(page, 'beta/#');

  const sidebar = page.getByRole('navigation', { name: 'Connections' });
  await expect(sidebar.getByRole('button', { name: /^Alpha/ })).toContainText('Connected');
  await expect(sidebar.getByRole('button', { name: /^Beta/ })).toContainText('Connected');

  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'alpha/x', '-m', 'for-alpha-only']);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'beta/x', '-m', 'for-beta-only']);

  const messages = page.getByRole('listbox', { name: 'Messages' });
  await expect(messages.getByRole('option', { name: /beta\/x/ })).toContainText('for-beta-only');
  await expect(messages.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: 'Subscription alpha/#' })).toHaveCount(0);

  await sidebar.getByRole('button', { name: /^Alpha/ }).click();
  await expect(page.getByRole('heading', { name: 'Alpha', level: 2 })).toBeVisible();
  await expect(messages.getByRole('option', { name: /alpha\/x/ })).toContainText('for-alpha-only');
  await expect(messages.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: 'Subscription alpha/#' })).toBeVisible();

  // Disconnecting one leaves the other connected.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(sidebar.getByRole('button', { name: /^Alpha/ })).toContainText('Disconnected');
  await expect(sidebar.getByRole('button', { name: /^Beta/ })).toContainText('Connected');
});

test('a profile can be edited, duplicated and deleted', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Device A' });
  const sidebar = page.getByRole('navigation', { name: 'Connections' });

  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('form', { name: 'Edit Device A (copy)' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Device B');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(sidebar.getByRole('button', { name: /^Device B/ })).toContainText('Not connected');
  await expect(page.getByRole('heading', { name: 'Device B', level: 2 })).toBeVisible();
  // The copy has its own settings: the port came along.
  await expect(page.getByRole('main').getByText(`mqtt://127.0.0.1:${broker.port}`)).toBeVisible();

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Keepalive (seconds)').fill('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Keepalive (seconds)')).toHaveValue('15');
  await page.getByRole('button', { name: 'Cancel' }).click();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(sidebar.getByRole('button', { name: /^Device B/ })).toHaveCount(0);
  await expect(sidebar.getByRole('button', { name: /^Device A/ })).toBeVisible();
});

test('the form refuses bad values beside the field, before anything is saved', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Port', { exact: true }).fill('70000');
  await page.getByLabel('MQTT version').selectOption('3.1.1');
  await page.getByLabel('Client ID').fill('');
  await page.getByLabel('Clean session').uncheck();
  await page.getByLabel('Send a will message').check();
  await page.getByLabel('Will topic').fill('devices/+/status');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(page.getByLabel('Port', { exact: true })).toHaveAccessibleDescription('The port must be between 1 and 65535.');
  await expect(page.getByLabel('Client ID')).toHaveAccessibleDescription(/MQTT 3.1.1 needs a client id when clean session is off/);
  await expect(page.getByLabel('Will topic')).toHaveAccessibleDescription(/must not contain the wildcards/);
  await expect(page.getByRole('navigation', { name: 'Connections' }).getByText('No connections yet.')).toBeVisible();

  await page.getByLabel('Transport').selectOption('wss');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('70000');
  await page.getByLabel('Port', { exact: true }).fill('8084');
  await page.getByLabel('Transport').selectOption('mqtts');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('8883');
  await page.getByLabel('Verify server certificate').uncheck();
  await expect(page.getByText(/Server certificate checks are off/)).toBeVisible();
});

test('the connection screens speak Simplified Chinese, core reasons included, and fit in both languages', async ({ page, app, broker }, testInfo) => {
  const zh = catalogs['zh-CN'];
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Alpha' });
  await switchLanguage(page, 'zh-CN');

  const sidebar = page.getByRole('navigation', { name: zh['connections.sidebar.label'] });
  await expect(sidebar.getByRole('button', { name: /^Alpha/ })).toContainText(zh['connections.status.connected']);
  await expect(page.getByRole('status', { name: zh['connections.workspace.statusLabel'] })).toHaveText(new RegExp(`^${zh['connections.status.connected']}`));
  await shootBothThemes(page, testInfo, 'workspace-zh-CN');

  // A reason the core words: nothing listens on this port, so the status says why, in Chinese.
  await page.getByRole('button', { name: zh['connections.workspace.edit'] }).click();
  await expect(page.getByRole('group', { name: zh['connections.form.general.legend'] })).toBeVisible();
  await shootBothThemes(page, testInfo, 'form-zh-CN');
  await page.getByLabel(zh['connections.form.general.port'], { exact: true }).fill('1');
  await page.getByLabel(zh['connections.form.reconnect.enabled']).uncheck();
  await page.getByRole('button', { name: zh['connections.form.saveAndConnect'] }).click();
  await expect(page.getByRole('status', { name: zh['connections.workspace.statusLabel'] })).toContainText('连接被拒绝');

  await switchLanguage(page, 'en');
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('connection refused: nothing is listening on');
  await shootBothThemes(page, testInfo, 'workspace-failed-en');
});
