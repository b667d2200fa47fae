import { expect, test } from './fixtures';
import { startMosquitto } from '../helpers/mosquitto';

test('the lifeline shows the CONNACK, pings with their round trips, a lost broker, the backoff and the way back', async ({ page, app }, testInfo) => {
  let broker = await startMosquitto();
  const port = broker.port;
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByLabel('Port', { exact: true }).fill(String(port));
    await page.getByLabel('Keepalive (seconds)').fill('1');
    await page.getByLabel('First delay (ms)').fill('500');
    await page.getByLabel('Longest delay (ms)').fill('1500');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    const status = page.getByRole('status', { name: 'Connection status' });
    await expect(status).toHaveText(/^Connected/);

    await page.getByRole('tab', { name: 'Lifeline' }).click();
    const rows = page.getByRole('list', { name: 'Lifeline events' });
    await expect(rows.getByRole('listitem', { name: new RegExp(`^CONNECT to mqtt://127\\.0\\.0\\.1:${port} \\(first attempt\\), keepalive 1 s$`) })).toHaveCount(1);
    await expect(rows.getByRole('listitem', { name: /^CONNACK accepted after [\d.]+ m?s, new session$/ })).toHaveCount(1);
    await expect(rows.getByRole('listitem', { name: /^PINGRESP round trip [\d.]+ ms$/ })).toHaveCount(2, { timeout: 5000 }).catch(async () => {
      // More than two by now is as good: the assertion is "at least two".
      expect(await rows.getByRole('listitem', { name: /^PINGRESP round trip [\d.]+ ms$/ }).count()).toBeGreaterThanOrEqual(2);
    });
    const chart = page.getByRole('img', { name: /^Connection lifeline, now connected: 1 connect attempts, 0 disconnects, \d+ pings, median round trip/ });
    await expect(chart).toBeVisible();

    await broker.stop();
    await expect(rows.getByRole('listitem', { name: /^Connection lost: / })).toHaveCount(1);
    await expect(rows.getByRole('listitem', { name: /^Reconnect attempt 1 in \d+ ms$/ })).toHaveCount(1);
    await expect(rows.getByRole('listitem', { name: /^Connect attempt failed: .*ECONNREFUSED/ }).first()).toBeVisible();
    await expect(rows.getByRole('listitem', { name: /^Reconnect attempt 2 in [\d.]+ m?s$/ })).toHaveCount(1);

    broker = await startMosquitto({ port });
    await expect(status).toHaveText(/^Connected/, { timeout: 15_000 });
    await expect(rows.getByRole('listitem', { name: /^CONNACK accepted/ })).toHaveCount(2);
    await expect(rows.getByRole('listitem', { name: /^CONNECT to .*\(reconnect attempt \d\)/ }).first()).toBeVisible();
    await expect(page.getByRole('img', { name: /now connected: \d+ connect attempts, \d+ disconnects/ })).toBeVisible();
    await expect(rows.getByRole('listitem', { name: /^PINGRESP round trip/ }).first()).toBeVisible();

    // Zooming in to the newest second leaves the first CONNECT out of view and out of the list.
    await page.getByRole('button', { name: 'Fit' }).click();
    // Tall enough that the lower pane shows the list under the chart.
    await page.setViewportSize({ width: 1400, height: 1300 });
    await page.screenshot({ path: testInfo.outputPath('lifeline-dark.png') });
    for (let index = 0; index < 4; index++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(rows.getByRole('listitem', { name: /\(first attempt\)/ })).toHaveCount(0);
    await page.getByRole('region', { name: 'Lifeline' }).screenshot({ path: testInfo.outputPath('lifeline-zoomed-dark.png') });
    await expect(page.getByRole('button', { name: 'Follow live' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect(rows.getByRole('listitem', { name: /\(first attempt\)/ })).toHaveCount(1);

    // Dragging the chart back in time stops following.
    const box = await chart.or(page.getByRole('img', { name: /^Connection lifeline/ })).first().boundingBox();
    if (!box) throw new Error('The lifeline chart has no box.');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByRole('button', { name: 'Follow live' })).toHaveAttribute('aria-pressed', 'false');

    await page.getByRole('button', { name: 'Fit' }).click();
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.screenshot({ path: testInfo.outputPath('lifeline-light.png') });

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(rows.getByRole('listitem', { name: 'Disconnected by the client' })).toHaveCount(1);
    await expect(page.getByRole('img', { name: /^Connection lifeline, now down:/ })).toBeVisible();
  } finally {
    await broker.stop();
  }
});
