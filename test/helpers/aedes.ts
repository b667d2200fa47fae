import { createServer as createHttpServer } from 'node:http';
import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { Aedes } from 'aedes';
import type { AedesOptions } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

export interface AedesTestOptions extends AedesOptions {
  /** Also serve MQTT over WebSocket on this path (other paths get HTTP 404), recording each upgrade request. */
  websocketPath?: string;
}

export interface UpgradeRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A real aedes broker on a free loopback port, for behaviour mosquitto cannot be configured into. */
export async function startAedes(options: AedesTestOptions = {}) {
  const { websocketPath, ...brokerOptions } = options;
  const broker = await Aedes.createBroker(brokerOptions);
  const server = createServer(broker.handle);
  const port = await listen(server);

  // mosquitto ignores the upgrade request's headers, so headers are checked where they can be seen.
  const upgrades: UpgradeRequest[] = [];
  let httpServer: HttpServer | undefined;
  let wsPort: number | undefined;
  if (websocketPath !== undefined) {
    const sockets = new WebSocketServer({ noServer: true });
    sockets.on('connection', (socket) => broker.handle(createWebSocketStream(socket)));
    const http = createHttpServer((_request, response) => response.writeHead(426).end());
    http.on('upgrade', (request, socket, head) => {
      upgrades.push({ path: request.url ?? '', headers: request.headers });
      if (request.url !== websocketPath) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
    });
    httpServer = http;
    wsPort = await listen(http);
  }

  return {
    broker,
    port,
    wsPort,
    upgrades,
    async stop() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      httpServer?.closeAllConnections();
      await Promise.all([server, httpServer].map((each) => each && new Promise<void>((resolve) => each.close(() => resolve()))));
    },
  };
}
