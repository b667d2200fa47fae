import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo } from './ui-actions';

const run = promisify(execFile);

/** Types over the whole editor's text the way a user does: select all, then type, no delete first. */
async function typeOverSelection(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Payload' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('what is typed over a selection in the payload editor is exactly what a subscriber receives, in JSON and plain text', async ({ page, app, broker }) => {
  const prefix = `typed-${Date.now()}`;
  // A retained probe tells when mosquitto_sub's subscription is in place: it arrives first.
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/probe`, '-r', '-m', 'ready']);
  const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/#`, '-v', '-q', '1', '-C', '4']);
  let received = '';
  subscriber.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
  try {
    await expect.poll(() => received, { timeout: 10_000 }).toContain(`${prefix}/probe ready`);
    await page.goto(app.url);
    await connectTo(page, broker.port);
    const cases = [
      { format: 'json', topic: `${prefix}/json`, text: '{"on":true}' },
      { format: 'plaintext', topic: `${prefix}/markup`, text: '<b>hi</b>' },
      { format: 'plaintext', topic: `${prefix}/quoted`, text: '"quoted"' },
    ];
    for (const { format, topic, text } of cases) {
      await page.getByLabel('Topic', { exact: true }).fill(topic);
      await page.getByLabel('Publish QoS').selectOption('1');
      await page.getByLabel('Payload format').selectOption(format);
      await typeOverSelection(page, text);
      await expect(page.getByRole('alert').filter({ hasText: 'not valid JSON' })).toHaveCount(0);
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect(page.getByRole('status', { name: 'Publish result' })).toContainText(`${topic}: Acknowledged with PUBACK`);
    }
    await expect.poll(() => received.split('\n').filter(Boolean), { timeout: 10_000 }).toEqual([
      `${prefix}/probe ready`,
      `${prefix}/json {"on":true}`,
      `${prefix}/markup <b>hi</b>`,
      `${prefix}/quoted "quoted"`,
    ]);
  } finally {
    subscriber.kill();
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', `${prefix}/probe`, '-r', '-n']);
  }
});
