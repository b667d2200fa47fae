import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

test('"↓ N new" appears only when rows are hidden below, never over a list that cannot scroll', async ({ page, app, broker }) => {
  const topic = `newest-${Date.now()}/x`;
  const burst = (count: number, start: number) =>
    run('sh', ['-c', `for i in $(seq ${start} ${start + count - 1}); do echo "message $i"; done | mosquitto_pub -h 127.0.0.1 -p ${broker.port} -t ${topic} -l`]);
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, topic.replace(/\/x$/, '/#'));
  const list = page.getByRole('listbox', { name: 'Messages' });
  const newButton = page.getByRole('button', { name: /^↓ [\d,]+ new$/ });

  // Few messages: the list cannot scroll. Selecting its newest row used to stop the following, so
  // the next message raised the button over that very row.
  await burst(3, 1);
  await list.getByRole('option', { name: /\bmessage 3\b/ }).click();
  await burst(1, 4);
  const newest = list.getByRole('option', { name: /\bmessage 4\b/ });
  await expect(newest).toBeVisible();
  await expect(newButton).toHaveCount(0);
  await newest.click();
  await expect(newest).toHaveAttribute('aria-selected', 'true');
  await burst(1, 5);
  await expect(list.getByRole('option', { name: /\bmessage 5\b/ })).toBeVisible();
  await expect(newButton).toHaveCount(0);

  // Many messages, scrolled up: rows are hidden below, and the button counts what arrived.
  await burst(200, 6);
  await expect(list.getByRole('option', { name: /\bmessage 205\b/ })).toBeVisible();
  await list.hover();
  await page.mouse.wheel(0, -3000);
  await expect(list.getByRole('option', { name: /\bmessage 205\b/ })).toHaveCount(0);
  await burst(10, 206);
  await expect(newButton).toHaveText('↓ 10 new');
  await newButton.click();
  await expect(list.getByRole('option', { name: /\bmessage 215\b/ })).toBeVisible();
  await expect(newButton).toHaveCount(0);
});
