import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { connectTo, shootBothThemes, subscribe, switchLanguage } from './ui-actions';

const run = promisify(execFile);

/** mosquitto_pub -f sends a file's bytes unchanged, which -m cannot do for binary payloads. */
async function publishBytes(port: number, topic: string, bytes: Uint8Array): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'mqtt-lab-payload-'));
  const file = join(directory, 'payload.bin');
  await writeFile(file, bytes);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-f', file]);
}

// {"temp": 21.5, "ok": true, "raw": h'00ff'} in CBOR.
const cbor = Buffer.from('a3 6474656d70 f94d60 626f6b f5 63726177 4200ff'.replace(/\s/g, ''), 'hex');
// Not UTF-8 (0xff, 0xfe, a cut 0xe2 0x82) and neither CBOR nor MessagePack as a whole; 21 bytes, so two hex lines.
const binary = Buffer.from('fffe 48656c6c6f 00 01 e282 20 776f726c64 21 7f 80 c1'.replace(/\s/g, ''), 'hex');

// Screenshots land in the test's output folder, for a person to look at both themes.
test('detects CBOR and non-UTF-8 binary payloads and switches between payload views', async ({ page, app, broker }, testInfo) => {
  // Start dark so the screenshots cover both themes.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'codec/#');
  await publishBytes(broker.port, 'codec/cbor', cbor);
  await publishBytes(broker.port, 'codec/binary', binary);

  const messages = page.getByRole('listbox', { name: 'Messages' });
  const details = page.getByRole('region', { name: 'Message details' });
  const viewSelect = details.getByLabel('View as');
  const payload = details.getByLabel('Payload content');

  await messages.getByRole('option', { name: /codec\/cbor/ }).click();
  await expect(viewSelect).toHaveValue('cbor');
  // Decoded to JSON in the read-only editor (its lines, as Monaco draws them, with folding).
  await expect(details.getByRole('region', { name: 'Payload content' })).toContainText('"temp": 21.5,');
  await expect(details.getByRole('region', { name: 'Payload content' })).toContainText('"$bytes": "00ff"');
  await expect(details.getByRole('textbox', { name: 'CBOR decoded to JSON, read-only' })).toBeAttached();
  await expect(details).toContainText('Shown as JSON: byte strings as {"$bytes": hex}');
  await payload.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('cbor-dark.png') });
  await viewSelect.selectOption('hex');
  await expect(payload).toContainText('00000000  a3 64 74 65 6d 70 f9 4d  60 62 6f 6b f5 63 72 61  |.dtemp.M`bok.cra|');
  await expect(payload).toContainText('00000010  77 42 00 ff');
  await viewSelect.selectOption('msgpack');
  await expect(details.getByRole('alert')).toContainText('Not MessagePack');

  await messages.getByRole('option', { name: /codec\/binary/ }).click();
  // Opening another message goes back to the view detected for it.
  await expect(viewSelect).toHaveValue('hex');
  await expect(payload).toContainText('00000000  ff fe 48 65 6c 6c 6f 00  01 e2 82 20 77 6f 72 6c  |..Hello.... worl|');
  await expect(payload).toContainText('00000010  64 21 7f 80 c1');
  await payload.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('binary-hex-dark.png') });
  await viewSelect.selectOption('text');
  await expect(payload).toHaveText('\uFFFD\uFFFDHello\u2400\u2401\uFFFD world!\u2421\uFFFD\uFFFD');
  await expect(details).toContainText('5 invalid UTF-8 sequences, each shown as \uFFFD, at byte offsets 0, 1, 9, 19, 20.');
  await page.screenshot({ path: testInfo.outputPath('binary-text-dark.png') });
  await viewSelect.selectOption('base64');
  await expect(payload).toHaveText(binary.toString('base64'));

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await viewSelect.selectOption('hex');
  await payload.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('binary-hex-light.png') });
  await messages.getByRole('option', { name: /codec\/cbor/ }).click();
  await expect(viewSelect).toHaveValue('cbor');
  await payload.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('cbor-light.png') });

  // In Chinese the view names and a view's refusal are worded from the catalogue too.
  const zh = catalogs['zh-CN'];
  await switchLanguage(page, 'zh-CN');
  const zhSelect = page.getByRole('combobox', { name: zh['messages.payload.viewAs'] });
  await expect(zhSelect).toContainText(zh['payload.viewName.hex']);
  await expect(zhSelect).toContainText(zh['payload.viewName.text']);
  await zhSelect.selectOption('msgpack');
  await expect(page.getByRole('alert').filter({ hasText: '不是 MessagePack：' })).toBeVisible();
  await zhSelect.selectOption('hex');
  await shootBothThemes(page, testInfo, 'hex-zh-CN');
  await switchLanguage(page, 'en');
  await expect(viewSelect).toBeVisible();
});
