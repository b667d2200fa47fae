import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

test('receives a message sent by mosquitto_pub on a lab/# subscription and shows its whole payload', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'lab/#', 1);

  const payload = JSON.stringify({ temperature: 21.5, unit: 'C', note: '<b>not html</b>' });
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'lab/sensors/t1', '-q', '1', '-r', '-m', payload]);

  const messages = page.getByRole('listbox', { name: 'Messages' });
  const row = messages.getByRole('option', { name: /lab\/sensors\/t1/ });
  await expect(row).toContainText('← in');
  await expect(row).toContainText('QoS 1');
  await expect(row).toContainText('"temperature":21.5');
  await row.click();

  const details = page.getByRole('region', { name: 'Message details' });
  // JSON opens pretty-printed in a read-only Monaco editor (its gutter holds line numbers, so the lines are checked one by one).
  for (const line of JSON.stringify(JSON.parse(payload), null, 2).split('\n')) await expect(details.getByLabel('Payload content')).toContainText(line.trim());
  // Rendered as text: the markup stays visible characters, no <b> element appears.
  await expect(details.locator('b')).toHaveCount(0);

  await page.getByRole('button', { name: 'Unsubscribe from lab/#' }).click();
  await expect(page.getByRole('listitem', { name: 'Subscription lab/#' })).toHaveCount(0);
});

test('publishes from the UI, shows it as outgoing with its PUBACK, and mosquitto_sub receives it', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);

  const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'lab/from-ui', '-C', '1', '-q', '1']);
  let received = '';
  subscriber.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
  // mosquitto_sub prints nothing until subscribed; give its SUBSCRIBE a head start by polling the broker's view.
  await expect.poll(async () => (await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'lab/from-ui-probe', '-m', 'x'])).stderr, { timeout: 5000 }).toBe('');

  await page.getByLabel('Topic', { exact: true }).fill('lab/from-ui');
  await page.getByLabel('Publish QoS').selectOption('1');
  const editor = page.getByRole('textbox', { name: 'Payload' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // The editor adds no closing brace of its own: without the one typed last, the JSON is broken.
  await page.keyboard.type('{"hello": "from the UI"');
  await expect(page.getByRole('alert').filter({ hasText: 'The payload is not valid JSON' })).toBeVisible();
  await page.keyboard.type('}');
  await expect(page.getByRole('alert').filter({ hasText: 'not valid JSON' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();

  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('lab/from-ui: Acknowledged with PUBACK');
  const outgoing = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /lab\/from-ui/ });
  await expect(outgoing).toContainText('→ out');
  await expect.poll(() => received, { timeout: 10_000 }).toContain('{"hello": "from the UI"}');
  subscriber.kill();
});

test('auto-scroll pauses when the user scrolls up and offers a jump back to the new messages', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'flood/#');
  const burst = (count: number, start: number) =>
    run('sh', ['-c', `for i in $(seq ${start} ${start + count - 1}); do echo "message $i"; done | mosquitto_pub -h 127.0.0.1 -p ${broker.port} -t flood/x -l`]);

  await burst(200, 1);
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list.getByRole('option', { name: /\bmessage 200\b/ })).toBeVisible();
  // Virtualized: 200 messages, but only the visible rows exist in the page.
  expect(await list.getByRole('option').count()).toBeLessThan(60);

  await list.hover();
  await page.mouse.wheel(0, -3000);
  await expect(list.getByRole('option', { name: /\bmessage 200\b/ })).toHaveCount(0);
  await burst(25, 201);
  const jump = page.getByRole('button', { name: '↓ 25 new' });
  await expect(jump).toBeVisible();
  await expect(list.getByRole('option', { name: /\bmessage 225\b/ })).toHaveCount(0);
  await jump.click();
  await expect(list.getByRole('option', { name: /\bmessage 225\b/ })).toBeVisible();
  await expect(jump).toHaveCount(0);
});
