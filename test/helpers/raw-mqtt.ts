import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { generate, parser as createParser } from 'mqtt-packet';
import type { IConnackPacket, IConnectPacket, Packet } from 'mqtt-packet';

/**
 * An MQTT client made of a socket and mqtt-packet, for what MQTT.js will not do on purpose: choose
 * packet ids, leave QoS 2 flows unreleased, drop the connection between PUBLISH and PUBREL.
 */
export interface RawClient {
  socket: Socket;
  /** Every packet received, in order. */
  packets: Packet[];
  connack: IConnackPacket;
  closed: Promise<void>;
  send(packet: Packet): void;
  waitFor(match: (packet: Packet) => boolean, timeoutMs?: number): Promise<Packet>;
}

export type RawConnect = Omit<IConnectPacket, 'cmd' | 'protocolId'>;

/** `pipelined` packets go in the same write as CONNECT, before CONNACK, as a hasty client sends them. */
export async function rawClient(port: number, connect: RawConnect, pipelined: Packet[] = []): Promise<RawClient> {
  const socket = connectTcp(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const protocolVersion = connect.protocolVersion ?? 4;
  const parser = createParser({ protocolVersion });
  const packets: Packet[] = [];
  parser.on('packet', (packet: Packet) => packets.push(packet));
  socket.on('data', (chunk: Buffer) => parser.parse(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const send = (packet: Packet) => {
    socket.write(generate(packet, { protocolVersion }));
  };
  const waitFor = async (match: (packet: Packet) => boolean, timeoutMs = 5000): Promise<Packet> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = packets.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching packet within ${timeoutMs} ms; received ${JSON.stringify(packets.map((packet) => packet.cmd))}.`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const first: Packet[] = [{ cmd: 'connect', protocolId: 'MQTT', keepalive: 0, ...connect, protocolVersion }, ...pipelined];
  socket.write(Buffer.concat(first.map((packet) => generate(packet, { protocolVersion }))));
  const connack = await waitFor((packet) => packet.cmd === 'connack');
  if (connack.cmd !== 'connack') throw new Error('unreachable: waited for CONNACK');
  return { socket, packets, connack, closed, send, waitFor };
}
