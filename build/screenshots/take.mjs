// Takes the README screenshots (main and lesson, each dark and light, in English and in Chinese) by driving the real app like a user:
// its own mosquitto, the built web app, headless chromium. Run from the repository root AFTER
// `npm run -s build` (it starts dist/electron/launch.cjs, which that build writes):
//
//   node build/screenshots/take.mjs
//
// Needs mosquitto and mosquitto_pub on PATH and chromium at /usr/bin/chromium.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const launcher = join(root, 'dist', 'electron', 'launch.cjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startMosquitto(dir) {
  const port = await freePort();
  // Started as root, mosquitto drops to its own user, which must still read the config.
  chmodSync(dir, 0o755);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await waitFor(`mosquitto on ${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${output}`);
    return portOpen(port);
  });
  return { child, port };
}

async function startApp(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, [launcher, '--web', '--port', String(port), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let url;
  await waitFor('the app to print its URL', () => {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${output}`);
    url = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)?.[1];
    return url !== undefined;
  });
  return { child, url };
}

async function publish(port, topic, message, { qos = 1, retain = false } = {}) {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', String(qos), '-m', message];
  if (retain) args.push('-r');
  await run('mosquitto_pub', args);
}

/**
 * Opens tree nodes with the keyboard: a click would also filter the message list to the node.
 * Each name is found among the rows shown at that moment, in the order given.
 */
async function expandTopics(page, names) {
  const tree = page.getByRole('tree', { name: 'Topics' });
  await tree.focus();
  for (const name of names) {
    const labels = await tree.getByRole('treeitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    const index = labels.indexOf(name);
    if (index < 0) throw new Error(`No topic tree row ${name} among ${labels.join(', ')}`);
    await page.keyboard.press('Home');
    for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const item = tree.getByRole('treeitem', { name, exact: true });
    await waitFor(`topic ${name} to open`, async () => (await item.getAttribute('aria-expanded')) === 'true');
  }
}

/**
 * Drags the bar above the lower pane until that pane is `height` px tall. At 1440x860 the default
 * 380 px leaves the list 199 px, whose top row is cut off; 399 px leaves it six whole rows of 30 px.
 */
async function resizeLowerPane(page, height) {
  const splitter = page.getByRole('separator', { name: 'Resize the message list and the pane below' });
  const now = Number(await splitter.getAttribute('aria-valuenow'));
  const box = await splitter.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - (height - now), { steps: 4 });
  await page.mouse.up();
  await waitFor(`the lower pane at ${height} px`, async () => Number(await splitter.getAttribute('aria-valuenow')) === height);
}

async function drive(page, brokerPort) {
  const connectionStatus = page.getByRole('status', { name: 'Connection status' });

  // A saved profile that is not connected, so the sidebar shows more than one kind of entry.
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Factory gateway (TLS)');
  await page.getByLabel('Transport').selectOption('mqtts');
  await page.getByLabel('Host', { exact: true }).fill('gateway.factory.example');
  await page.getByLabel('Port', { exact: true }).fill('8883');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Factory gateway (TLS)', level: 2 }).waitFor();

  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Bench mosquitto');
  await page.getByLabel('MQTT version').selectOption('5');
  await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(brokerPort));
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await waitFor('Connected', async () => /^Connected/.test((await connectionStatus.textContent()) ?? ''));

  await resizeLowerPane(page, 399);

  for (const filter of ['sensors/#', 'lab/#']) {
    await page.getByLabel('Topic filter').fill(filter);
    await page.getByLabel('Subscription QoS').selectOption('2');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.getByRole('listitem', { name: `Subscription ${filter}` }).filter({ hasText: 'granted QoS' }).waitFor();
  }

  await page.getByRole('banner').getByRole('button', { name: 'Record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start recording' });
  await dialog.getByRole('button', { name: 'Start recording' }).click();
  const bar = page.getByRole('status', { name: 'Recording' });
  await bar.waitFor();

  const readings = [21.4, 19.8, 22.3, 21.6, 19.9, 22.6];
  for (const [index, celsius] of readings.entries()) {
    const room = index % 3;
    await publish(brokerPort, `sensors/room${room}/temperature`, JSON.stringify({ celsius, humidity: 40 + room * 3 + (index % 2) }), { qos: 2 });
  }
  await publish(brokerPort, 'lab/status', 'online', { retain: true });
  const config = { interval: 30, mode: 'eco', thresholds: { high: 28, low: 16 } };
  await publish(brokerPort, 'lab/device/42/config', JSON.stringify(config));

  // One message from the publisher, typed as a user would: what is typed is what is sent (the editor
  // adds no closing brace or quote of its own).
  await page.getByLabel('Topic', { exact: true }).fill('lab/device/42/cmd');
  await page.getByLabel('Publish QoS').selectOption('1');
  const editor = page.getByRole('textbox', { name: 'Payload' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"msg": "hello"');
  await page.keyboard.press('Enter');
  await page.keyboard.type('}');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = page.getByRole('status', { name: 'Publish result' });
  await waitFor('the PUBACK', async () => /Acknowledged/.test((await result.textContent()) ?? ''));

  // Six readings, the status, the config, and the command both out and back in.
  const recorded = async () => Number.parseInt((await bar.getByLabel('Messages recorded').textContent()) ?? '', 10);
  await waitFor('the recording to count the messages', async () => (await recorded()) >= 10);

  await expandTopics(page, ['lab', 'device', '42', 'sensors']);

  const messages = page.getByRole('listbox', { name: 'Messages' });
  await messages.getByRole('option', { name: /lab\/device\/42\/config/ }).click();
  await page.getByRole('region', { name: 'Message details' }).getByLabel('Payload content').filter({ hasText: '"thresholds"' }).waitFor();
  return bar;
}

/** The theme buttons' names in English and in Chinese (app.ts of each language in shared/i18n/catalog). */
const themeButton = {
  dark: /^(Switch to dark theme|切换到深色主题)$/,
  light: /^(Switch to light theme|切换到浅色主题)$/,
};

/** The language switch beside the theme button; the page rewords itself without a reload. */
async function switchLanguage(page, locale) {
  await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(locale);
  await waitFor(`the page in ${locale}`, async () => (await page.locator('html').getAttribute('lang')) === locale);
}

async function shoot(page, name = 'main') {
  for (const theme of ['dark', 'light']) {
    const toggle = page.getByRole('button', { name: themeButton[theme] });
    if (await toggle.isVisible()) await toggle.click();
    await page.mouse.move(0, 0);
    // Let the elapsed counter and the theme transition settle.
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(here, `${name}-${theme}.png`) });
  }
}

/** The QoS 1 lesson played through on the Stage, as a room would see it. */
async function shootLesson(page) {
  await page.getByRole('button', { name: /^Welcome/ }).click();
  await page.getByRole('list', { name: 'Lessons' }).getByRole('button', { name: 'Start lesson QoS 1, at least once' }).click();
  await page.getByRole('region', { name: 'Lesson stage' }).waitFor();
  await page.getByRole('button', { name: '▶ Play' }).click();
  const lastStep = page.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: /^Step 4:/ });
  await waitFor('the lesson to finish', async () => /done/.test((await lastStep.textContent()) ?? ''), 60_000);
  await shoot(page, 'lesson');
  // The same finished lesson, reworded: narration, claims and controls in Chinese.
  await switchLanguage(page, 'zh-CN');
  await shoot(page, 'lesson-zh-CN');
  await switchLanguage(page, 'en');
  await page.getByRole('button', { name: 'Close lesson' }).click();
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'mqtt-lab-screenshots-'));
  let broker;
  let app;
  let browser;
  // Ctrl+C must not leave mosquitto or the app running on their ports.
  const interrupted = () => {
    app?.child.kill('SIGKILL');
    broker?.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    broker = await startMosquitto(work);
    app = await startApp(join(work, 'data'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    page.setDefaultTimeout(15_000);
    await page.goto(app.url);
    const bar = await drive(page, broker.port);
    await shoot(page);
    await switchLanguage(page, 'zh-CN');
    await shoot(page, 'main-zh-CN');
    await switchLanguage(page, 'en');
    await bar.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Record' }).waitFor();
    await shootLesson(page);
    console.log(`Wrote ${join(here, 'main-dark.png')}, main-light.png, main-zh-CN-dark.png, main-zh-CN-light.png, lesson-dark.png, lesson-light.png, lesson-zh-CN-dark.png and lesson-zh-CN-light.png`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stop(app?.child);
    await stop(broker?.child);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
