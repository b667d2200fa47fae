import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

function electronBinary(): string | undefined {
  try {
    const binary: unknown = require('electron');
    return typeof binary === 'string' ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

test('the desktop window opens, sandboxed, and talks to the core over IPC', async () => {
  test.skip(!binary, 'The Electron binary is not installed on this machine (optional dependency), so the desktop smoke test cannot run.');
  test.skip(!hasDisplay, 'No display for a desktop window.');
  const app = await electron.launch({ executablePath: binary!, args: [join(import.meta.dirname, '..', '..')] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'MQTT Lab' })).toBeVisible();
    await expect(window.getByText(/desktop · v/)).toBeVisible();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.isFrozen((globalThis as { mqttLab?: object }).mqttLab))).toBe(true);
  } finally {
    await app.close();
  }
});
