import { startWebApp } from '../helpers/start-app';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

test('subscriptions made in the app are listed after a restart and granted again on connect', async ({ page, broker }) => {
  const dataDir = makeTempDir();
  try {
    let app = await startWebApp(dataDir);
    await page.goto(app.url);
    await connectTo(page, broker.port, { name: 'Kept subscriptions' });
    await subscribe(page, 'lab/sensors/#', 1);
    await subscribe(page, 'lab/alerts/+', 2);
    await app.stop();

    app = await startWebApp(dataDir);
    try {
      await page.goto(app.url);
      await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Kept subscriptions/ }).click();
      const list = page.getByRole('list', { name: 'Active subscriptions' });
      await expect(list.getByRole('listitem')).toHaveText([/lab\/sensors\/#.*asked for on connect \(QoS 1\)/, /lab\/alerts\/\+.*asked for on connect \(QoS 2\)/]);
      await page.getByRole('button', { name: 'Edit' }).click();
      await expect(page.getByRole('checkbox', { name: 'Restore subscriptions on connect' })).toBeChecked();
      await page.getByRole('button', { name: 'Save and connect' }).click();
      await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
      await expect(page.getByRole('listitem', { name: 'Subscription lab/sensors/#' })).toContainText('granted QoS 1');
      await expect(page.getByRole('listitem', { name: 'Subscription lab/alerts/+' })).toContainText('granted QoS 2');
    } finally {
      await app.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
});
