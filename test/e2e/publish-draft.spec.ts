import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, switchLanguage } from './ui-actions';

const run = promisify(execFile);

test('the Publish panel keeps its topic, QoS, retain, format, payload and last result across a visit to another page', async ({ page, app, broker }) => {
  const topic = `draft-${Date.now()}/kept`;
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Draft keeper' });

  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByLabel('Publish QoS').selectOption('1');
  await page.getByRole('checkbox', { name: 'Retain' }).check();
  await page.getByLabel('Payload format').selectOption('plaintext');
  await page.getByRole('textbox', { name: 'Payload' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('kept across pages');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = page.getByRole('status', { name: 'Publish result' });
  await expect(result).toContainText(`${topic}: Acknowledged with PUBACK`);
  const resultText = await result.textContent();

  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await expect(page.getByRole('textbox', { name: 'Payload' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Draft keeper/ }).click();

  await expect(page.getByLabel('Topic', { exact: true })).toHaveValue(topic);
  await expect(page.getByLabel('Publish QoS')).toHaveValue('1');
  await expect(page.getByRole('checkbox', { name: 'Retain' })).toBeChecked();
  await expect(page.getByLabel('Payload format')).toHaveValue('plaintext');
  await expect(page.getByRole('group', { name: 'Payload editor' })).toContainText('kept across pages');
  await expect(result).toHaveText(resultText ?? '');

  // The kept draft is what is published next, not the default.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(result).toContainText(`${topic}: Acknowledged with PUBACK`);
  const { stdout } = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-C', '1', '-W', '5']);
  expect(stdout).toBe('kept across pages\n');
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-r', '-n']);
});

test('the publisher, subscriptions, saved messages and request mode speak Chinese after the switch, and English again after it', async ({ page, app, broker }, testInfo) => {
  const zh = catalogs['zh-CN'];
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Chinese' });
  await switchLanguage(page, 'zh-CN');

  const publish = page.getByRole('form', { name: zh['publish.panel.form'] });
  await expect(publish.getByRole('button', { name: zh['publish.panel.publish'], exact: true })).toBeVisible();
  await expect(publish.getByLabel(zh['publish.panel.format'])).toBeVisible();
  await publish.getByText(zh['publish.options.summary'], { exact: true }).click();
  await expect(publish.getByLabel(zh['publish.options.correlationAs'])).toBeVisible();
  await publish.getByLabel(zh['publish.options.responseTopic']).fill('replies/#');
  await expect(publish.getByText('发布时响应主题不能包含通配符 + 或 #')).toBeVisible();
  await page.getByText(zh['publish.schedule.title'], { exact: true }).click();
  await expect(page.getByRole('button', { name: zh['publish.schedule.start'] })).toBeVisible();
  await expect(page.getByRole('region', { name: zh['savedMessages.section.title'] })).toBeVisible();
  const subscribe = page.getByRole('form', { name: zh['subscriptions.panel.form'] });
  await subscribe.getByLabel(zh['subscriptions.panel.filter']).fill('lab/#');
  await subscribe.getByText(zh['subscriptions.options.summary'], { exact: true }).click();
  await expect(subscribe.getByLabel(zh['subscriptions.options.identifier'])).toBeVisible();
  await shootBothThemes(page, testInfo, 'publish-zh');

  await page.getByRole('radio', { name: zh['exchange.mode.request'] }).check();
  await expect(page.getByRole('form', { name: zh['exchange.requester.form'] })).toBeVisible();
  await expect(page.getByRole('form', { name: zh['exchange.responder.form'] })).toBeVisible();
  await shootBothThemes(page, testInfo, 'request-zh');
  await page.getByRole('radio', { name: zh['exchange.mode.publish'] }).check();

  await switchLanguage(page, 'en');
  await expect(page.getByRole('form', { name: 'Publish' }).getByRole('button', { name: 'Publish', exact: true })).toBeVisible();
  await expect(page.getByText('Response topic must not contain the wildcards + or #')).toBeVisible();
  await shootBothThemes(page, testInfo, 'publish-en');
});
