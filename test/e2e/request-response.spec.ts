import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, switchLanguage } from './ui-actions';

test('a request answered by the responder on a second connection, with the round trip and the pair on the timeline', async ({ page, app, broker }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(app.url);

  // The service side: a responder rule that answers with a template.
  await connectTo(page, broker.port, { name: 'Service' });
  await page.getByRole('radio', { name: 'Request' }).check();
  const rule = page.getByRole('form', { name: 'Add a responder rule' });
  await rule.getByLabel('Requests on (filter)').fill('service/+/time');
  await rule.getByLabel('Reply', { exact: true }).selectOption('template');
  await rule.getByLabel('Reply template').fill('{"time": "noon", "for": {{payload|json}}, "id": "{{correlationHex}}"}');
  await rule.getByRole('button', { name: 'Add responder rule' }).click();
  await expect(page.getByRole('listitem', { name: 'Responder rule 1 on service/+/time' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Subscription service/+/time' })).toContainText('granted');

  // The client side: a request with Response Topic and fresh Correlation Data.
  await connectTo(page, broker.port, { name: 'Client' });
  await page.getByRole('radio', { name: 'Request' }).check();
  const form = page.getByRole('form', { name: 'Send a request' });
  await form.getByLabel('Request topic').fill('service/clock/time');
  await form.getByLabel('Request payload', { exact: true }).fill('what time is it?');
  await expect(form.getByLabel('Response topic')).toHaveAttribute('placeholder', /^mqtt-lab\/responses\//);
  await form.getByRole('button', { name: 'Send request' }).click();

  const card = page.getByRole('listitem', { name: /^Request #1: answered in [\d.,]+ m?s$/ });
  await expect(card).toBeVisible();
  const correlation = (await card.locator('.exchange-correlation code').textContent()) ?? '';
  expect(correlation).toMatch(/^[0-9a-f]{32}$/);
  await expect(card.getByRole('region', { name: 'Request #1 sent' })).toContainText('what time is it?');
  const response = card.getByRole('region', { name: 'Request #1 response' });
  await expect(response).toContainText(`{"time": "noon", "for": "what time is it?", "id": "${correlation}"}`);
  await expect(response).toContainText(correlation);
  await shootBothThemes(page, testInfo, 'request-response');

  // The timeline pairs the request's flow with the response's.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const flows = page.getByRole('listbox', { name: 'Flows' });
  await flows.getByRole('option', { name: /^→ PUBLISH #\d+ service\/clock\/time .*→ request #1/ }).click();
  const pair = page.getByRole('note', { name: 'Request and response pair' });
  await expect(pair).toContainText(/Request · request #1 ↔ paired with its response, round trip [\d.,]+ m?s/);
  await pair.getByRole('button', { name: 'Show the response' }).click();
  await expect(flows.getByRole('option', { name: /^← PUBLISH #\d+ mqtt-lab\/responses\/.*← request #1/ })).toHaveAttribute('aria-selected', 'true');
  await expect(pair).toContainText('Response · request #1');
  await page.getByRole('tabpanel').screenshot({ path: testInfo.outputPath('request-response-timeline.png') });
  // The pair's label is the core's Message, worded in the language on screen.
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('note', { name: catalogs['zh-CN']['exchange.link.label'] })).toContainText('响应 · 请求 #1 ↔ 已与其请求配对');
  await expect(page.getByRole('listbox', { name: catalogs['zh-CN']['timeline.list.name'] }).getByRole('option', { name: /← 请求 #1/ })).toBeVisible();
  await shootBothThemes(page, testInfo, 'request-response-timeline-zh');
  await switchLanguage(page, 'en');

  // The service counted it.
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Service/ }).click();
  await expect(page.getByRole('status', { name: 'Rule 1 counts' })).toHaveText('1 answered · 0 ignored (no Response Topic)');
  await page.getByRole('listitem', { name: 'Responder rule 1 on service/+/time' }).scrollIntoViewIfNeeded();
  await shootBothThemes(page, testInfo, 'responder');
});

test('on MQTT 3.1.1 the Request mode says why it is not available', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Old', version: '3.1.1' });
  await page.getByRole('radio', { name: 'Request' }).check();
  await expect(page.getByText('Request/response needs MQTT 5')).toContainText('MQTT 3.1.1 does not have');
  await expect(page.getByRole('button', { name: 'Send request' })).toHaveCount(0);
  await shootBothThemes(page, testInfo, 'request-mode-mqtt311');
  await page.getByRole('radio', { name: 'Publish' }).check();
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeVisible();
  await shootBothThemes(page, testInfo, 'publish-mode');
});
