import { expect, test } from './fixtures';
import { startMosquitto } from '../helpers/mosquitto';
import { subscribe } from './ui-actions';

test('a lost broker shows a countdown, queues what is published meanwhile, and resubscribes and sends it on return', async ({ page, app }) => {
  let broker = await startMosquitto();
  const port = broker.port;
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByLabel('Port', { exact: true }).fill(String(port));
    await page.getByLabel('First delay (ms)').fill('500');
    await page.getByLabel('Longest delay (ms)').fill('1500');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toHaveText(/^Connected/);
    await subscribe(page, 'lab/#', 1);

    await broker.stop();
    await expect(status).toContainText('Reconnecting');
    await expect(status).toContainText(/next attempt \(#\d+\) in \d s/);

    await page.getByLabel('Publish QoS').selectOption('1');
    const topic = page.getByLabel('Topic', { exact: true });
    for (const name of ['lab/queued/1', 'lab/queued/2', 'lab/queued/3']) {
      await topic.fill(name);
      await page.getByRole('button', { name: 'Queue for sending' }).click();
      await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('Queued');
    }
    const waiting = page.getByRole('list', { name: 'Messages waiting to send' });
    await expect(waiting.getByRole('listitem')).toHaveCount(3);

    broker = await startMosquitto({ port });
    await expect(status).toHaveText(/^Connected/, { timeout: 15_000 });
    await expect(waiting).toHaveCount(0);
    await expect(page.getByRole('listitem', { name: 'Subscription lab/#' })).toContainText('granted QoS 1');
    // Sent after the subscription was restored, so each comes back through it.
    const incoming = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /lab\/queued\/\d.*← in|← in.*lab\/queued\/\d/ });
    await expect(incoming).toHaveCount(3);
  } finally {
    await broker.stop();
  }
});
