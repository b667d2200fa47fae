import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, subscriber } from './ui-actions';

test('a timed publish with {{seq}}, whose messages arrive numbered', async ({ page, app, broker }, testInfo) => {
  const topic = `timed-${Date.now()}/count`;
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Timed' });
  const received = await subscriber(broker.port, topic, 5);

  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByLabel('Publish QoS').selectOption('1');
  const editor = page.getByRole('textbox', { name: 'Payload' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{"n":{{seq}}}');
  // Off, the braces are the payload's own; on, the preview shows the first send.
  await expect(page.getByLabel('Next payload')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Template' }).check();
  await expect(page.getByLabel('Next payload')).toHaveText('{"n":1}');

  await page.getByText('Publish repeatedly').click();
  await page.getByLabel('Every (ms)').fill('100');
  await page.getByLabel('Send count').fill('5');
  await page.getByRole('button', { name: 'Start schedule' }).click();
  const schedules = page.getByRole('list', { name: 'Schedules' });
  await expect(schedules.getByRole('listitem')).toHaveCount(1);
  await expect(schedules.getByRole('listitem').first()).toContainText('Finished');
  await expect(schedules.getByLabel(/figures$/)).toContainText(/sent 5 · acknowledged 5 · failed 0/);

  await received.done;
  expect(received.lines()).toEqual([1, 2, 3, 4, 5].map((n) => `${topic} {"n":${n}}`));
  await schedules.scrollIntoViewIfNeeded();
  await shootBothThemes(page, testInfo, 'timed-publish');
});
