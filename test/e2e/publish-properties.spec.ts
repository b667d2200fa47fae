import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo, publishFromUi, shootBothThemes, subscribe } from './ui-actions';

const run = promisify(execFile);

function openMessage(page: Page, name: RegExp) {
  return page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name }).last().click();
}

test('publishes with every MQTT 5 property and a topic alias, and a second connection sees them all', async ({ page, app, broker }, testInfo) => {
  const topic = `props-${Date.now()}/e2e`;
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Receiver' });
  await subscribe(page, `${topic.split('/')[0]}/#`, 1);
  await connectTo(page, broker.port, { name: 'Sender' });

  await page.getByText('MQTT 5 properties').click();
  // Values that cannot be sent are named beside their field, and nothing goes out.
  await page.getByLabel('Response topic').fill('replies/#');
  await page.getByLabel('Correlation data as').selectOption('hex');
  await page.getByLabel('Correlation data', { exact: true }).fill('de az');
  await page.getByLabel('Topic alias', { exact: true }).selectOption('manual');
  await page.getByLabel('Topic alias number').fill('11');
  await expect(page.getByText('Response topic must not contain the wildcards + or #')).toBeVisible();
  await expect(page.getByText('"z" is not a hex digit')).toBeVisible();
  await expect(page.getByText("Topic alias 11 is above the broker's Topic Alias Maximum of 10")).toBeVisible();
  await shootBothThemes(page, testInfo, 'publish-properties-errors');
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = page.getByRole('status', { name: 'Publish result' });
  await expect(result).toHaveText('Not published: an MQTT 5 property cannot be sent as it is (see beside it).');

  await page.getByLabel('Format indicator').selectOption('utf8');
  await page.getByLabel('Message expiry (seconds)').fill('3600');
  await page.getByLabel('Content type').fill('application/json');
  await page.getByLabel('Response topic').fill('replies/lab');
  await page.getByLabel('Correlation data', { exact: true }).fill('de ad 00 ff');
  for (const [index, [key, value]] of [['site', 'north'], ['unit', 'C'], ['site', 'south']].entries()) {
    await page.getByRole('button', { name: 'Add user property' }).click();
    await page.getByLabel(`User properties ${index + 1} name`).fill(key!);
    await page.getByLabel(`User properties ${index + 1} value`).fill(value!);
  }
  await page.getByLabel('Topic alias', { exact: true }).selectOption('auto');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await publishFromUi(page, topic, '1', '{"t":21}');
  await expect(result).toHaveText(new RegExp(`^${topic}: Acknowledged with PUBACK 0x00 success after .* ms\\. The topic set up alias 1 \\(sent in full with it\\), 3 bytes more\\.$`));
  await shootBothThemes(page, testInfo, 'publish-properties-filled');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(result).toContainText(`The topic went as alias 1 alone, ${topic.length - 3} bytes saved.`);
  // The history keeps the full topic of the alias-only PUBLISH, and says how it went.
  const sent = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(topic) });
  await expect(sent).toHaveCount(2);
  await expect(sent.last()).toContainText('as alias 1');

  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Receiver/ }).click();
  await openMessage(page, new RegExp(topic));
  const details = page.getByRole('region', { name: 'Message details' });
  await details.getByRole('tab', { name: /^Properties/ }).click();
  const properties = details.getByRole('tabpanel');
  await expect(properties).toContainText('Content typeapplication/json');
  await expect(properties).toContainText('Payload format indicator1 (UTF-8 text)');
  await expect(properties).toContainText('Response topicreplies/lab');
  await expect(properties).toContainText('Correlation data (hex)de ad 00 ff');
  await expect(properties).toContainText(/Message expiry interval(3600|3599) s/);
  await expect(properties.getByRole('table', { name: /User properties/ }).getByRole('row')).toHaveText(['NameValue', 'sitenorth', 'unitC', 'sitesouth']);
  await shootBothThemes(page, testInfo, 'publish-properties-received');
});

test('publishes a file byte for byte, shows PUBACK 0x10 when no one subscribes, and hides properties on MQTT 3.1.1', async ({ page, app, broker }, testInfo) => {
  const topic = `file-${Date.now()}/bytes`;
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${topic}/probe`, '-r', '-m', 'ok']);
  const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${topic}/#`, '-q', '1', '-C', '2', '-F', '%t %x %l']);
  let received = '';
  subscriber.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
  try {
    await expect.poll(() => received, { timeout: 10_000 }).toContain(`${topic}/probe 6f6b 2`);
    await page.goto(app.url);
    await connectTo(page, broker.port, { name: 'Files' });
    const result = page.getByRole('status', { name: 'Publish result' });
    await page.getByLabel('Topic', { exact: true }).fill(`${topic}/file`);
    await page.getByLabel('Publish QoS').selectOption('1');
    await page.getByLabel('Payload format').selectOption('file');
    await page.getByLabel('Payload file').setInputFiles({ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0x00, 0xff, 0x10, 0x0a, 0x80]) });
    await expect(page.getByText('blob.bin, 5 bytes')).toBeVisible();
    await shootBothThemes(page, testInfo, 'publish-file');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(result).toContainText('Acknowledged with PUBACK');
    await expect.poll(() => received.split('\n').filter(Boolean), { timeout: 10_000 }).toEqual([`${topic}/probe 6f6b 2`, `${topic}/file 00ff100a80 5`]);

    await page.getByLabel('Topic', { exact: true }).fill(`nobody-${Date.now()}/listens`);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(result).toContainText('Acknowledged with PUBACK 0x10 no matching subscribers after');

    await connectTo(page, broker.port, { name: 'Old', version: '3.1.1' });
    await expect(page.getByText('Properties and topic aliases: this connection speaks MQTT 3.1.1')).toBeVisible();
    await expect(page.getByLabel('Content type')).toHaveCount(0);
  } finally {
    subscriber.kill();
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${topic}/probe`, '-r', '-n']);
  }
});
