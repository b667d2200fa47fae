import WebSocket from 'ws';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { connectTo } from './ui-actions';

test('an invalid topic filter is refused in the form with a specific message, and nothing is subscribed', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  const filter = page.getByLabel('Topic filter');

  await filter.fill('a/#/b');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(filter).toHaveAccessibleDescription('"#" must be the last level of a filter, but it is at level 2 ("#") of 3.');

  await filter.fill('a+');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(filter).toHaveAccessibleDescription('"+" must fill a whole level, but level 1 ("a+") mixes it with other characters.');
  await expect(page.getByRole('list', { name: 'Active subscriptions' })).toHaveCount(0);
});

test('a wildcard in a publish topic is refused before sending', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  const topic = page.getByLabel('Topic', { exact: true });
  await topic.fill('lab/+/x');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(topic).toHaveAccessibleDescription(/must not contain the wildcards \+ or #/);
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option')).toHaveCount(0);
});

test('a port where nothing listens shows "failed" with the reason in plain words', async ({ page, app }) => {
  const port = await freePort();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(`Failed: connection refused: nothing is listening on 127.0.0.1:${port}; check the port, and that the broker is running`);
  // The raw error stays one click away, for searching and bug reports.
  await page.getByText('Details').click();
  await expect(page.getByLabel('Error detail')).toHaveText(`connect ECONNREFUSED 127.0.0.1:${port}`);
});

test('the form explains a bad port and a host with a scheme beside the fields', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Host').fill('mqtt://broker.local');
  await page.getByLabel('Port', { exact: true }).fill('99999');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByLabel('Host')).toHaveAccessibleDescription('Enter the host without a scheme such as mqtt://; choose the transport separately.');
  await expect(page.getByLabel('Port', { exact: true })).toHaveAccessibleDescription('The port must be between 1 and 65535.');
});

test('disconnects and connects again from the workspace', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Bench broker', version: '3.1.1' });
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText('Disconnected: disconnected by you');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await expect(page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /Bench broker/ })).toContainText('Connected');
});

test('the contract socket refuses a request without the token', async ({ page, app }) => {
  // From a browser page on the app's own origin, so only the token is missing.
  await page.goto(`${app.origin}/`);
  const outcome = await page.evaluate(
    (host) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://${host}/api`);
        socket.onopen = () => resolve('open');
        socket.onclose = () => resolve('refused');
      }),
    new URL(app.origin).host,
  );
  expect(outcome).toBe('refused');
  await expect(page.getByRole('alert')).toContainText('MQTT Lab did not accept this page');

  // And from outside a browser, the refusal is an HTTP 401 before any contract frame is read.
  const status = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${app.origin.replace('http', 'ws')}/api`, { headers: { Origin: app.origin } });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => resolve(101));
    socket.on('error', () => undefined);
  });
  expect(status).toBe(401);
});
