import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LessonInput } from '../../shared/lessons/lesson-format';
import { freePort, portIsClosed } from '../helpers/free-port';
import { expect, test } from './fixtures';
import { catalogs } from '../../shared/i18n';
import { shootBothThemes, switchLanguage } from './ui-actions';

let folder: string;
test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mqtt-lab-lessons-'));
});
test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A teacher's lesson: the Phone listens for the Sensor's will; a try-it button cuts the Sensor. */
const willLesson: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'will-on-cut',
  title: 'A cut fires the will (test)',
  summary: 'The Sensor leaves a will; cutting its connection makes the broker publish it.',
  actors: [
    { name: 'Sensor', keepaliveSeconds: 30, will: { topic: 'status/sensor', payload: 'offline', qos: 1 } },
    { name: 'Phone', keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Connect and listen for the will',
      narration: 'The Sensor connects with a will on status/sensor; the Phone listens on status/#.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'status/#', qos: 1 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 }],
      tryIt: [
        {
          label: 'Cut the Sensor',
          actions: [
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'received', actor: 'Phone', topic: 'status/sensor' }, timeoutSeconds: 5 },
          ],
          expect: [{ kind: 'received', actor: 'Phone', topic: 'status/sensor', payload: 'offline', count: 1 }],
        },
      ],
    },
  ],
};

async function startLesson(page: Page, title: string): Promise<void> {
  await page.getByRole('list', { name: 'Lessons' }).getByRole('button', { name: `Start lesson ${title}` }).click();
  await expect(page.getByRole('region', { name: 'Lesson stage' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson stage' }).getByRole('heading', { name: title })).toBeVisible();
}

function lessonPort(text: string | null): number {
  const port = Number(/:(\d+)\s*$/.exec(text ?? '')?.[1]);
  expect(port).toBeGreaterThan(0);
  return port;
}

test('plays the QoS 1 lesson through: the DUP arrow, its ✓ check, the packet inspector and the SVG and PNG export', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await startLesson(page, 'QoS 1, at least once');
  await shootBothThemes(page, testInfo, 'stage-ready');
  await page.getByRole('button', { name: '▶ Play' }).click();
  const steps = page.getByRole('list', { name: 'Steps' });
  await expect(steps.getByRole('listitem', { name: /^Step 4:/ })).toContainText('done', { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Checks of step 4' })).toContainText(/✓ .*/);
  await expect(steps).not.toContainText('✗');

  const dupArrow = page.getByRole('button', { name: /^PUBLISH from Sensor to broker: PUBLISH · id \d+ · QoS 1 · DUP/ });
  await expect(dupArrow).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^PUBACK from broker to Sensor: .*dropped/ })).toHaveCount(1);
  // A check lights the packets it read: the resend with DUP is one of them.
  await page.getByRole('list', { name: 'Checks of step 4' }).getByRole('listitem').first().focus();
  await expect(dupArrow).toHaveClass(/stage-arrow-highlighted/);
  await dupArrow.click();
  const inspector = page.getByRole('dialog', { name: 'Packet PUBLISH' });
  await expect(inspector).toContainText('DUP');
  await expect(inspector.getByRole('group', { name: 'Packet bytes' })).toBeVisible();
  await shootBothThemes(page, testInfo, 'stage-inspector-1280');
  await inspector.getByRole('button', { name: 'Close packet' }).click();

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export SVG' }).click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('qos1-at-least-once-diagram.svg');
  const svg = await readFile((await svgFile.path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg.match(/class="lane"/g)).toHaveLength(3);
  for (const lane of ['Sensor', 'Broker', 'Phone']) expect(svg).toContain(`>${lane}</text>`);
  expect(svg).toMatch(/PUBLISH · id \d+ · QoS 1 · DUP/);
  expect(svg.match(/class="arrow"/g)?.length).toBeGreaterThan(10);
  // The file opens as an image: the browser draws it with its lanes' size.
  const opened = await page.evaluate(async (text) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await image.decode();
    return { width: image.naturalWidth, height: image.naturalHeight };
  }, svg);
  expect(opened.width).toBeGreaterThan(500);

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const png = await readFile((await (await pngDownload).path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Larger type' }).click();
  await expect(page.getByRole('button', { name: 'Larger type' })).toHaveAttribute('aria-pressed', 'true');
  await shootBothThemes(page, testInfo, 'stage-projector-1920');
});

test('Try it yourself: cutting the Sensor fires its will, from a lesson file loaded from disk; a broken file says which step and field', async ({ page, app }, testInfo) => {
  const broken = join(folder, 'broken.json');
  const bad = { ...willLesson, steps: [{ ...willLesson.steps[0], expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBAK' }] }] };
  await writeFile(broken, JSON.stringify(bad));
  const good = join(folder, 'will.json');
  await writeFile(good, JSON.stringify(willLesson));
  await page.goto(app.url);

  await page.getByLabel('Open lesson file').setInputFiles(broken);
  const problems = page.getByRole('alert', { name: 'Lesson file problems' });
  await expect(problems).toContainText('broken.json is not a lesson this app can run (1 problem)');
  await expect(problems).toContainText('steps[0] "Connect and listen for the will" → expect[0].type: "SUBAK" is not a packet type');
  await shootBothThemes(page, testInfo, 'welcome-file-problems');

  // A built-in lesson exported is a file in the same format, that loads back.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export lesson QoS 1, at least once' }).click();
  const lessonFile = await exported;
  expect(lessonFile.suggestedFilename()).toMatch(/\.json$/);
  const lessonJson = JSON.parse(await readFile((await lessonFile.path())!, 'utf8')) as LessonInput;
  // Version 1 while its text is plain, 2 once it is given per language: both read back.
  expect(lessonJson).toMatchObject({ format: 'mqtt-lab-lesson', id: 'qos1-at-least-once' });
  expect([1, 2]).toContain(lessonJson.version);

  await page.getByLabel('Open lesson file').setInputFiles(good);
  const stage = page.getByRole('region', { name: 'Lesson stage' });
  await expect(stage.getByRole('heading', { name: 'A cut fires the will (test)' })).toBeVisible();
  // Slow motion holds each delivery at the broker; the checks wait for it.
  await page.getByLabel('Speed').selectOption('slow');
  await expect(page.getByLabel('Speed')).toHaveValue('slow');
  await page.getByRole('button', { name: 'Next step →' }).click();
  await expect(page.getByRole('list', { name: 'Checks of step 1' })).toContainText('✓');
  await page.getByRole('group', { name: 'Try it yourself, step 1' }).getByRole('button', { name: 'Cut the Sensor' }).click();
  await expect(page.getByRole('list', { name: 'Results of Cut the Sensor' })).toContainText(/✓ The Phone received the message "offline" on status\/sensor once/);
  // The will on the Phone's lane: PUBLISH from the broker on status/sensor.
  await expect(page.getByRole('button', { name: /^PUBLISH from broker to Phone: .*topic status\/sensor, payload offline/ })).toHaveCount(1);
  await shootBothThemes(page, testInfo, 'stage-will-try-it');
});

test('keyboard: → and Space run the next step, ← goes back, F fills the window and Esc leaves; closing leaves nothing running', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await startLesson(page, 'Publish/subscribe and topics');
  const port = lessonPort(await page.getByLabel('Lesson broker', { exact: true }).textContent());
  expect(await portIsClosed(port)).toBe(false);
  const steps = page.getByRole('list', { name: 'Steps' });
  const stage = page.getByRole('region', { name: 'Lesson stage' });
  await stage.focus();
  await page.keyboard.press('ArrowRight');
  await expect(steps.getByRole('listitem', { name: /^Step 1:/ })).toContainText('done');
  await page.keyboard.press(' ');
  await expect(steps.getByRole('listitem', { name: /^Step 2:/ })).toContainText('done');
  await page.keyboard.press('ArrowLeft');
  await expect(steps.getByRole('listitem', { name: /^Step 2:/ })).toContainText('not run yet');
  await expect(steps.getByRole('listitem', { name: /^Step 1:/ })).toContainText('done');
  await expect(page.getByRole('region', { name: 'Narration' })).toContainText('Step 2 of');
  await page.keyboard.press('ArrowRight');
  await expect(steps.getByRole('listitem', { name: /^Step 2:/ })).toContainText('done');
  await page.getByRole('button', { name: 'Restart from step 1' }).click();
  await expect(steps.getByRole('listitem', { name: /^Step 1:/ })).toContainText('not run yet');
  await expect(steps.getByRole('listitem', { name: /^Step 2:/ })).toContainText('not run yet');
  await expect(page.getByRole('button', { name: /^CONNECT from/ })).toHaveCount(0);

  // Not while typing in a field: the broker URL takes the arrow keys for itself.
  await page.getByLabel('Lesson broker target').selectOption('url');
  await page.getByLabel('Broker URL').fill('mqtt://x');
  await page.getByLabel('Broker URL').press('ArrowRight');
  await page.getByLabel('Broker URL').press(' ');
  await expect(steps.getByRole('listitem', { name: /^Step 1:/ })).toContainText('not run yet');
  await page.getByLabel('Lesson broker target').selectOption('built-in');

  await stage.focus();
  await page.keyboard.press('f');
  await expect(page.getByRole('button', { name: 'Full window' })).toHaveAttribute('aria-pressed', 'true');
  // The stage covers the whole window, the app bar and sidebar under it.
  expect(await stage.boundingBox()).toMatchObject({ x: 0, y: 0, width: page.viewportSize()?.width, height: page.viewportSize()?.height });
  await page.screenshot({ path: testInfo.outputPath('stage-full-window.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Full window' })).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('button', { name: 'Close lesson' }).click();
  await expect(page.getByRole('region', { name: 'Learn MQTT' })).toBeVisible();
  await expect.poll(() => portIsClosed(port)).toBe(true);
});

test('Try it now: one click starts the built-in broker, connects, subscribes to # and shows the first message', async ({ page, app }, testInfo) => {
  const port = await freePort();
  await page.goto(app.url);
  await shootBothThemes(page, testInfo, 'welcome');
  // A free port for the user's broker, so this test never meets another broker on 1883.
  await page.getByRole('button', { name: /^Built-in broker/ }).click();
  await page.getByLabel('MQTT port').fill(String(port));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: /^Welcome/ }).click();
  await page.getByRole('button', { name: 'Try it now', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/);
  await expect(page.getByRole('listitem', { name: 'Subscription #' })).toContainText('granted QoS 0');
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /mqtt-lab\/hello/ })).toHaveCount(2);
  expect(await portIsClosed(port)).toBe(false);
});

test('against a broker URL (mosquitto): the steps that need the built-in broker are skipped with the reason, and the stage says how many claims it meets', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await startLesson(page, 'QoS 1, at least once');
  await page.getByLabel('Lesson broker target').selectOption('url');
  await page.getByLabel('Broker URL').fill(`mqtt://127.0.0.1:${broker.port}`);
  await page.getByRole('button', { name: 'Start on this broker' }).click();
  await expect(page.getByLabel('Lesson broker', { exact: true })).toHaveText(`Broker mqtt://127.0.0.1:${broker.port}`);
  await page.getByRole('button', { name: '▶ Play' }).click();
  const steps = page.getByRole('list', { name: 'Steps' });
  await expect(steps.getByRole('listitem', { name: /^Step 4:/ })).toContainText('skipped', { timeout: 30_000 });
  await expect(steps.getByRole('listitem', { name: /^Step 3:/ })).toContainText(/built-in broker/);
  await expect(page.getByRole('status', { name: 'Claims met' })).toHaveText(/^This broker meets (\d+) of \1 claims checked so far/);
});

test('in Chinese: the welcome page, the stage, its controls and the checks speak zh-CN; back in English', async ({ page, app }, testInfo) => {
  test.setTimeout(90_000);
  const zh = catalogs['zh-CN'];
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: zh['lessons.welcome.title'] })).toBeVisible();
  await expect(page.getByRole('button', { name: zh['lessons.welcome.tryNow'], exact: true })).toBeVisible();
  await shootBothThemes(page, testInfo, 'welcome-zh-CN');
  // A broken file is explained in Chinese, naming the same step and field.
  const broken = join(folder, 'broken-zh.json');
  await writeFile(broken, JSON.stringify({ ...willLesson, steps: [{ ...willLesson.steps[0], expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBAK' }] }] }));
  await page.getByLabel(zh['lessons.welcome.openFileLabel']).setInputFiles(broken);
  const problems = page.getByRole('alert', { name: zh['lessons.welcome.problemsLabel'] });
  await expect(problems).toContainText('steps[0] "Connect and listen for the will" → expect[0].type: "SUBAK" 不是报文类型');
  await shootBothThemes(page, testInfo, 'welcome-file-problems-zh-CN');
  const lessons = page.getByRole('list', { name: zh['lessons.welcome.listLabel'] });
  await lessons.getByRole('button', { name: new RegExp(`^${zh['lessons.welcome.startLabel'].replace('{title}', '')}.*QoS 1`) }).first().click();
  const stage = page.getByRole('region', { name: zh['lessons.stage.label'] });
  await expect(stage).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: zh['lessons.toolbar.label'] });
  await expect(toolbar.getByRole('button', { name: zh['lessons.toolbar.exportSvg'] })).toBeVisible();
  await toolbar.getByRole('button', { name: zh['lessons.toolbar.next'] }).click();
  const steps = page.getByRole('list', { name: zh['lessons.steps.label'] });
  const step = (n: number) => steps.getByRole('listitem', { name: new RegExp(`^${zh['lessons.steps.stepLabel'].replace('{n}', String(n)).replace('{title}', '')}`) });
  await expect(step(1)).toContainText(zh['lessons.steps.status.done'], { timeout: 30_000 });
  // The first step's checks, worded by the engine in Chinese: "✓ … 向 … 发送了 …".
  await expect(page.getByRole('list', { name: zh['lessons.steps.checksLabel'].replace('{n}', '1') })).toContainText(/✓ .*(发送了|收到了|已连接)/);
  await toolbar.getByRole('button', { name: zh['lessons.toolbar.next'] }).click();
  await expect(step(2)).toContainText(zh['lessons.steps.status.done'], { timeout: 30_000 });
  await shootBothThemes(page, testInfo, 'stage-zh-CN');
  await switchLanguage(page, 'en');
  // The same results, reworded in English without running again.
  await expect(page.getByRole('list', { name: 'Checks of step 1' })).toContainText(/✓ The /);
  await shootBothThemes(page, testInfo, 'stage-en');
});
