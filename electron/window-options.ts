import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Kept apart from main.ts so a unit test can hold the security settings
 * to account on machines where Electron itself cannot run.
 */
export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'MQTT Lab',
    show: false,
    backgroundColor: '#14161a',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** The renderer is served from this privileged custom scheme rather than file://, so 'self' in the CSP means exactly our files. */
export const rendererOrigin = 'app://mqtt-lab';

export function isTrustedRendererUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    // WHATWG URL gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === rendererOrigin;
  } catch {
    return false;
  }
}

/** Printed by the desktop shell once its window is shown; the launcher waits for it before trusting that shell. */
export const windowReadyMarker = 'MQTT_LAB_WINDOW_READY';
