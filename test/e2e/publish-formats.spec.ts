import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes } from './ui-actions';

const run = promisify(execFile);

test('publishes hex, Base64 and an empty payload as the bytes they stand for, and says what is wrong with bad hex', async ({ page, app, broker }, testInfo) => {
  const prefix = `formats-${Date.now()}`;
  // A retained probe tells when mosquitto_sub's subscription is in place: it arrives first.
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/probe`, '-r', '-m', 'ok']);
  // Topic, payload as hex, and its length: what crossed the wire, byte for byte.
  const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/#`, '-q', '1', '-C', '4', '-F', '%t %x %l']);
  let received = '';
  subscriber.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
  try {
    await expect.poll(() => received, { timeout: 10_000 }).toContain(`${prefix}/probe 6f6b 2`);
    await page.goto(app.url);
    await connectTo(page, broker.port);
    const result = page.getByRole('status', { name: 'Publish result' });

    await page.getByLabel('Topic', { exact: true }).fill(`${prefix}/bad`);
    await page.getByLabel('Payload format').selectOption('hex');
    await page.getByRole('textbox', { name: 'Payload' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('de ag');
    // Monaco keeps empty live regions of its own with the alert role: the panel's is the one with words.
    const alerts = page.getByRole('alert').filter({ hasText: /\S/ });
    await expect(alerts).toHaveCount(1);
    await expect(alerts).toContainText('"g" is not a hex digit');
    await shootBothThemes(page, testInfo, 'publish-bad-hex');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(result).toHaveText('Not published: the payload is not valid Hex (see under the editor).');

    const cases = [
      { format: 'hex', topic: `${prefix}/hex`, text: 'DE:AD:BE:EF' },
      { format: 'base64', topic: `${prefix}/base64`, text: 'aGk=' },
      { format: 'empty', topic: `${prefix}/empty`, text: undefined },
    ];
    for (const { format, topic, text } of cases) {
      await page.getByLabel('Topic', { exact: true }).fill(topic);
      await page.getByLabel('Publish QoS').selectOption('1');
      await page.getByLabel('Payload format').selectOption(format);
      if (text === undefined) {
        await expect(page.getByRole('textbox', { name: 'Payload' })).toHaveCount(0);
      } else {
        await page.getByRole('textbox', { name: 'Payload' }).focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(text);
      }
      await expect(alerts).toHaveCount(0);
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect(result).toContainText(`${topic}: Acknowledged with PUBACK`);
    }
    await expect.poll(() => received.split('\n').filter(Boolean), { timeout: 10_000 }).toEqual([
      `${prefix}/probe 6f6b 2`,
      `${prefix}/hex deadbeef 4`,
      `${prefix}/base64 6869 2`,
      `${prefix}/empty  0`,
    ]);
  } finally {
    subscriber.kill();
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/probe`, '-r', '-n']);
  }
});
