import { expect, test } from './fixtures';

test('the broker report and the lifeline show where the connect time went, phase by phase', async ({ page, app, broker }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  // A name, not an address, so there is a DNS phase to show.
  await page.getByLabel('Host').fill('localhost');
  await page.getByLabel('Port', { exact: true }).fill(String(broker.port));
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);

  const summary = page.getByText(/^Broker capabilities · CONNACK accepted in [\d.]+ m?s · session present: no/);
  await expect(summary).toBeVisible();
  await summary.click();
  const phases = page.getByRole('list', { name: 'Connect phases' });
  await expect(phases.getByRole('listitem')).toHaveCount(3);
  await expect(phases.getByRole('listitem').nth(0)).toHaveAccessibleName(/^DNS lookup [\d.]+ m?s$/);
  await expect(phases.getByRole('listitem').nth(1)).toHaveAccessibleName(/^TCP connect [\d.]+ m?s$/);
  await expect(phases.getByRole('listitem').nth(2)).toHaveAccessibleName(/^CONNECT→CONNACK [\d.]+ ms$/);
  await page.screenshot({ path: testInfo.outputPath('connect-phases-broker-dark.png') });

  await summary.click();
  await page.getByRole('tab', { name: 'Lifeline' }).click();
  const lastConnect = page.getByRole('list', { name: /^Last connect, / });
  await expect(lastConnect.getByRole('listitem')).toHaveCount(3);
  await expect(lastConnect.getByRole('listitem').nth(2)).toHaveAccessibleName(/^CONNECT→CONNACK [\d.]+ ms$/);
  // The CONNACK row says the same CONNECT→CONNACK time as the waterfall.
  const connectToConnack = (await lastConnect.getByRole('listitem').nth(2).getAttribute('aria-label'))?.replace('CONNECT→CONNACK ', '');
  await expect(page.getByRole('list', { name: 'Lifeline events' }).getByRole('listitem', { name: `CONNACK accepted after ${connectToConnack}, new session` })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('connect-phases-lifeline-dark.png') });
  await page.getByRole('region', { name: 'Lifeline' }).screenshot({ path: testInfo.outputPath('connect-phases-lifeline-region-dark.png') });

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.getByRole('region', { name: 'Lifeline' }).screenshot({ path: testInfo.outputPath('connect-phases-lifeline-region-light.png') });
  await summary.click();
  await page.screenshot({ path: testInfo.outputPath('connect-phases-broker-light.png') });
});
