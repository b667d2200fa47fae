import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../shared/security/csp';
import type { AppCore } from '../core/app-core';
import { resolveStaticFile } from '../static-files';
import { receiveRecordingUpload, recordingUploadPath } from './recording-upload';
import { createWebTransport } from './web-transport';

export interface WebServerOptions {
  core: AppCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Where recordings sent from the page are saved to be opened; without it, uploads are refused. */
  uploadDir?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Web mode: the built renderer and the contract's WebSocket on 127.0.0.1 only. The URL printed for
 * the user carries the per-launch token in its fragment, which browsers never send to a server.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  let port = options.port;
  const guard = { token, allowedOrigins: () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`] };
  const transport = createWebTransport(options.core, guard);

  const server = createServer(async (request, response) => {
    if (request.method === 'POST' && options.uploadDir && new URL(request.url ?? '/', 'http://127.0.0.1').pathname === recordingUploadPath) {
      await receiveRecordingUpload(request, response, guard, options.uploadDir, securityHeaders);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, securityHeaders).end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, request.url ?? '/');
    if (!file) {
      response.writeHead(404, securityHeaders).end('Not found');
      return;
    }
    try {
      const body = await readFile(file.filePath);
      response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType, 'Content-Length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, securityHeaders).end('Not found');
    }
  });
  server.on('upgrade', (request, socket, head) => transport.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
