import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

// Tall enough that the detail pane shows its views without scrolling, for the screenshots.
test.use({ viewport: { width: 1400, height: 1050 } });

/** The detail pane is short and scrolls: brings the section's view into sight before a screenshot. */
async function showSections(page: Page, view: string): Promise<void> {
  await page.getByRole('region', { name: 'Message details' }).getByRole('region', { name: view }).evaluate((element) => element.scrollIntoView({ block: 'end' }));
}

async function publishFile(port: number, topic: string, bytes: Uint8Array): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'mqtt-lab-detail-'));
  const file = join(directory, 'payload.bin');
  await writeFile(file, bytes);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-f', file]);
}

function openMessage(page: Page, name: RegExp) {
  return page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name }).last().click();
}

test('opens a 10 MB payload at once and pages its hex dump lazily to the last offset', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'big/#', 1);
  const size = 10 * 1024 * 1024;
  const payload = Buffer.alloc(size);
  for (let index = 0; index < size; index++) payload[index] = (index * 131 + 17) & 0xff;
  await publishFile(broker.port, 'big/blob', payload);

  await openMessage(page, /big\/blob/);
  const details = page.getByRole('region', { name: 'Message details' });
  await expect(details).toContainText('10.0 MiB (10485760 bytes)');
  await expect(details.getByLabel('View as')).toHaveValue('hex');
  const dump = details.getByRole('region', { name: 'Payload content' });
  const line = (offset: number) => {
    const bytes = Array.from(payload.subarray(offset, offset + 16), (byte) => byte.toString(16).padStart(2, '0'));
    return `${offset.toString(16).padStart(8, '0')}  ${bytes.slice(0, 8).join(' ')}  ${bytes.slice(8).join(' ')}`;
  };
  await expect(dump).toContainText(line(0));

  // Scrolling to the end fetches the last page only: its rows appear without the payload being loaded whole.
  await dump.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(dump).toContainText(line(size - 16));
  // A jump into the middle, past the head that came with the message.
  await details.getByLabel('Go to offset (hex)').fill('500000');
  await details.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(dump).toContainText(line(0x500000));
  await showSections(page, 'Payload content');
  await page.screenshot({ path: testInfo.outputPath('big-hex-dark.png') });

  // Base64 pages the same way; its rows join into the payload's Base64.
  await details.getByLabel('View as').selectOption('base64');
  const base64 = details.getByRole('region', { name: 'Payload content' });
  await expect(base64).toContainText(payload.subarray(0, 57 * 3).toString('base64'));
  await base64.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const lastRowStart = Math.floor((size - 1) / 57) * 57;
  await expect(base64).toContainText(payload.subarray(lastRowStart).toString('base64'));

  // The text view says it shows a part, and loads the rest only when asked.
  await details.getByLabel('View as').selectOption('text');
  await expect(details.getByRole('note')).toContainText('Showing the first 256.0 KiB of 10.0 MiB.');
  await expect(details.getByRole('button', { name: 'Load all 10.0 MiB' })).toBeVisible();
});

test('a large JSON payload loads whole on request and keeps integers beyond 2^53 exact', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'json/#', 1);
  const items = Array.from({ length: 20_000 }, (_, index) => `{"n":${index},"label":"item ${index}"}`);
  const text = `{"id":12345678901234567890,"items":[${items.join(',')}],"last":"the end"}`;
  expect(text.length).toBeGreaterThan(256 * 1024);
  await publishFile(broker.port, 'json/large', Buffer.from(text));

  await openMessage(page, /json\/large/);
  const details = page.getByRole('region', { name: 'Message details' });
  await expect(details.getByLabel('View as')).toHaveValue('json');
  await expect(details.getByRole('note')).toContainText(`JSON needs the whole payload; only the first 256.0 KiB of ${(text.length / 1024).toFixed(1)} KiB is loaded.`);
  await details.getByRole('button', { name: `Load all ${(text.length / 1024).toFixed(1)} KiB` }).click();
  const json = details.getByRole('region', { name: 'Payload content' });
  await expect(json).toContainText('"id": 12345678901234567890,');
  await expect(details.getByRole('note')).toHaveCount(0);
  await showSections(page, 'Payload content');
  await page.screenshot({ path: testInfo.outputPath('large-json-light.png') });
});

test('diffs two JSON messages on a topic in Monaco’s diff editor, and a pinned one', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'diff/#', 1);
  const publish = (topic: string, message: string) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-q', '1', '-m', message]);
  await publish('diff/a', '{"temp":20.5,"mode":"eco","fan":1}');
  await publish('diff/other', 'unrelated');
  await publish('diff/a', '{"temp":22.0,"mode":"eco","fan":3}');

  await openMessage(page, /diff\/a.*22\.0/);
  const details = page.getByRole('region', { name: 'Message details' });
  await details.getByRole('tab', { name: 'Diff' }).click();
  const diff = details.getByRole('region', { name: 'Payload differences' });
  await expect(diff).toContainText('"temp": 20.5,');
  await expect(diff).toContainText('"temp": 22.0,');
  await expect(diff).toContainText('"fan": 1');
  await expect(diff).toContainText('"fan": 3');
  await expect(details).toContainText(/Left: #1 diff\/a/);
  await showSections(page, 'Payload differences');
  await page.screenshot({ path: testInfo.outputPath('diff-dark.png') });

  // Any chosen message: by its number.
  await details.getByLabel('Compare with message').fill('2');
  await details.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(diff).toContainText('unrelated');
  await expect(details).toContainText(/Left: #2 diff\/other/);

  // Or pinned, then compared from another message.
  await openMessage(page, /diff\/other/);
  await details.getByRole('button', { name: 'Pin #2 for comparing' }).click();
  await openMessage(page, /diff\/a.*20\.5/);
  await expect(details.getByRole('tab', { name: 'Diff' })).toHaveAttribute('aria-selected', 'true');
  await expect(details).toContainText(/Left: #2 diff\/other/);
  await expect(diff).toContainText('"temp": 20.5,');

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await details.getByRole('button', { name: 'Compare with previous on topic' }).click();
  await openMessage(page, /diff\/a.*22\.0/);
  await expect(diff).toContainText('"temp": 20.5,');
  await showSections(page, 'Payload differences');
  await page.screenshot({ path: testInfo.outputPath('diff-light.png') });
});

test('shows MQTT 5 properties, and the copied mosquitto_pub command republishes the message exactly', async ({ page, context, app, broker }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(app.url);
  await connectTo(page, broker.port, { version: '5.0' });
  await subscribe(page, 'v5/#', 1);
  await run('mosquitto_pub', [
    ...['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', "v5/it's here", '-q', '1', '-m', `{"quote":"it's"}`],
    ...['-D', 'publish', 'content-type', 'application/json'],
    ...['-D', 'publish', 'payload-format-indicator', '1'],
    ...['-D', 'publish', 'response-topic', 'v5/reply'],
    ...['-D', 'publish', 'correlation-data', 'req-1'],
    ...['-D', 'publish', 'user-property', 'site', 'north'],
    ...['-D', 'publish', 'user-property', 'site', 'south'],
  ]);
  await openMessage(page, /v5\/it's here/);
  const details = page.getByRole('region', { name: 'Message details' });
  await details.getByRole('tab', { name: /^Properties/ }).click();
  const properties = details.getByRole('tabpanel');
  await expect(properties).toContainText('Content typeapplication/json');
  await expect(properties).toContainText('Payload format indicator1 (UTF-8 text)');
  await expect(properties).toContainText('Response topicv5/reply');
  await expect(properties).toContainText('Correlation data (hex)72 65 71 2d 31');
  const userProperties = properties.getByRole('table', { name: /User properties/ });
  await expect(userProperties.getByRole('row')).toHaveText(['NameValue', 'sitenorth', 'sitesouth']);
  await userProperties.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('properties-light.png') });

  await details.getByRole('button', { name: 'Copy topic' }).click();
  await expect(details.getByRole('status')).toHaveText('Copied the topic.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("v5/it's here");
  await details.getByRole('button', { name: 'Copy payload' }).click();
  await expect(details.getByRole('status')).toHaveText('Copied the payload.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`{"quote":"it's"}`);
  await details.getByRole('button', { name: 'Copy as mosquitto_pub' }).click();
  await expect(details.getByRole('status')).toHaveText('Copied the mosquitto_pub command.');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain(`-V mqttv5 -t 'v5/it'\\''s here' -q 1`);

  // The command, run by a shell, publishes the same message with the same properties again.
  await run('sh', ['-c', command]);
  const rows = page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /v5\/it's here/ });
  await expect(rows).toHaveCount(2);
  await rows.last().click();
  await expect(details.getByRole('heading', { name: /#2/ })).toBeVisible();
  await expect(properties).toContainText('Correlation data (hex)72 65 71 2d 31');
  await expect(properties.getByRole('table', { name: /User properties/ }).getByRole('row')).toHaveText(['NameValue', 'sitenorth', 'sitesouth']);
});

test('a large non-UTF-8 text shows its invalid bytes as U+FFFD, not the character the first slice cuts, and copies byte-exact', async ({ page, context, app, broker }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'latin/#', 1);
  // "a", a stray 0xff, "b", then two-byte "é"s from offset 3: the 256 KiB head ends in the middle of one.
  const payload = Buffer.concat([Buffer.from([0x61, 0xff, 0x62]), Buffer.from('é'.repeat(150_000)), Buffer.from([0xc3])]);
  expect(payload[256 * 1024 - 1]).toBe(0xc3);
  await publishFile(broker.port, 'latin/text', payload);

  await openMessage(page, /latin\/text/);
  const details = page.getByRole('region', { name: 'Message details' });
  await details.getByLabel('View as').selectOption('text');
  await expect(details.getByRole('note')).toContainText('Showing the first 256.0 KiB of 293.0 KiB.');
  await expect(details).toContainText('1 invalid UTF-8 sequence, each shown as \uFFFD, at byte offset 1.');
  await expect(details.getByLabel('Payload content')).toContainText('a\uFFFDbéééé');
  await details.getByRole('button', { name: 'Load all 293.0 KiB' }).click();
  // Whole, the payload ends in a cut character too: now a real one, at the last byte.
  await expect(details).toContainText(`2 invalid UTF-8 sequences, each shown as \uFFFD, at byte offsets 1, ${payload.length - 1}.`);

  await details.getByLabel('View as').selectOption('hex');
  await expect(details.getByLabel('Payload content')).toContainText('00000000  61 ff 62 c3 a9 c3 a9');
  await details.getByRole('button', { name: 'Copy payload' }).click();
  await expect(details.getByRole('status')).toHaveText('Copied the payload as Base64: it is not UTF-8 text.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(payload.toString('base64'));
});
