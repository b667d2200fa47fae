import mqtt from 'mqtt';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { startBuiltInBroker } from './ui-actions';

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
