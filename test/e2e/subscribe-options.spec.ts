import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes } from './ui-actions';

const run = promisify(execFile);

test.use({ viewport: { width: 1400, height: 1000 } });

test('subscribes with MQTT 5 options, lists them and the share group, and a message detail names the subscriptions it matched', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Options' });
  const form = page.getByRole('form', { name: 'Subscribe' });

  await form.getByLabel('Topic filter').fill('sensors/#');
  await form.getByText('MQTT 5 options').click();
  await form.getByLabel('No Local').check();
  await form.getByLabel('Retain Handling').selectOption('2');
  await expect(form.getByLabel('Retain Handling')).toContainText('2: never send retained messages at subscribe');
  await form.getByLabel('Subscription identifier').fill('0');
  await form.getByLabel('Subscription QoS').selectOption('1');
  await form.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(form.getByLabel('Subscription identifier')).toHaveAccessibleDescription('The subscription identifier is 1 or more; 0 is not allowed (MQTT 5 §3.8.2.1.2).');
  await form.getByLabel('Subscription identifier').fill('7');
  await form.getByRole('button', { name: 'Add subscription user property' }).click();
  await form.getByLabel('Subscription user properties 1 name').fill('team');
  await form.getByLabel('Subscription user properties 1 value').fill('lab');
  await shootBothThemes(page, testInfo, 'subscribe-options-form');
  await form.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const plain = page.getByRole('listitem', { name: 'Subscription sensors/#' });
  await expect(plain).toContainText('granted QoS 1');
  await expect(plain.getByRole('list', { name: 'Options of sensors/#' }).getByRole('listitem')).toHaveText(['No Local', 'Retain Handling 2', 'id 7', 'team=lab']);

  // A shared subscription: typed as one, checked as one, No Local refused for it.
  await form.getByLabel('Topic filter').fill('$share/g+/sensors/+');
  await form.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(form.getByLabel('Topic filter')).toHaveAccessibleDescription('The share group name "g+" must not contain the wildcard +.');
  await form.getByLabel('Topic filter').fill('$share/g/sensors/+');
  await expect(form.getByLabel('Topic filter')).toHaveAccessibleDescription('Shared subscription: group "g", filter sensors/+');
  await expect(form.getByLabel('No Local')).toBeDisabled();
  await form.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const shared = page.getByRole('listitem', { name: 'Subscription $share/g/sensors/+' });
  await expect(shared).toContainText('granted QoS 1');
  await expect(shared).toContainText('shared · group g · filter sensors/+');

  await run('mosquitto_pub', ['-V', '5', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'sensors/t1', '-m', '21.5']);
  // mosquitto delivers once for the plain subscription (with its identifier) and once for the shared one.
  const rows = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /sensors\/t1/ });
  await expect(rows).toHaveCount(2);
  const matched: string[] = [];
  for (const index of [0, 1]) {
    await rows.nth(index).click();
    const text = await page.getByRole('region', { name: 'Message details' }).getByLabel('Matched subscriptions').textContent();
    matched.push(text ?? '');
  }
  expect(matched.sort()).toEqual(['$share/g/sensors/+', 'sensors/# (id 7), $share/g/sensors/+ · subscription ids 7']);
  await shared.scrollIntoViewIfNeeded();
  await shootBothThemes(page, testInfo, 'subscribe-options-list');

  // UNSUBACK's code for the filter, in words.
  await page.getByRole('button', { name: 'Unsubscribe from sensors/#' }).click();
  await expect(page.getByRole('status', { name: 'Unsubscribe result' })).toHaveText('Unsubscribed from sensors/#: success (UNSUBACK 0x00)');
});

test('on MQTT 3.1.1 the options are not offered, with the reason, and $share is still allowed', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Old', version: '3.1.1' });
  const form = page.getByRole('form', { name: 'Subscribe' });
  await expect(form.getByText('MQTT 5 options')).toHaveCount(0);
  await expect(form).toContainText('No Local, Retain As Published, Retain Handling and subscription identifiers need MQTT 5; this connection uses MQTT 3.1.1.');
  await form.getByLabel('Topic filter').fill('$share/g/old/#');
  await form.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByRole('listitem', { name: 'Subscription $share/g/old/#' })).toContainText('granted QoS 0');
});
