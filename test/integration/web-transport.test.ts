import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServer } from '../../electron/web/web-server';
import { createTempCore } from '../helpers/temp-core';
import { startTestWebServer } from '../helpers/web-server';

describe('the web shell', () => {
  const core = createTempCore();
  let server: WebServer;
  let origin: string;

  beforeAll(async () => {
    server = await startTestWebServer(core);
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await core.close();
  });

  /** Opens a socket and reports the HTTP status of a refusal, or 101 when the upgrade succeeded. */
  function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', (error) => {
        if (!String(error).includes('Unexpected server response')) reject(error);
      });
    });
  }

  it('prints a URL on 127.0.0.1 that carries the token in its fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a socket without the token', async () => {
    expect(await upgradeStatus('/api', { Origin: origin })).toBe(401);
    expect(await upgradeStatus('/api?token=wrong', { Origin: origin })).toBe(401);
  });

  it('refuses a socket from another origin, even with the token', async () => {
    expect(await upgradeStatus(`/api?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`/api?token=${server.token}`, {})).toBe(403);
  });

  it('refuses a socket whose Host header is not ours (DNS rebinding)', async () => {
    expect(await upgradeStatus(`/api?token=${server.token}`, { Origin: origin, Host: `evil.example:${server.port}` })).toBe(403);
  });

  it('carries contract requests and typed errors for a socket with token and origin', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { headers: { Origin: origin } });
    await new Promise((resolve) => socket.once('open', resolve));
    const replies: unknown[] = [];
    socket.on('message', (data) => replies.push(JSON.parse(String(data))));
    socket.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.info', input: {} }));
    socket.send(JSON.stringify({ type: 'request', id: 2, channel: 'subscription.add', input: { connectionId: 'c', filter: 'a+', qos: 0 } }));
    socket.send('not json');
    while (replies.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.close();
    expect(replies).toContainEqual({ type: 'response', id: 1, result: { ok: true, value: { mode: 'web', version: 'test' } } });
    expect(replies).toContainEqual({
      type: 'response',
      id: 2,
      result: { ok: false, error: { code: 'invalid_input', field: 'filter', message: 'filter: "+" must fill a whole level, but level 1 ("a+") mixes it with other characters.' } },
    });
    expect(replies).toContainEqual({ type: 'error', message: 'A frame was not valid JSON.' });
  });

  function get(path: string): Promise<{ status: number; csp: string | undefined }> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: server.port, path }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, csp: response.headers['content-security-policy'] as string | undefined });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('serves the renderer with a CSP that forbids eval, and nothing outside its folder', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.csp).toContain("script-src 'self'");
    expect(index.csp).not.toContain('unsafe-eval');
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
