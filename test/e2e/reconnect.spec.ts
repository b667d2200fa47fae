import { expect, test } from './fixtures';
import { startMosquitto } from '../helpers/mosquitto';
import { subscribe } from './ui-actions';

test('a lost broker shows a countdown, queues what is published meanwhile, and resubscribes and sends it on return', async ({ page, app }, testInfo) => {
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
    const queueButton = page.getByRole('button', { name: 'Queue for sending' });
    const queue = page.getByRole('region', { name: 'Waiting to send' });
    const waiting = page.getByRole('list', { name: 'Messages waiting to send' });
    // More than a page first, on a topic not subscribed to: the list reads the queue 50 rows at a time.
    await topic.fill('other/more');
    for (let index = 0; index < 51; index++) await queueButton.click();
    await expect(queue.getByRole('heading')).toHaveText('Waiting to send (51 · 1020 B)');
    await expect(queue.getByRole('status', { name: 'Queue status' })).toContainText('when full, new messages are refused with an error');
    for (const name of ['lab/queued/1', 'lab/queued/2', 'lab/queued/3']) {
      await topic.fill(name);
      await queueButton.click();
      await expect(page.getByRole('status', { name: 'Publish result' })).toContainText(`${name}: Queued`);
    }
    await expect(queue.getByRole('heading')).toHaveText(/^Waiting to send \(54 · /);
    await expect(waiting.getByRole('listitem')).toHaveCount(50);
    await expect(queue).toContainText('1–50 of 54');
    await queue.getByRole('button', { name: 'Later' }).click();
    await expect(waiting.getByRole('listitem')).toHaveText([/^other\/more · QoS 1/, /^lab\/queued\/1 · QoS 1/, /^lab\/queued\/2 · QoS 1/, /^lab\/queued\/3 · QoS 1/]);
    await queue.screenshot({ path: testInfo.outputPath('waiting-to-send-light.png') });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await queue.screenshot({ path: testInfo.outputPath('waiting-to-send-dark.png') });

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
