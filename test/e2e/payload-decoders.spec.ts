import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, publishFromUi, shootBothThemes, subscribe } from './ui-actions';

const run = promisify(execFile);

async function publishBytes(port: number, topic: string, bytes: Uint8Array): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'mqtt-lab-payload-'));
  const file = join(directory, 'payload.bin');
  await writeFile(file, bytes);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-f', file]);
}

test('a Sparkplug NBIRTH + NDATA pair published from the publisher is decoded with names in the detail', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'spBv1.0/#');
  await page.getByLabel('Payload format').selectOption({ label: 'Sparkplug B (from JSON)' });
  await publishFromUi(page, 'spBv1.0/plant/NBIRTH/edge1', '0', '{"seq":0,"metrics":[{"name":"Temperature","alias":2,"datatype":"Float","value":21.5},{"name":"Counter","alias":3,"datatype":"Int32","value":-7}]}');
  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('spBv1.0/plant/NBIRTH/edge1');
  await publishFromUi(page, 'spBv1.0/plant/NDATA/edge1', '0', '{"seq":1,"metrics":[{"alias":2,"datatype":"Float","value":22.25},{"alias":3,"datatype":"Int32","value":8}]}');
  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('spBv1.0/plant/NDATA/edge1');

  const messages = page.getByRole('listbox', { name: 'Messages' });
  const details = page.getByRole('region', { name: 'Message details' });
  await messages.getByRole('option', { name: /spBv1\.0\/plant\/NDATA\/edge1/ }).last().click();
  await expect(details.getByLabel('View as')).toHaveValue('schema');
  const content = details.getByRole('region', { name: 'Payload content' });
  await expect(content).toContainText('"name": "Temperature",');
  await expect(content).toContainText('"name": "Counter",');
  await expect(details.getByRole('textbox', { name: 'Sparkplug B decoded to JSON, read-only' })).toBeAttached();
  await expect(details).toContainText('Metric names resolved from the NBIRTH of edge node edge1');
  await shootBothThemes(page, testInfo, 'sparkplug-ndata');

  // The diff with the previous message on the topic (the copy this connection sent) compares decoded JSON.
  await details.getByRole('tab', { name: 'Diff' }).click();
  await expect(details.getByRole('region', { name: 'Payload differences' })).toContainText('"name": "Temperature"');
  await details.getByRole('tab', { name: 'Payload' }).click();

  // A field the encoder cannot write is named, and nothing is sent.
  await publishFromUi(page, 'spBv1.0/plant/NDATA/edge1', '0', '{"seq":2,"metrics":[{"alias":3,"datatype":"Int8","value":300}]}');
  await expect(page.getByRole('status', { name: 'Publish result' })).toHaveText('Not published: metrics[0].value: 300 is outside the signed 8-bit range.');
});

test('a Protobuf mapping that decodes a message', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Port', { exact: true }).fill(String(broker.port));
  const upload = page.getByLabel('Add .proto files');
  await upload.setInputFiles({ name: 'broken.proto', mimeType: 'text/plain', buffer: Buffer.from('syntax = "proto3";\nmessage A {\n  int32 x = ;\n}\n') });
  await expect(page.getByRole('alert')).toContainText(/broken\.proto: illegal .*line 3/);
  await page.getByRole('button', { name: 'Remove broken.proto' }).click();
  const proto = 'syntax = "proto3";\npackage acme;\nenum Unit { CELSIUS = 0; KELVIN = 1; }\nmessage Reading { string sensor = 1; double value = 2; Unit unit = 3; repeated int32 history = 4; }\n';
  await upload.setInputFiles({ name: 'acme.proto', mimeType: 'text/plain', buffer: Buffer.from(proto) });
  await expect(page.getByText('Message types: acme.Reading.')).toBeVisible();
  await page.getByRole('button', { name: 'Add mapping' }).click();
  const mapping = page.getByRole('group', { name: 'Protobuf mapping 1' });
  await mapping.getByLabel('Topic filter').fill('sensors/#');
  await mapping.getByLabel('Message type').fill('acme.Reading');
  await page.getByRole('group', { name: 'Protobuf payloads' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('protobuf-form-dark.png') });
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await subscribe(page, 'sensors/#');

  // sensor "t1", value 21.5, unit KELVIN, history [1, 2] packed: written out by hand.
  const reading = Buffer.concat([Buffer.from([0x0a, 0x02]), Buffer.from('t1'), Buffer.from([0x11]), Buffer.from(new Float64Array([21.5]).buffer), Buffer.from([0x18, 0x01, 0x22, 0x02, 0x01, 0x02])]);
  await publishBytes(broker.port, 'sensors/room1', reading);

  const details = page.getByRole('region', { name: 'Message details' });
  await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /sensors\/room1/ }).click();
  await expect(details.getByLabel('View as')).toHaveValue('schema');
  const content = details.getByRole('region', { name: 'Payload content' });
  await expect(content).toContainText('"sensor": "t1",');
  await expect(content).toContainText('"unit": "KELVIN",');
  await expect(details.getByRole('textbox', { name: 'Protobuf acme.Reading decoded to JSON, read-only' })).toBeAttached();
  await shootBothThemes(page, testInfo, 'protobuf-detail');

  // Published from JSON as the type the topic is mapped to, encoded in the main process.
  await page.getByLabel('Payload format').selectOption({ label: 'Protobuf (from JSON, type mapped to the topic)' });
  await publishFromUi(page, 'sensors/room2', '0', '{"sensor":"t2","unit":"KELVIN","history":[3]}');
  await expect(page.getByRole('status', { name: 'Publish result' })).toContainText('sensors/room2 as acme.Reading: Sent');
  await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /← in.*sensors\/room2/ }).click();
  await expect(details.getByRole('region', { name: 'Payload content' })).toContainText('"sensor": "t2",');
  await publishFromUi(page, 'sensors/room2', '0', '{"sensor":"t2","unit":"KELVINS"}');
  await expect(page.getByRole('status', { name: 'Publish result' })).toHaveText('Not published: unit: expected one of CELSIUS, KELVIN.');
});
