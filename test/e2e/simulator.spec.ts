import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, startBuiltInBroker, subscribe, switchLanguage } from './ui-actions';

test('a Simulator run against the built-in broker, seen in its client list', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);

  await page.getByRole('button', { name: /^Simulator/ }).click();
  await page.getByLabel('Devices', { exact: true }).fill('5');
  await page.getByLabel('Interval (ms)').fill('200');
  await page.getByLabel('Client id pattern').fill('dev-{{device}}');
  await page.getByLabel('Topic pattern').fill('site/{{device}}/temp');
  await page.getByLabel('Payload template').fill('{"t":{{walk 21 0.2}},"n":{{seq}}}');
  const preview = page.getByRole('region', { name: "Preview of device 1's first message" });
  await expect(preview).toContainText('dev-1');
  await expect(preview).toContainText('site/1/temp');
  await expect(preview).toContainText('{"t":21.0,"n":1}');

  await page.getByRole('button', { name: 'Start devices' }).click();
  const counts = page.getByRole('table', { name: 'Device counts' });
  await expect(counts.getByRole('row', { name: /^Connected/ })).toHaveText(/Connected\s*5$/);
  await expect(counts.getByRole('row', { name: /^Messages sent/ })).not.toHaveText(/Messages sent\s*0$/);
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    await page.screenshot({ path: testInfo.outputPath(`simulator-${theme}.png`) });
  }

  // In Chinese, the same page: its counts, form and preview reworded.
  const zh = catalogs['zh-CN'];
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('status', { name: zh['simulator.status.stateLabel'] })).toHaveText(/运行中 · 5 台设备/);
  await expect(page.getByRole('button', { name: zh['simulator.page.stop'] })).toBeEnabled();
  await expect(page.getByRole('region', { name: zh['simulator.preview.label'] })).toContainText('site/1/temp');
  await shootBothThemes(page, testInfo, 'simulator-zh');
  await switchLanguage(page, 'en');

  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  for (let device = 1; device <= 5; device++) await expect(page.getByRole('row', { name: `Client dev-${device}` })).toBeVisible();

  await page.getByRole('button', { name: /^Simulator/ }).click();
  await page.getByRole('button', { name: 'Stop devices' }).click();
  await expect(page.getByRole('status', { name: 'Simulator state' })).toHaveText(/Stopped/);
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await expect(page.getByRole('row', { name: /^Client dev-/ })).toHaveCount(0);
});

test('a Sparkplug NBIRTH + NDATA pair published from a simulated edge node is decoded with names in the detail', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  await connectTo(page, port, { name: 'Host application' });
  await subscribe(page, 'spBv1.0/#');

  await page.getByRole('button', { name: /^Simulator/ }).click();
  await page.getByLabel('Devices', { exact: true }).fill('1');
  await page.getByLabel('Interval (ms)').fill('200');
  await page.getByLabel('Messages per device').fill('3');
  await page.getByLabel(/^Sparkplug B edge nodes/).check();
  await page.getByLabel('Sparkplug group').fill('plant');
  await page.getByLabel('Edge node id pattern').fill('edge{{device}}');
  await page.getByLabel('Payload template').fill('{"temperature": {{walk 21 0.2}}, "count": {{seq}}}');
  await page.getByRole('button', { name: 'Start devices' }).click();

  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Host application/ }).click();
  const messages = page.getByRole('listbox', { name: 'Messages' });
  await expect(messages.getByRole('option', { name: /spBv1\.0\/plant\/NBIRTH\/edge1/ })).toHaveCount(1);
  await expect(messages.getByRole('option', { name: /spBv1\.0\/plant\/NDATA\/edge1/ })).toHaveCount(3);
  await messages.getByRole('option', { name: /spBv1\.0\/plant\/NDATA\/edge1/ }).last().click();
  const details = page.getByRole('region', { name: 'Message details' });
  await expect(details.getByLabel('View as')).toHaveValue('schema');
  const content = details.getByRole('region', { name: 'Payload content' });
  // NDATA carries aliases only; the names come from the NBIRTH the host saw first.
  await expect(content).toContainText('"name": "temperature",');
  await expect(content).toContainText('"name": "count",');
  await expect(details).toContainText('Metric names resolved from the NBIRTH of edge node edge1');
  await shootBothThemes(page, testInfo, 'simulated-edge-node');
});
