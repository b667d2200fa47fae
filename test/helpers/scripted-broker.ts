import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { parser as createParser } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';

/** One client's connection to a scripted broker, with what the client sent, parsed. */
export interface ScriptedSession {
  socket: Socket;
  /** Every packet the client sent, in order, CONNECT first. */
  packets: Packet[];
  /** The client's protocol level, read from its CONNECT. */
  protocolVersion: 3 | 4 | 5;
  closed: Promise<void>;
  /** Every byte the client sent, in the chunks it arrived in, from the first. */
  bytesReceived: Buffer[];
  /** Every byte the script wrote to the client, in order. */
  bytesSent: Buffer[];
  write(bytes: Buffer | readonly number[]): void;
  waitFor(match: (packet: Packet) => boolean, timeoutMs?: number): Promise<Packet>;
}

export interface ScriptedBroker {
  port: number;
  sessions: ScriptedSession[];
  stop(): Promise<void>;
}

/**
 * A TCP server that plays a broker by script, for brokers no real one can be made into: it reads the
 * client's packets with mqtt-packet and hands each session to `onConnect` once CONNECT has come.
 */
export async function startScriptedBroker(
  onConnect: (session: ScriptedSession) => void | Promise<void>,
  /** Each packet after CONNECT, as it comes, for scripts that answer packet by packet. */
  onPacketAfterConnect?: (packet: Packet, session: ScriptedSession) => void,
): Promise<ScriptedBroker> {
  const sockets = new Set<Socket>();
  const sessions: ScriptedSession[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    void closed.then(() => sockets.delete(socket));
    const packets: Packet[] = [];
    const bytesReceived: Buffer[] = [];
    const bytesSent: Buffer[] = [];
    // The CONNECT's protocol level decides how the rest is read; read it with the most permissive parser first.
    let parser = createParser({ protocolVersion: 5 });
    let session: ScriptedSession | undefined;
    const onPacket = (packet: Packet) => {
      packets.push(packet);
      if (session) {
        onPacketAfterConnect?.(packet, session);
        return;
      }
      if (packet.cmd !== 'connect') return;
      const protocolVersion = (packet.protocolVersion ?? 4) as 3 | 4 | 5;
      parser = createParser({ protocolVersion });
      parser.on('packet', onPacket);
      parser.on('error', () => undefined);
      session = {
        socket,
        packets,
        protocolVersion,
        closed,
        bytesReceived,
        bytesSent,
        write: (bytes) => {
          if (socket.destroyed) return;
          const buffer = Buffer.from(bytes);
          bytesSent.push(buffer);
          socket.write(buffer);
        },
        waitFor: (match, timeoutMs = 5000) => waitForPacket(packets, match, timeoutMs),
      };
      sessions.push(session);
      void Promise.resolve(onConnect(session)).catch(() => socket.destroy());
    };
    parser.on('packet', onPacket);
    parser.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      bytesReceived.push(chunk);
      parser.parse(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    sessions,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function waitForPacket(packets: Packet[], match: (packet: Packet) => boolean, timeoutMs: number): Promise<Packet> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = packets.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching packet within ${timeoutMs} ms; the client sent ${JSON.stringify(packets.map((packet) => packet.cmd))}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Bytes from a hex string with optional spaces: `hex('20 02 00 00')`. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** CONNACK accepting the connection: `20 02 00 00` (3.1.1) or `20 03 00 00 00` (5, no properties). */
export const connackAccepted = (protocolVersion: 3 | 4 | 5) => hex(protocolVersion === 5 ? '20 03 00 00 00' : '20 02 00 00');
