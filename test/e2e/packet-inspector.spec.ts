import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { freePort } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { connectTo, startBuiltInBroker, subscribe } from './ui-actions';

const run = promisify(execFile);

test.use({ viewport: { width: 1400, height: 1050 } });

test('the Packets tab lists every packet and takes the selected PUBLISH apart, in both themes', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port, { version: '5.0' });
  await subscribe(page, 'sensors/#', 2);
  await run('mosquitto_pub', [
    ...['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'sensors/a', '-q', '2', '-m', '{"t":21.5}'],
    ...['-D', 'publish', 'content-type', 'application/json'],
    ...['-D', 'publish', 'user-property', 'site', 'north'],
  ]);
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /sensors\/a/ })).toHaveCount(1);

  await page.getByRole('tab', { name: 'Packets' }).click();
  const packets = page.getByRole('listbox', { name: 'Packets' });
  await expect(packets.getByRole('option', { name: '→ CONNECT' })).toBeVisible();
  await expect(packets.getByRole('option', { name: '← CONNACK' })).toBeVisible();
  const publish = packets.getByRole('option', { name: /^← PUBLISH id \d+ QoS 2 sensors\/a$/ });
  await expect(publish).toBeVisible();
  await expect(packets.getByRole('option', { name: /^← PUBREL id \d+$/ })).toBeVisible();
  await publish.click();
  await expect(publish).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tree', { name: 'Packet fields' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('packets-pane-dark.png') });

  await page.getByRole('button', { name: 'Large view' }).click();
  await expect(page.getByRole('dialog', { name: 'Packets of this connection' })).toBeVisible();
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  const fields = inspector.getByRole('tree', { name: 'Packet fields' });
  await expect(inspector).toContainText('PUBLISH');
  // The bytes as they were read off the socket, not encoded again.
  await expect(inspector).not.toContainText('re-encoded');
  await expect(fields.getByRole('treeitem', { name: 'Packet Type 3 (PUBLISH), spec section 2.1.2' })).toBeVisible();
  await expect(fields.getByRole('treeitem', { name: 'QoS 2, spec section 3.3.1.2' })).toBeVisible();
  await expect(fields.getByRole('treeitem', { name: 'Topic Name "sensors/a", spec section 3.3.2.1' })).toBeVisible();
  const packetId = fields.getByRole('treeitem', { name: /^Packet Identifier 0x[0-9A-F]{4} \(\d+\), spec section 3\.3\.2\.2$/ });
  await expect(packetId).toBeVisible();
  await expect(packetId).toContainText('§3.3.2.2');
  await expect(fields.getByRole('treeitem', { name: 'Content Type "application/json", spec section 3.3.2.3.9' })).toBeVisible();
  await expect(fields.getByRole('treeitem', { name: 'User Property "site" = "north", spec section 3.3.2.3.7' })).toBeVisible();
  await expect(fields.getByRole('treeitem', { name: 'Payload "{\\"t\\":21.5}" (10 bytes), spec section 3.3.3' })).toBeVisible();
  await expect(inspector.getByRole('group', { name: 'Packet bytes' })).toContainText('32');

  // Pointing at a field lights its bytes; the keyboard walks the tree and opens children.
  await packetId.hover();
  await expect(inspector).toContainText('Packet Identifier: bytes 13–14');
  await packetId.focus();
  await page.keyboard.press('ArrowDown');
  await expect(inspector).toContainText('Properties: bytes 15–');
  await page.keyboard.press('ArrowRight');
  await expect(fields.getByRole('treeitem', { name: /^Property Length \d+, spec section 3\.3\.2\.3\.1$/ })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('packet-inspector-dark.png') });

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Packets of this connection' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.screenshot({ path: testInfo.outputPath('packets-pane-light.png') });
  await page.getByRole('button', { name: 'Large view' }).click();
  // Pointing at a byte lights its field in the list: here the first byte of the topic's length prefix.
  await page.getByRole('group', { name: 'Packet bytes' }).getByTitle('byte 2', { exact: true }).hover();
  await expect(inspector).toContainText('Topic Name › Length: bytes 2–3');
  await page.screenshot({ path: testInfo.outputPath('packet-inspector-light.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export packets (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-packets\.json$/);
  const json = JSON.parse(await readFile((await file.path())!, 'utf8')) as { packets: { cmd: string; direction: string; topic?: string }[] };
  expect(json.packets.slice(0, 2).map((p) => `${p.direction} ${p.cmd}`)).toEqual(['sent connect', 'received connack']);
  expect(json.packets.some((p) => p.cmd === 'publish' && p.topic === 'sensors/a')).toBe(true);

  const capture = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export pcapng' }).click();
  const pcap = await capture;
  expect(pcap.suggestedFilename()).toMatch(/-packets\.pcapng$/);
  const bytes = await readFile((await pcap.path())!);
  // A pcapng file opens with a Section Header Block (type 0x0A0D0D0A) and its byte-order magic.
  expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
  expect(bytes.readUInt32LE(8)).toBe(0x1a2b3c4d);
});

test('the broker page inspects a packet from its wire tap, bytes as they crossed the wire', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await startBuiltInBroker(page, port);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv311', '-t', 'lab/wire', '-q', '1', '-m', 'raw']);

  const table = page.getByRole('table', { name: 'Broker packets' });
  const publishRow = table.getByRole('row').filter({ hasText: 'lab/wire' }).filter({ hasText: 'client → broker' });
  await expect(publishRow).toHaveCount(1);
  await publishRow.getByRole('button', { name: /^Inspect packet \d+$/ }).click();
  const inspector = page.getByRole('region', { name: 'Broker packet inspector' });
  const fields = inspector.getByRole('tree', { name: 'Packet fields' });
  await expect(fields.getByRole('treeitem', { name: 'Topic Name "lab/wire", spec section 3.3.2.1' })).toBeVisible();
  await expect(fields.getByRole('treeitem', { name: 'Protocol Level' })).toHaveCount(0);
  await expect(fields.getByRole('treeitem', { name: 'Remaining Length 15, spec section 2.2.3' })).toBeVisible();
  await expect(inspector).toContainText('MQTT 3.1.1');
  await expect(inspector).not.toContainText('re-encoded');
  await inspector.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('broker-packet-inspector-dark.png'), fullPage: true });
});
