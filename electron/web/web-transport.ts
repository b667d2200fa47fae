import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { AppCore } from '../core/app-core';
import { HistoryCoalescer } from './history-coalescer';

/** A request frame from the browser; the contract input inside is parsed later by the router. */
const RequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  input: z.unknown(),
});

export type ServerFrame =
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; event: unknown }
  | { type: 'error'; message: string };

export const webSocketPath = '/api';

export interface UpgradeGuard {
  token: string;
  /** Origins allowed to open the socket: the web shell's own, never a page from elsewhere. */
  allowedOrigins: () => string[];
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/**
 * Decides whether a WebSocket upgrade may reach the core. The token keeps out other local users and
 * programs; the Origin and Host checks keep out web pages the user has open (and DNS rebinding).
 */
export function checkUpgrade(request: IncomingMessage, guard: UpgradeGuard): UpgradeVerdict {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== webSocketPath) return { ok: false, status: 404, reason: 'unknown path' };
  return checkCaller(request, guard, url.searchParams.get('token') ?? '');
}

/** The checks every request to the core passes, whatever carries it: our own page, with the token. */
export function checkCaller(request: IncomingMessage, guard: UpgradeGuard, token: string): UpgradeVerdict {
  const allowed = guard.allowedOrigins();
  const origin = request.headers.origin;
  if (!origin || !allowed.includes(origin)) return { ok: false, status: 403, reason: `origin ${origin ?? '(none)'} is not allowed` };
  const host = request.headers.host;
  if (!host || !allowed.includes(`http://${host}`)) return { ok: false, status: 403, reason: `host ${host ?? '(none)'} is not allowed` };
  if (!sameSecret(token, guard.token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Carries the contract over WebSocket frames: requests to the core's router, core events to every socket. */
export function createWebTransport(core: AppCore, guard: UpgradeGuard) {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 80 * 1024 * 1024 });
  const senders = new Map<WebSocket, HistoryCoalescer>();
  const unsubscribe = core.bus.subscribe((envelope) => {
    const frame = JSON.stringify({ type: 'event', event: envelope } satisfies ServerFrame);
    for (const [socket, sender] of senders) if (socket.readyState === socket.OPEN) sender.send(envelope, frame);
  });

  sockets.on('connection', (socket: WebSocket) => {
    senders.set(socket, new HistoryCoalescer(socket));
    socket.once('close', () => {
      senders.get(socket)?.close();
      senders.delete(socket);
    });
    socket.on('message', async (data, isBinary) => {
      const reply = (frame: ServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      if (isBinary) return reply({ type: 'error', message: 'Binary frames are not part of the contract.' });
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return reply({ type: 'error', message: 'A frame was not valid JSON.' });
      }
      const frame = RequestFrame.safeParse(parsed);
      if (!frame.success) return reply({ type: 'error', message: 'A frame was not a request: expected { type, id, channel, input }.' });
      const result = await core.router.dispatch(frame.data.channel, frame.data.input);
      reply({ type: 'response', id: frame.data.id, result });
    });
  });

  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const verdict = checkUpgrade(request, guard);
      if (!verdict.ok) {
        const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[verdict.status];
        socket.end(`HTTP/1.1 ${verdict.status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${verdict.reason}\n`);
        return;
      }
      sockets.handleUpgrade(request, socket, head, (webSocket) => sockets.emit('connection', webSocket, request));
    },
    close(): void {
      unsubscribe();
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
    },
  };
}
