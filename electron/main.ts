// The Electron shell: a window around the core. Everything that can run without Electron lives in
// core/, ipc/ and web/; this file only wires Electron's objects to them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, protocol, safeStorage } from 'electron';
import { contentSecurityPolicy } from '../shared/security/csp';
import { createCore } from './core/app-core';
import { SafeStorageSecretBox } from './core/profiles/safe-storage-secret-box';
import { attachElectronTransport } from './ipc/electron-transport';
import { dataDirFromElectronArgv } from './launch-args';
import { installProcessGuard } from './process-guard';
import { resolveStaticFile } from './static-files';
import { createWindowOptions, rendererOrigin, windowReadyMarker } from './window-options';

const rendererDir = join(__dirname, '..', 'renderer');

// Instead of Electron's modal error box and a half-dead app: log, and keep every other window and connection.
installProcessGuard({ name: 'main process', policy: 'survive' });

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// Defence in depth: no window may navigate away or open another, whatever the renderer does.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(async () => {
  protocol.handle('app', async (request) => {
    const file = resolveStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file.filePath);
      return new Response(body, { headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': contentSecurityPolicy } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  // safeStorage can be used only once the app is ready, which is why the core is built here.
  const dataDir = dataDirFromElectronArgv(process.argv) ?? app.getPath('userData');
  const core = createCore({ mode: 'electron', version: app.getVersion(), systemLocale: app.getLocale(), storage: { dataDir, secretBox: new SafeStorageSecretBox(safeStorage) } });
  const window = new BrowserWindow(createWindowOptions(join(__dirname, 'preload.cjs')));
  const detach = attachElectronTransport(core, ipcMain, window.webContents);
  window.once('ready-to-show', () => {
    window.show();
    process.stdout.write(`${windowReadyMarker}\n`);
  });
  app.on('window-all-closed', () => {
    detach();
    void core.close().finally(() => app.quit());
  });
  await window.loadURL(`${rendererOrigin}/index.html`);
});
