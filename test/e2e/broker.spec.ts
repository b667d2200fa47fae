import { execFile } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { startBuiltInBroker, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);

/** mosquitto_pub's exit code and everything it printed, so a failed expectation shows why. */
function mosquittoPub(port: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'x', '-m', 'y'], { timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

test('starts the built-in broker, connects to it, lists the client, kicks it, and stops', async ({ page, app }) => {
  const port = await freePort();
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  const status = page.getByRole('status', { name: 'Broker status' });
  await expect(status).toHaveText(/Stopped/);
  await page.getByLabel('MQTT port').fill(String(port));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Start broker' }).click();
  await expect(status).toHaveText(/Running/);
  await expect(page.getByRole('list', { name: 'Listeners' })).toContainText(`mqtt://127.0.0.1:${port}`);

  await page.getByRole('button', { name: 'Connect to this broker' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await subscribe(page, 'lab/#', 1);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'lab/from-device', '-q', '1', '-m', 'hello broker']);
  const messages = page.getByRole('listbox', { name: 'Messages' });
  await expect(messages.getByRole('option', { name: /lab\/from-device/ })).toContainText('hello broker');
  // Published from the UI, it comes back through the built-in broker on the lab/# subscription.
  await page.getByLabel('Topic', { exact: true }).fill('lab/from-ui');
  await page.getByLabel('Publish QoS').selectOption('1');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('Acknowledged with PUBACK');
  await expect(messages.getByRole('option', { name: /lab\/from-ui/ })).toHaveCount(2);
  const clientId = (await page.getByRole('main').locator('.endpoint').textContent())?.split(' · ').at(-1)?.trim() ?? '';
  expect(clientId).toMatch(/^mqtt-lab-/);

  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  const row = page.getByRole('row', { name: `Client ${clientId}` });
  await expect(row).toContainText('lab/# (QoS 1)');
  // connectProfile makes an MQTT 5 profile now that the broker speaks it.
  await expect(row).toContainText('5.0');
  await expect(row).toContainText('clean start 1, expiry 0 s');
  await page.getByRole('button', { name: `Kick ${clientId}` }).click();
  await expect(page.getByRole('list', { name: 'Broker log' })).toContainText(clientId);

  // The kicked connection notices, and comes back by itself.
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Client of the built-in broker/ }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(/Reconnecting|Connected/);

  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await page.getByRole('button', { name: 'Stop broker' }).click();
  await expect(status).toHaveText(/Stopped/);
  await expect(run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'x', '-m', 'y'])).rejects.toThrow();
});

test('a port in use is named, with a free one suggested, and nothing is left half-started', async ({ page, app }) => {
  const blocker = createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Built-in broker/ }).click();
    await page.getByLabel('MQTT port').fill(String(port));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Start broker' }).click();
    const status = page.getByRole('status', { name: 'Broker status' });
    await expect(status).toContainText('Failed');
    await expect(status).toContainText(String(port));
    await expect(status).toContainText(/in use/);
    await expect(page.getByRole('button', { name: 'Start broker' })).toBeEnabled();
  } finally {
    blocker.close();
  }
});

test('a fault switched on in the UI refuses connections until it is switched off', async ({ page, app }) => {
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);

  await page.getByLabel('Fault', { exact: true }).selectOption('refuse-connections');
  await page.getByLabel('CONNACK code').selectOption('5');
  await page.getByRole('button', { name: 'Add fault' }).click();
  const active = page.getByRole('list', { name: 'Active faults' });
  await expect(active).toContainText('Refuse new connections with CONNACK 5 (not authorized)');

  const refused = await mosquittoPub(port);
  expect(refused.output).toMatch(/not authori[sz]ed/i);
  expect(refused.code).not.toBe(0);
  await expect(active).toContainText('1 hit');

  await page.getByRole('button', { name: /^Switch off: Refuse new connections/ }).click();
  await expect(page.getByText('No faults active: the broker behaves.')).toBeVisible();
  expect(await mosquittoPub(port)).toEqual({ code: 0, output: '' });
});

test('a fault whose count is used up is listed as used up, not active, and a cut is logged as a cut', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  await page.getByLabel('Fault', { exact: true }).selectOption('drop-acks');
  await page.getByLabel('Acknowledgement').selectOption('puback');
  await page.getByLabel('How many').fill('1');
  await page.getByRole('button', { name: 'Add fault' }).click();
  const active = page.getByRole('list', { name: 'Active faults' });
  await expect(active.getByRole('listitem')).toHaveCount(1);
  await expect(active).toContainText('0 hits · 1 left');

  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'device-1', reconnectPeriod: 0 });
  try {
    // Its PUBACK is the one dropped: the publish is never acknowledged, so it is not awaited.
    void client.publishAsync('lab/used', 'x', { qos: 1 }).catch(() => undefined);
    const usedUp = page.getByRole('list', { name: 'Used-up faults' });
    await expect(usedUp.getByRole('listitem')).toHaveCount(1);
    await expect(usedUp).toContainText('used up');
    await expect(usedUp).toContainText('1 hit');
    await expect(usedUp).not.toContainText('active');
    await expect(active).toHaveCount(0);
    await expect(page.getByText('No faults active: the broker behaves.')).toBeVisible();
    const faults = page.getByRole('region', { name: 'Fault injection' });
    await faults.screenshot({ path: testInfo.outputPath('faults-used-up-dark.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await faults.screenshot({ path: testInfo.outputPath('faults-used-up-light.png') });
    // The next PUBACK is sent: the used-up fault acts no more.
    await client.publishAsync('lab/used', 'y', { qos: 1 });

    await page.getByRole('button', { name: 'Cut device-1' }).click();
    const log = page.getByRole('list', { name: 'Broker log' });
    await expect(log.getByRole('listitem').filter({ hasText: /Cut device-1/ })).toContainText(/^\S+\s*cut\s*Cut device-1/);

    await usedUp.getByRole('button', { name: /^Remove: / }).click();
    await expect(usedUp).toHaveCount(0);
  } finally {
    await client.endAsync(true);
  }
});

test('the broker and simulator pages in Chinese: controls, the client table, the fault list and the log reworded, then back in English', async ({ page, app }, testInfo) => {
  const zh = catalogs['zh-CN'];
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'zh-device', reconnectPeriod: 0 });
  try {
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect(page.getByRole('list', { name: 'Active faults' })).toContainText('Drop the next 1 PUBACK to all clients');
    await expect(page.getByRole('row', { name: 'Client zh-device' })).toBeVisible();
    // A client whose first packet is not CONNECT is closed by the wire, which says why in the log.
    const raw = createConnection(port, '127.0.0.1');
    raw.on('error', () => undefined);
    raw.write(Buffer.from([0xc0, 0x00]));
    await expect(page.getByRole('list', { name: 'Broker log' })).toContainText('its first packet was PINGREQ, not CONNECT (MQTT-3.1.0-1)');
    raw.destroy();

    await switchLanguage(page, 'zh-CN');
    await expect(page.getByRole('list', { name: zh['broker.log.label'] })).toContainText('它的第一个报文是 PINGREQ，而不是 CONNECT（MQTT-3.1.0-1）');
    await expect(page.getByRole('status', { name: zh['broker.page.statusLabel'] })).toHaveText(new RegExp(zh['broker.state.running']));
    await expect(page.getByRole('button', { name: zh['broker.page.stop'] })).toBeVisible();
    await expect(page.getByRole('row', { name: '客户端 zh-device' })).toBeVisible();
    await expect(page.getByRole('list', { name: zh['broker.faults.activeLabel'] })).toContainText('丢弃发往所有客户端的接下来 1 个 PUBACK');
    // The log was written in English before the switch: each entry is a message, reworded now.
    const log = page.getByRole('list', { name: zh['broker.log.label'] });
    await expect(log).toContainText('已启动 aedes');
    await expect(log).toContainText('已添加故障');
    // The fault drops the broker's PUBACK: the Packets table names it, reworded with the language.
    void client.publishAsync('lab/zh', 'x', { qos: 1 }).catch(() => undefined);
    await expect(page.getByRole('table', { name: zh['broker.packets.label'] })).toContainText('故障 1：已丢弃发往客户端的 PUBACK（还剩 0 个）');
    for (const id of ['broker-settings', 'broker-faults', 'broker-listeners', 'broker-log', 'broker-packets']) {
      const section = page.locator('section', { has: page.locator(`#${id}`) }).first();
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: testInfo.outputPath(`zh-${id}.png`) });
    }
    await page.screenshot({ path: testInfo.outputPath('zh-broker-page.png') });

    await switchLanguage(page, 'en');
    await expect(page.getByRole('status', { name: 'Broker status' })).toHaveText(/Running/);
    await expect(page.getByRole('list', { name: 'Broker log' })).toContainText('Started aedes');
    await expect(page.getByRole('table', { name: 'Broker packets' })).toContainText('fault 1: PUBACK to client dropped (0 left)');
  } finally {
    // Forced: the publish whose PUBACK the fault dropped is still in flight.
    await client.endAsync(true);
  }
});
