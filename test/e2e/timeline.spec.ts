import { readFile } from 'node:fs/promises';
import mqtt from 'mqtt';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { connectTo, publishFromUi, startBuiltInBroker, subscribe } from './ui-actions';

for (const theme of ['dark', 'light'] as const) {
  test(`draws the four steps of a QoS 2 message published from the UI, linked to the history (${theme})`, async ({ page, app, broker }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(app.url);
    await connectTo(page, broker.port);
    await subscribe(page, 'lab/#', 2);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const flows = page.getByRole('listbox', { name: 'Flows' });
    await expect(flows.getByRole('option', { name: /^→ SUBSCRIBE #\d+ lab\/#, complete/ })).toBeVisible();

    await publishFromUi(page, 'lab/flow', '2', '42');
    await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('PUBCOMP');

    // Selecting the sent message in the history draws its flow.
    const messages = page.getByRole('listbox', { name: 'Messages' });
    await messages.getByRole('option', { name: /lab\/flow/ }).filter({ hasText: '→ out' }).click();
    const diagram = page.getByRole('group', { name: /^Flow \d+$/ });
    await expect(diagram.getByRole('button', { name: /^PUBLISH id \d+ QoS 2 this client → broker at start$/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBREC id \d+ broker → this client [\d.]+ m?s$/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBREL id \d+ this client → broker [\d.]+ m?s$/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+ broker → this client [\d.]+ m?s$/ })).toBeVisible();
    await expect(diagram.getByRole('button')).toHaveCount(4);
    await expect(diagram).toContainText('total');
    const outgoing = flows.getByRole('option', { name: /^→ PUBLISH #\d+ lab\/flow · QoS 2, complete in/ });
    await expect(outgoing).toHaveAttribute('aria-selected', 'true');

    // Selecting the received copy's flow selects its message in the history.
    const incoming = flows.getByRole('option', { name: /^← PUBLISH #\d+ lab\/flow · QoS 2, complete/ });
    await incoming.click();
    await expect(messages.getByRole('option', { name: /lab\/flow/ }).filter({ hasText: '← in' })).toHaveAttribute('aria-selected', 'true');
    await expect(diagram.getByRole('button', { name: /^PUBLISH id \d+ QoS 2 broker → this client at start$/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+ this client → broker/ })).toBeVisible();

    // Picking an arrow marks it as the selected packet.
    const pubrec = diagram.getByRole('button', { name: /^PUBREC/ });
    await pubrec.focus();
    await page.keyboard.press('Enter');
    await expect(pubrec).toHaveAttribute('aria-pressed', 'true');
    // …and takes it apart in the packet inspector under the diagram.
    const inspected = page.getByRole('region', { name: 'Selected packet' });
    await expect(inspected.getByRole('treeitem', { name: /^Packet Type 5 \(PUBREC\)/ })).toBeVisible();
    await expect(inspected.getByRole('treeitem', { name: /^Packet Identifier 0x[0-9A-F]{4} \(\d+\), spec section 3\.5\.2/i })).toBeVisible();

    await page.getByRole('button', { name: 'Zoom in' }).click();
    // Tall enough for the lower pane to show the whole diagram.
    await page.setViewportSize({ width: 1600, height: 1500 });
    await page.getByRole('tabpanel').screenshot({ path: testInfo.outputPath(`timeline-${theme}.png`) });
    await page.screenshot({ path: testInfo.outputPath(`timeline-page-${theme}.png`) });

    // Filters: by state, QoS and topic.
    const filters = page.getByRole('search', { name: 'Filter flows' });
    await filters.getByLabel('Flow state').selectOption('failed');
    await expect(flows.getByRole('option')).toHaveCount(0);
    await filters.getByLabel('Flow state').selectOption('complete');
    await filters.getByLabel('Flow QoS').selectOption('2');
    await filters.getByLabel('Flow topic').fill('lab/flow');
    await expect(flows.getByRole('option')).toHaveCount(2);
    await filters.getByLabel('Flow topic').fill('lab/#/x');
    await expect(filters.getByLabel('Flow topic')).toHaveAttribute('aria-invalid', 'true');
    await expect(filters).toContainText('"#" must be the last level of a filter, but it is at level 2 ("#") of 3.');
    // The last valid filter stays in force while the box holds a bad one.
    await expect(flows.getByRole('option')).toHaveCount(2);
    await filters.getByLabel('Flow topic').fill('lab/+');

    // Export the two selected flows.
    await flows.getByRole('option', { name: /^→ PUBLISH/ }).click({ modifiers: ['ControlOrMeta'] });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export selected flows (2)' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { flows: { steps: { type: string }[]; origin: string }[] };
    expect(exported.flows.map((flow) => [flow.origin, flow.steps.map((step) => step.type).join(' ')]).sort()).toEqual([
      ['broker', 'PUBLISH PUBREC PUBREL PUBCOMP'],
      ['client', 'PUBLISH PUBREC PUBREL PUBCOMP'],
    ]);
  });
}

test('follows a QoS 2 message through the built-in broker to two subscribers, in lanes', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1600, height: 1500 });
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  const subscribers = await Promise.all(['sensor-a', 'sensor-b'].map((clientId) => mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId })));
  try {
    await subscribers[0]?.subscribeAsync('lab/fan', { qos: 2 });
    await subscribers[1]?.subscribeAsync('lab/fan', { qos: 1 });
    await page.getByRole('button', { name: 'Connect to this broker' }).click();
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
    await publishFromUi(page, 'lab/fan', '2', '7');
    await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('PUBCOMP');

    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('listbox', { name: 'Flows' }).getByRole('option', { name: /^→ PUBLISH #\d+ lab\/fan · QoS 2/ }).click();
    await page.getByRole('button', { name: 'Through the broker' }).click();
    const diagram = page.getByRole('group', { name: /through the broker$/ });
    await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+ sensor-a → broker/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBACK id \d+ sensor-b → broker/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBLISH id \d+ QoS 2 broker → sensor-a/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBLISH id \d+ QoS 1 broker → sensor-b/ })).toBeVisible();
    await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+ broker → mqtt-lab-\S+ \(this client\)/ })).toBeVisible();
    await expect(diagram.getByRole('button')).toHaveCount(10);
    await page.getByRole('tabpanel').screenshot({ path: testInfo.outputPath('timeline-broker-dark.png') });

    // Four lanes are wider than the pane: dragging pans, and the drag picks no arrow.
    const scrolled = () => diagram.evaluate((svg) => svg.parentElement?.scrollLeft ?? 0);
    expect(await scrolled()).toBe(0);
    const room = await diagram.evaluate((svg) => (svg.parentElement ? svg.parentElement.scrollWidth - svg.parentElement.clientWidth : 0));
    expect(room).toBeGreaterThan(50);
    const box = await diagram.boundingBox();
    if (!box) throw new Error('the diagram is not on screen');
    await page.mouse.move(box.x + 300, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 150, box.y + 60, { steps: 5 });
    await page.mouse.up();
    // As far as the mouse went, or to the end of the drawing if that is nearer.
    await expect.poll(scrolled).toBeGreaterThanOrEqual(Math.min(140, room));
    await expect(diagram.getByRole('button', { pressed: true })).toHaveCount(0);
  } finally {
    await Promise.all(subscribers.map((client) => client.endAsync()));
  }
});

test('shows a QoS 2 flow whose PUBCOMP the broker drops as waiting, then as a warning past the threshold', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1600, height: 1500 });
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  await page.getByLabel('Fault', { exact: true }).selectOption('drop-acks');
  await page.getByLabel('Acknowledgement').selectOption('pubcomp');
  await page.getByRole('button', { name: 'Add fault' }).click();
  await expect(page.getByRole('list', { name: 'Active faults' }).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Connect to this broker' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const filters = page.getByRole('search', { name: 'Filter flows' });
  await filters.getByLabel('Warn after (seconds)').fill('1.5');
  await publishFromUi(page, 'lab/stuck', '2', '1');

  const flows = page.getByRole('listbox', { name: 'Flows' });
  const stuck = flows.getByRole('option', { name: /^→ PUBLISH #\d+ lab\/stuck · QoS 2, waiting for PUBCOMP from the broker, [\d.]+ m?s$/ });
  await expect(stuck).toBeVisible();
  await stuck.click();
  const diagram = page.getByRole('group', { name: /^Flow \d+$/ });
  await expect(diagram.getByRole('button')).toHaveCount(3);
  await expect(diagram.getByRole('note')).toHaveAccessibleName(/^waiting for PUBCOMP from the broker/);
  // Past the threshold the same flow turns into a warning, with no reload.
  await expect(flows.getByRole('option', { name: /^→ PUBLISH #\d+ lab\/stuck · QoS 2, warning: waiting for PUBCOMP from the broker, [\d.]+ s$/ })).toBeVisible();
  await expect(diagram.getByRole('note')).toHaveAccessibleName(/^warning: waiting for PUBCOMP/);
  await filters.getByLabel('Flow state').selectOption('waiting');
  await expect(flows.getByRole('option')).toHaveCount(1);
  await page.getByRole('tabpanel').screenshot({ path: testInfo.outputPath('timeline-stuck-light.png') });

  // Cut the client: it reconnects and resends PUBREL, and the reconnect is drawn inside the same flow.
  const clientId = (await page.getByRole('main').getByText(/· mqtt-lab-\S+$/).textContent())?.split(' · ').at(-1)?.trim() ?? '';
  expect(clientId).toMatch(/^mqtt-lab-/);
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await page.getByRole('button', { name: `Cut ${clientId}` }).click();
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Client of the built-in broker/ }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await filters.getByLabel('Flow state').selectOption('');
  await flows.getByRole('option', { name: /^→ PUBLISH #\d+ lab\/stuck · QoS 2/ }).click();
  await expect(diagram.getByRole('button', { name: /^PUBREL id \d+ this client → broker/ })).toHaveCount(2);
  await expect(diagram).toContainText('connection lost');
  await expect(diagram).toContainText('reconnected');
  await expect(diagram.getByRole('button', { name: /^PUBCOMP id \d+/ })).toBeVisible();
  await page.getByRole('tabpanel').screenshot({ path: testInfo.outputPath('timeline-reconnect-light.png') });
});
