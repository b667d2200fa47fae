import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { ContractError } from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import { HistoryCoalescer } from './history-coalescer';

/** A request frame from the browser; the contract input inside is parsed later by the router. */
const RequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  input: z.unknown().refine((input) => input !== undefined, 'missing: a request needs an input ({} when the channel takes none)'),
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
    // A protocol error (oversized, unmasked or reserved frame, invalid UTF-8) is emitted here after
    // ws has already sent the close frame with the matching code (1009, 1002, 1007). Without a
    // listener the 'error' event would end the whole process; with it only this socket goes.
    socket.on('error', (error) => console.warn(`[web] closed an /api socket: ${describeSocketError(error)}`));
    socket.on('message', (data, isBinary) => {
      const reply = (frame: ServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      answerFrame(core, data.toString(), isBinary)
        .then(reply)
        .catch((error: unknown) => console.error('[web] a request frame could not be answered:', error));
    });
  });

  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      // Node hands the socket over without its own error listener: a peer resetting it while we
      // refuse or upgrade it must not end the process.
      socket.on('error', (error) => console.warn(`[web] an /api connection failed: ${describeSocketError(error)}`));
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

/**
 * The answer to one text or binary frame. Every frame whose id can be read gets a response for that
 * id, even when the rest is wrong, so a caller never waits for an answer that will not come; only
 * a frame without a usable id gets the id-less error frame.
 */
export async function answerFrame(core: AppCore, text: string, isBinary: boolean): Promise<ServerFrame> {
  if (isBinary) return { type: 'error', message: 'Binary frames are not part of the contract.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { type: 'error', message: 'A frame was not valid JSON.' };
  }
  const frame = RequestFrame.safeParse(parsed);
  if (frame.success) return { type: 'response', id: frame.data.id, result: await core.router.dispatch(frame.data.channel, frame.data.input) };
  const id = readableId(parsed);
  const expected = 'A frame was not a request: expected { type: "request", id, channel, input }.';
  if (id === undefined) return { type: 'error', message: expected };
  const issue = frame.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return invalidFrame(id, `${expected}${issue ? ` ${field ? `${field}: ` : ''}${issue.message}.` : ''}`, field);
}

function readableId(parsed: unknown): number | undefined {
  if (typeof parsed !== 'object' || parsed === null || !Object.hasOwn(parsed, 'id')) return undefined;
  const { id } = parsed as { id: unknown };
  return typeof id === 'number' && Number.isFinite(id) ? id : undefined;
}

function invalidFrame(id: number, message: string, field: string | undefined): ServerFrame {
  const error: ContractError = field ? { code: 'invalid_input', message, field } : { code: 'invalid_input', message };
  return { type: 'response', id, result: { ok: false, error } };
}

/** ws's errors carry a code such as WS_ERR_INVALID_OPCODE; sockets' carry ECONNRESET and the like. */
function describeSocketError(error: Error): string {
  const { code } = error as NodeJS.ErrnoException;
  return code ? `${error.message} (${code})` : error.message;
}
