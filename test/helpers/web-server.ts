import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCore } from '../../electron/core/app-core';
import { startWebServer } from '../../electron/web/web-server';
import type { WebServer } from '../../electron/web/web-server';

/** Web mode's server on a free port, serving a one-line page instead of the built renderer. */
export function startTestWebServer(core: AppCore, options: { uploadDir?: string } = {}): Promise<WebServer> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'mqtt-lab-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MQTT Lab</title>');
  return startWebServer({ core, rendererDir, port: 0, ...options });
}
