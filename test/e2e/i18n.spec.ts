import { catalogs, type MessageKey } from '../../shared/i18n';
import { startWebApp } from '../helpers/start-app';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';
import { shootBothThemes, switchLanguage } from './ui-actions';

const zh = (key: MessageKey) => catalogs['zh-CN'][key];

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
