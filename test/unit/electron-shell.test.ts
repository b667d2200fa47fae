import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { createCore } from '../../electron/core/app-core';
import { attachElectronTransport } from '../../electron/ipc/electron-transport';
import { locateElectron, parseLaunchArgs } from '../../electron/launch-args';
import { createWindowOptions, isTrustedRendererUrl } from '../../electron/window-options';
import { ipcChannels } from '../../shared/bridge';

describe('the main window', () => {
  it('is isolated, sandboxed and without Node in the renderer', () => {
    const { webPreferences } = createWindowOptions('/app/preload.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trusts only its own app:// origin', () => {
    expect(isTrustedRendererUrl('app://mqtt-lab/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://mqtt-lab.evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/')).toBe(false);
    expect(isTrustedRendererUrl('file:///etc/passwd')).toBe(false);
    expect(isTrustedRendererUrl(undefined)).toBe(false);
  });
});

describe('the Electron IPC transport', () => {
  function wire() {
    const core = createCore({ mode: 'electron', version: '1.0.0' });
    let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) | undefined;
    const sent: unknown[] = [];
    attachElectronTransport(core, { handle: (_channel, listener) => (handler = listener) }, { send: (...args) => sent.push(args), isDestroyed: () => false });
    const invoke = (url: string | undefined, request: unknown) => handler!({ senderFrame: url === undefined ? null : { url } }, request);
    return { core, invoke, sent };
  }

  it('routes requests from the app window through the router', async () => {
    const { invoke } = wire();
    expect(await invoke('app://mqtt-lab/index.html', { channel: 'app.info', input: {} })).toEqual({ ok: true, value: { mode: 'electron', version: '1.0.0' } });
    expect(await invoke('app://mqtt-lab/index.html', { channel: 'connection.connect', input: {} })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses requests from any other frame', async () => {
    const { invoke } = wire();
    expect(await invoke('https://example.com/', { channel: 'app.info', input: {} })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke(undefined, { channel: 'app.info', input: {} })).toMatchObject({ ok: false });
  });

  it('forwards core events on the event channel', () => {
    const { core, sent } = wire();
    core.bus.emit('messages.cleared', { connectionId: 'c' });
    expect(sent).toEqual([[ipcChannels.event, { name: 'messages.cleared', payload: { connectionId: 'c' } }]]);
  });
});

describe('the launcher', () => {
  it('parses --web and --port', () => {
    expect(parseLaunchArgs([])).toEqual({ web: false, port: 0, help: false });
    expect(parseLaunchArgs(['--web', '--port', '8080'])).toEqual({ web: true, port: 8080, help: false });
    expect(parseLaunchArgs(['--port=9000'])).toMatchObject({ port: 9000 });
  });

  it('refuses a bad port or an unknown option with a message', () => {
    expect(() => parseLaunchArgs(['--port', 'abc'])).toThrow('--port needs a whole number from 0 to 65535, not "abc".');
    expect(() => parseLaunchArgs(['--port', '70000'])).toThrow('--port needs a whole number');
    expect(() => parseLaunchArgs(['--frobnicate'])).toThrow('Unknown option "--frobnicate".');
  });

  const linuxWithDisplay = { platform: 'linux', display: ':0', nodeVersion: 'v22.12.0' };

  it('finds the Electron binary when the package reports one and a display exists', () => {
    expect(locateElectron(() => '/x/electron', linuxWithDisplay)).toEqual({ ok: true, executable: '/x/electron' });
  });

  it('says why when the electron package is missing', () => {
    const missing = () => {
      throw new Error("Cannot find module 'electron'");
    };
    const result = locateElectron(missing, { platform: 'linux', display: ':0', nodeVersion: 'v20.20.2' });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('this is Node v20.20.2') });
  });

  it('says why when the binary download failed', () => {
    const broken = () => {
      throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
    };
    expect(locateElectron(broken, linuxWithDisplay)).toEqual({ ok: false, reason: 'Electron is installed but unusable: Electron failed to install correctly, please delete node_modules/electron and try installing again' });
  });

  it('says why when Linux has no display', () => {
    expect(locateElectron(() => '/x/electron', { platform: 'linux', nodeVersion: 'v22.12.0' })).toEqual({
      ok: false,
      reason: 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).',
    });
    expect(locateElectron(() => '/x/electron', { platform: 'darwin', nodeVersion: 'v22.12.0' })).toMatchObject({ ok: true });
  });
});
