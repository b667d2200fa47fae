import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { BrokerListener } from '../../../shared/domain/broker';
import { describeListenFailure, findFreePort } from './listen-failure';
import type { ListenerKind } from './listen-failure';
import { allInterfaces, externalIpv4Addresses, loopback, remoteLabel, urlHost } from './network-addresses';
import type { TlsCredentials } from './tls-credentials';

/** Hands a new client's byte stream to the broker, with the client's host:port. */
export type Accept = (socket: Duplex, remoteAddress: string) => void;

export interface ListenerHandlers {
  accept: Accept;
  /** A listener failed after it started, such as running out of file descriptors while accepting. */
  failed(kind: ListenerKind, error: Error): void;
}

export interface ListenerPlan {
  kind: ListenerKind;
  port: number;
}

interface OpenListener {
  view: BrokerListener;
  server: Server;
  /** Every raw socket the server accepted, so stop can end them and free the port at once. */
  sockets: Set<Socket>;
  webSockets?: WebSocketServer;
}

const schemes: Record<ListenerKind, string> = { mqtt: 'mqtt', ws: 'ws', mqtts: 'mqtts' };

/**
 * The broker's listening sockets: TCP, and optionally WebSocket (any path: MQTT.js asks for /mqtt,
 * others for / or /ws) and TLS. They open one after another; when one fails, the ones already open
 * are closed before the error is thrown, so a failed start leaves no port taken.
 */
export class BrokerListeners {
  private constructor(private readonly open: OpenListener[]) {}

  static async open(bindAddress: string, plans: readonly ListenerPlan[], tls: TlsCredentials | undefined, handlers: ListenerHandlers): Promise<BrokerListeners> {
    const listeners = new BrokerListeners([]);
    for (const plan of plans) {
      const listener = createListener(plan.kind, tls, handlers.accept);
      try {
        await listen(listener.server, plan.port, bindAddress);
      } catch (error) {
        await listeners.close();
        const taken = plans.map((each) => each.port);
        throw await describeListenFailure(error, plan.kind, bindAddress, plan.port, () => findFreePort(bindAddress, plan.port, taken));
      }
      listener.server.on('error', (error: Error) => handlers.failed(plan.kind, error));
      const address = listener.server.address();
      const port = address && typeof address === 'object' ? address.port : plan.port;
      listener.view = { kind: plan.kind, host: bindAddress, port, urls: urlsOf(plan.kind, bindAddress, port) };
      listeners.open.push(listener);
    }
    return listeners;
  }

  get views(): BrokerListener[] {
    return this.open.map((listener) => listener.view);
  }

  /** Stops accepting, drops every connection still open, and resolves once the ports are free. */
  async close(): Promise<void> {
    const closing = this.open.map(
      (listener) =>
        new Promise<void>((resolve) => {
          listener.server.close(() => resolve());
          listener.webSockets?.close();
          for (const socket of listener.sockets) socket.destroy();
        }),
    );
    this.open.length = 0;
    await Promise.all(closing);
  }
}

function createListener(kind: ListenerKind, tls: TlsCredentials | undefined, accept: Accept): OpenListener {
  const sockets = new Set<Socket>();
  const acceptSocket = (socket: Socket) => accept(socket, remoteLabel(socket.remoteAddress, socket.remotePort));
  let server: Server;
  let webSockets: WebSocketServer | undefined;
  if (kind === 'mqtt') {
    server = createNetServer(acceptSocket);
  } else if (kind === 'mqtts') {
    if (!tls) throw new Error('A TLS listener was planned without credentials.');
    server = createTlsServer({ cert: tls.cert, key: tls.key }, acceptSocket);
  } else {
    const upgrades = new WebSocketServer({ noServer: true });
    const http = createHttpServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('This port speaks MQTT over WebSocket.\n');
    });
    http.on('upgrade', (request, socket, head) => {
      upgrades.handleUpgrade(request, socket, head, (webSocket) => {
        accept(createWebSocketStream(webSocket), remoteLabel(request.socket.remoteAddress, request.socket.remotePort));
      });
    });
    server = http;
    webSockets = upgrades;
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Placeholder until listen() says which port it got.
  const view: BrokerListener = { kind, host: '', port: 0, urls: [] };
  return webSockets ? { view, server, sockets, webSockets } : { view, server, sockets };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** What a device types: one URL per address of this machine when listening on all interfaces. */
function urlsOf(kind: ListenerKind, bindAddress: string, port: number): string[] {
  const hosts = bindAddress === allInterfaces || bindAddress === '::' ? [loopback, ...externalIpv4Addresses()] : [bindAddress];
  const path = kind === 'ws' ? '/mqtt' : '';
  return hosts.map((host) => `${schemes[kind]}://${urlHost(host)}:${port}${path}`);
}
