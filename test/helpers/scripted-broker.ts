import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { parser as createParser } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';

export interface ScriptedBroker {
  port: number;
  /** Every packet received, over all connections, in order. */
  packets: Packet[];
  /** Stops listening and drops every connection, as a broker that went away for good. */
  stop(): Promise<void>;
}

/**
 * A TCP server in place of a broker: each packet a client sends is parsed with mqtt-packet and
 * handed to `onPacket` with its socket, to answer with whatever bytes the test wants (or nothing).
 */
export async function startScriptedBroker(protocolVersion: 4 | 5, onPacket: (packet: Packet, socket: Socket) => void): Promise<ScriptedBroker> {
  const sockets = new Set<Socket>();
  const packets: Packet[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser = createParser({ protocolVersion });
    parser.on('packet', (packet: Packet) => {
      packets.push(packet);
      onPacket(packet, socket);
    });
    parser.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    packets,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** CONNACK accepting the connection: `20 02 00 00` (3.1.1) or `20 03 00 00 00` (5, no properties). */
export const connackAccepted = (protocolVersion: 4 | 5) => Buffer.from(protocolVersion === 5 ? [0x20, 0x03, 0x00, 0x00, 0x00] : [0x20, 0x02, 0x00, 0x00]);
