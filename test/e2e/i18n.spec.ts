import { catalogs, translator, type MessageKey } from '../../shared/i18n';
import { startWebApp } from '../helpers/start-app';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';
import { shootBothThemes, switchLanguage } from './ui-actions';
import { nameIn, startIn } from './i18n-names';
import { clippedText } from './overflow';

const zh = (key: MessageKey) => catalogs['zh-CN'][key];
/** A control's Chinese name, from the English name the other tests find it by. */
const 中 = (english: string) => nameIn('zh-CN', english);

test('the language follows the browser at first, and the switch changes it at once and survives a restart', async ({ browser }) => {
  const dataDir = makeTempDir();
  try {
    let app = await startWebApp(dataDir);
    // A browser set to Chinese opens in Chinese without anyone choosing it.
    const chinese = await browser.newContext({ locale: 'zh-CN' });
    const page = await chinese.newPage();
    await page.goto(app.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    await expect(page.getByRole('button', { name: new RegExp(`^(${zh('app.theme.toLight')}|${zh('app.theme.toDark')})$`) })).toBeVisible();

    // The switch rewords the page without a reload: the page's own object survives.
    await page.evaluate(() => ((window as unknown as { beforeSwitch: number }).beforeSwitch = 42));
    await switchLanguage(page, 'en');
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    await expect(page.getByRole('button', { name: /^Switch to (light|dark) theme$/ })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { beforeSwitch?: number }).beforeSwitch)).toBe(42);
    await switchLanguage(page, 'zh-CN');
    await chinese.close();
    await app.stop();

    // Restarted on the same data, in a browser that prefers English and has never seen this origin:
    // the choice was kept by the app, not by the browser.
    app = await startWebApp(dataDir);
    const english = await browser.newContext({ locale: 'en-US' });
    try {
      const again = await english.newPage();
      await again.goto(app.url);
      await expect(again.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(again.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
      await switchLanguage(again, 'en');
      await expect(again.getByRole('combobox', { name: 'Language' })).toBeVisible();
    } finally {
      await english.close();
      await app.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
});

test('npm start prints in the language of LANG, and its address is still found', async () => {
  const app = await startWebApp(undefined, { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
  try {
    expect(app.output()).toContain('正以网页模式运行。');
    expect(app.output()).toContain(`打开 ${app.url}`);
  } finally {
    await app.stop();
  }
});

test('in 中文: connect, subscribe, publish, the broker page and a lesson, every control found by its Chinese name; then back in English', async ({ page, app, broker }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await switchLanguage(page, 'zh-CN');
  const clipped: string[] = [];
  const look = async (where: string) => {
    clipped.push(...(await clippedText(page)).map((problem) => `${where}: ${problem}`));
    await shootBothThemes(page, testInfo, where);
  };
  await look('welcome-zh-CN');

  // Connect.
  await page.getByRole('button', { name: 中('New connection') }).click();
  await page.getByLabel(中('Name')).fill('本地 mosquitto');
  await page.getByLabel(中('Port')).fill(String(broker.port));
  await look('connection-form-zh-CN');
  await page.getByRole('button', { name: 中('Save and connect') }).click();
  const status = page.getByRole('status', { name: 中('Connection status') });
  await expect(status).toHaveText(startIn('zh-CN', 'Connected'));

  // Subscribe.
  await page.getByLabel(中('Topic filter')).fill('厨房/#');
  await page.getByLabel(中('Subscription QoS')).selectOption('1');
  await page.getByRole('button', { name: 中('Subscribe') }).click();
  const subscription = page.getByRole('listitem', { name: translator('zh-CN')('subscriptions.item.label', { filter: '厨房/#' }) });
  await expect(subscription).toContainText(translator('zh-CN')('subscriptions.grant.granted', { qos: 1 }));

  // Publish, and see it arrive.
  // 主题 names both the Topic field and the Topics tree (Chinese has no plural): the role tells them apart.
  await page.getByRole('textbox', { name: 中('Topic') }).fill('厨房/温度');
  await page.getByLabel(中('Publish QoS')).selectOption('1');
  const editor = page.getByRole('textbox', { name: 中('Payload') });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{"温度": 21.5}');
  await page.getByRole('button', { name: 中('Publish') }).click();
  await expect(page.getByRole('status', { name: 中('Publish result') })).toContainText('PUBACK');
  await expect(page.getByRole('listbox', { name: 中('Messages') }).getByRole('option', { name: /厨房\/温度/ })).toHaveCount(2); // sent, and received back
  await look('workspace-zh-CN');

  // The broker page.
  await page.getByRole('button', { name: new RegExp(`^${zh('connections.sidebar.broker')}`) }).click();
  await expect(page.getByRole('button', { name: 中('Start broker') })).toBeVisible();
  await look('broker-zh-CN');

  // A lesson, played through.
  await page.getByRole('button', { name: new RegExp(`^${zh('connections.sidebar.welcome')}`) }).click();
  const lessons = page.getByRole('list', { name: zh('lessons.welcome.listLabel') });
  await lessons.getByRole('button', { name: translator('zh-CN')('lessons.welcome.startLabel', { title: 'QoS 0：最多一次' }) }).click();
  const stage = page.getByRole('region', { name: zh('lessons.stage.label') });
  await expect(stage.getByRole('heading', { name: 'QoS 0：最多一次' })).toBeVisible();
  await page.getByRole('toolbar', { name: zh('lessons.toolbar.label') }).getByRole('button', { name: zh('lessons.toolbar.next') }).click();
  const steps = page.getByRole('list', { name: zh('lessons.steps.label') });
  await expect(steps.getByRole('listitem').first()).toContainText(zh('lessons.steps.status.done'), { timeout: 30_000 });
  await expect(steps.getByRole('listitem').first()).toContainText('✓');
  await look('lesson-zh-CN');

  expect(clipped).toEqual([]);

  // And back: the same page, every name English again.
  await switchLanguage(page, 'en');
  await expect(page.getByRole('region', { name: 'Lesson stage' })).toBeVisible();
  await page.getByRole('button', { name: 'Close lesson' }).click();
  await expect(page.getByRole('button', { name: 'New connection' })).toBeVisible();
  expect(await clippedText(page)).toEqual([]);
});
