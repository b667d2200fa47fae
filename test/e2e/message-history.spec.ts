import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

/** Publishes "<prefix> <n>" for n in [start, start + count) on one topic, as fast as mosquitto_pub -l goes. */
function burst(port: number, topic: string, prefix: string, start: number, count: number) {
  return run('sh', ['-c', `for i in $(seq ${start} ${start + count - 1}); do echo "${prefix} $i"; done | mosquitto_pub -h 127.0.0.1 -p ${port} -t ${topic} -q 1 -l`]);
}

test('the filter bar queries everything held, counts the matches, and refuses a bad filter', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'sensors/#');
  for (const room of ['kitchen', 'hall', 'attic']) await burst(broker.port, `sensors/${room}/temp`, `${room} temp`, 1, 20);
  await burst(broker.port, 'sensors/kitchen/humidity', 'kitchen humidity', 1, 20);
  await expect(page.getByLabel('Message count')).toHaveText('80');

  const list = page.getByRole('listbox', { name: 'Messages' });
  const matches = page.getByLabel('Matching messages');
  await page.getByLabel('Filter by topic').fill('sensors/+/temp');
  await expect(matches).toHaveText('60 of 80 match');
  await expect(list.getByRole('option', { name: /humidity/ })).toHaveCount(0);
  await expect(list.getByRole('option', { name: /attic temp 20/ })).toBeVisible();

  await page.getByLabel('Search text').fill('temp 1');
  // "temp 1" and "temp 10".."temp 19", in three rooms.
  await expect(matches).toHaveText('33 of 80 match');
  await page.getByRole('checkbox', { name: 'Regex' }).check();
  await page.getByLabel('Search text').fill('^hall temp (3|7)$');
  await expect(matches).toHaveText('2 of 80 match');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('filter-dark.png') });

  // New messages that match join a live filtered view.
  await burst(broker.port, 'sensors/hall/temp', 'hall temp', 3, 1);
  await expect(matches).toHaveText('3 of 81 match');

  await page.getByLabel('Search text').fill('([');
  await expect(page.getByRole('alert').filter({ hasText: 'Not a valid regular expression' })).toBeVisible();
  await page.getByLabel('Filter by topic').fill('sensors/#/temp');
  await expect(page.getByRole('alert').filter({ hasText: '"#" must be the last level' })).toBeVisible();

  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(matches).toHaveCount(0);
  await expect(page.getByLabel('Filter by topic')).toHaveValue('');
  await page.getByLabel('Filter by QoS').selectOption('1');
  await page.getByLabel('Filter by direction').selectOption('out');
  await expect(matches).toHaveText('0 of 81 match');
  await expect(list.getByText('No message matches the filter.')).toBeVisible();
  await page.getByLabel('Filter by direction').selectOption('in');
  // Published at QoS 1, but delivered at the subscription's QoS 0.
  await expect(matches).toHaveText('0 of 81 match');
  await page.getByLabel('Filter by QoS').selectOption('0');
  await expect(matches).toHaveText('81 of 81 match');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.screenshot({ path: testInfo.outputPath('filter-light.png') });
});

test('pausing the view freezes the list while the store keeps recording', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'pause/#');
  await burst(broker.port, 'pause/x', 'before', 1, 5);
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list.getByRole('option')).toHaveCount(5);

  await page.getByRole('button', { name: 'Pause view' }).click();
  await expect(page.getByRole('button', { name: 'Resume view' })).toHaveAttribute('aria-pressed', 'true');
  await burst(broker.port, 'pause/x', 'during', 1, 7);
  await expect(page.getByRole('status', { name: 'View paused' })).toHaveText('View paused: 7 new messages recorded since.');
  await expect(page.getByLabel('Message count')).toHaveText('12');
  await expect(list.getByRole('option')).toHaveCount(5);

  // Space in the list toggles it too.
  await list.focus();
  await page.keyboard.press('Space');
  await expect(list.getByRole('option')).toHaveCount(12);
  await expect(list.getByRole('option', { name: /during 7/ })).toBeVisible();
  await expect(page.getByRole('status', { name: 'View paused' })).toHaveCount(0);
});

test('a smaller budget evicts the oldest messages and says how many; the list still reads every message held', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'budget/#', 1);

  await page.getByRole('button', { name: 'Budget…' }).click();
  const form = page.getByRole('form', { name: 'History budget' });
  await expect(form.getByLabel('Messages to keep')).toHaveValue('1000000');
  await expect(form.getByLabel('Payload memory (MB)')).toHaveValue('512');
  await form.getByLabel('Messages to keep').fill('10');
  await form.getByRole('button', { name: 'Save budget' }).click();
  await expect(form.getByText('Keep at least 1,000 messages.')).toBeVisible();
  await form.getByLabel('Messages to keep').fill('1,000');
  await form.getByRole('button', { name: 'Save budget' }).click();
  await expect(form).toHaveCount(0);

  await burst(broker.port, 'budget/x', 'message', 1, 1500);
  await expect(page.getByLabel('Message count')).toHaveText('1,000');
  await expect(page.getByRole('status', { name: 'Evicted messages' })).toContainText('500 older messages evicted');
  // Msg/s climbed with the burst and falls back to zero once it is over.
  await expect(page.getByRole('status', { name: 'Messages per second' })).toContainText('↓ 0/s');

  const list = page.getByRole('listbox', { name: 'Messages' });
  await list.focus();
  await page.keyboard.press('Home');
  // The oldest rows were never sent to the page as they arrived: they are read by id when scrolled to.
  await expect(list.getByRole('option', { name: /\bmessage 501\b/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /\bmessage 500\b/ })).toHaveCount(0);
  await expect(list.getByRole('option', { selected: true })).toContainText('message 501');
  await page.screenshot({ path: testInfo.outputPath('evicted.png') });

});

test('the bar between the list and the lower pane resizes it from the keyboard, and the size is kept', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  const splitter = page.getByRole('separator', { name: 'Resize the message list and the pane below' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 80));
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the message list and the pane below' })).toHaveAttribute('aria-valuenow', String(before + 80));
});
