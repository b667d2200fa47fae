import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, startBuiltInBroker, subscribe } from './ui-actions';

const run = promisify(execFile);

test('the broker page lists shared subscription groups and their members, and each message goes to one member, in both themes', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  const url = `mqtt://127.0.0.1:${port}`;
  const members = await Promise.all(['worker-a', 'worker-b'].map((clientId) => mqtt.connectAsync(url, { clientId, protocolVersion: 5, reconnectPeriod: 0 })));
  const publisher = await mqtt.connectAsync(url, { clientId: 'dispatcher', protocolVersion: 5, reconnectPeriod: 0 });
  try {
    const received = new Map<string, string[]>();
    for (const member of members) {
      const clientId = member.options.clientId ?? '';
      received.set(clientId, []);
      member.on('message', (_topic, payload) => received.get(clientId)?.push(payload.toString()));
      await member.subscribeAsync('$share/workers/jobs/#', { qos: 1 });
    }
    const groups = page.getByRole('table', { name: 'Shared subscription groups' });
    const row = groups.getByRole('row', { name: 'Group workers on jobs/#' });
    await expect(row.getByRole('list', { name: 'Members of workers' }).getByRole('listitem')).toHaveText(['worker-a (QoS 1)', 'worker-b (QoS 1)']);
    await expect(page.getByRole('row', { name: 'Client worker-a' })).toContainText('$share/workers/jobs/# (QoS 1)');

    for (let index = 0; index < 4; index++) await publisher.publishAsync('jobs/build', `job ${index}`, { qos: 1 });
    await expect.poll(() => [...received.values()].map((payloads) => payloads.length)).toEqual([2, 2]);
    expect([...received.values()].flat().sort()).toEqual(['job 0', 'job 1', 'job 2', 'job 3']);

    for (const theme of ['dark', 'light'] as const) {
      const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
      if (await toggle.isVisible()) await toggle.click();
      await page.getByRole('region', { name: 'Listening' }).screenshot({ path: testInfo.outputPath(`shared-groups-${theme}.png`) });
    }
  } finally {
    await Promise.all([...members, publisher].map((client) => client.endAsync()));
  }
});

test('a $share group of two connections on the built-in broker splits the messages between them', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  for (const name of ['Worker A', 'Worker B']) {
    await connectTo(page, port, { name });
    await subscribe(page, '$share/workers/jobs/#', 1);
  }
  const jobs = Array.from({ length: 6 }, (_, index) => `job ${index}`);
  for (const job of jobs) await run('mosquitto_pub', ['-V', '5', '-h', '127.0.0.1', '-p', String(port), '-q', '1', '-t', 'jobs/build', '-m', job]);

  const received: string[] = [];
  for (const name of ['Worker A', 'Worker B']) {
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
    const rows = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /jobs\/build/ });
    // Round robin: each member gets every other message, none gets them all.
    await expect(rows).toHaveCount(3);
    for (const text of await rows.allTextContents()) received.push(/job \d/.exec(text)?.[0] ?? text);
  }
  expect(received.sort()).toEqual(jobs);
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  const row = page.getByRole('table', { name: 'Shared subscription groups' }).getByRole('row', { name: 'Group workers on jobs/#' });
  await expect(row.getByRole('list', { name: 'Members of workers' }).getByRole('listitem')).toHaveCount(2);
  await shootBothThemes(page, testInfo, 'shared-group-connections');
});
