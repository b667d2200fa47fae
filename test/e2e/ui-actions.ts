import { spawn } from 'node:child_process';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from '@playwright/test';
import { catalogs, type Locale } from '../../shared/i18n';

/** Picks a language with the switch beside the theme button; its name is "Language" or "语言". */
export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** Creates a connection through the form and waits until the status says Connected. */
export async function connectTo(page: Page, port: number, options: { name?: string; version?: '5.0' | '3.1.1' } = {}): Promise<void> {
  await page.getByRole('button', { name: 'New connection' }).click();
  if (options.name) await page.getByLabel('Name', { exact: true }).fill(options.name);
  if (options.version) await page.getByLabel('MQTT version').selectOption(options.version);
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
}

export async function subscribe(page: Page, filter: string, qos = 0): Promise<void> {
  await page.getByLabel('Topic filter').fill(filter);
  await page.getByLabel('Subscription QoS').selectOption(String(qos));
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByRole('listitem', { name: `Subscription ${filter}` })).toContainText(`granted QoS ${qos}`);
}

/** Opens the Built-in broker page, sets the MQTT port, starts the broker and waits until it runs. */
export async function startBuiltInBroker(page: Page, port: number): Promise<void> {
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await page.getByLabel('MQTT port').fill(String(port));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Start broker' }).click();
  await expect(page.getByRole('status', { name: 'Broker status' })).toHaveText(/Running/);
}

/** Publishes from the Publish panel: the payload typed into its editor over whatever it held. */
export async function publishFromUi(page: Page, topic: string, qos: string, payload: string): Promise<void> {
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByLabel('Publish QoS').selectOption(qos);
  const editor = page.getByRole('textbox', { name: 'Payload' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(payload);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
}

/** Screenshots of the page in the dark and then the light theme, into the test's output folder; in either language. */
export async function shootBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    const key = theme === 'dark' ? 'app.theme.toDark' : 'app.theme.toLight';
    const toggle = page.getByRole('button', { name: new RegExp(`^(${catalogs.en[key]}|${catalogs['zh-CN'][key]})$`) });
    if (await toggle.isVisible()) await toggle.click();
    await page.screenshot({ path: testInfo.outputPath(`${name}-${theme}.png`) });
  }
}

/** A mosquitto_sub that has its SUBACK, collecting "topic payload" lines until it has `count`. */
export async function subscriber(port: number, filter: string, count: number): Promise<{ lines: () => string[]; done: Promise<void> }> {
  // Line-buffered: a pipe would hold its debug lines (the SUBACK) until it exits.
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(port), '-t', filter, '-q', '1', '-v', '-d', '-C', String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output.includes('received SUBACK'), { timeout: 10_000 }).toBe(true);
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { lines: () => output.split('\n').filter((line) => line.startsWith(filter.replace('#', ''))), done };
}
