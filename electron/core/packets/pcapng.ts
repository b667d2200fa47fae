/**
 * A capture file Wireshark opens: one Ethernet interface, each MQTT packet inside synthetic
 * Ethernet/IPv4/TCP headers between a client at 10.0.0.1 and a broker at 10.0.0.2:1883, so the MQTT
 * dissector picks it up by port. Blocks per the pcapng spec (IETF draft-ietf-opsawg-pcapng).
 */

export interface CapturedPacket {
  /** Wall-clock time in ms since the epoch. */
  time: number;
  direction: 'sent' | 'received';
  bytes: Uint8Array;
  /** The client opened a new TCP connection with this packet (a CONNECT): new port, fresh sequence numbers. */
  newConnection?: boolean;
}

const MQTT_PORT = 1883;
const FIRST_CLIENT_PORT = 50_000;
const CLIENT_IP = [10, 0, 0, 1] as const;
const BROKER_IP = [10, 0, 0, 2] as const;
const CLIENT_MAC = [0x02, 0, 0, 0, 0, 0x01] as const;
const BROKER_MAC = [0x02, 0, 0, 0, 0, 0x02] as const;
/** Real TCP stacks split at the MSS; Wireshark reassembles MQTT packets across segments. */
const SEGMENT = 1460;
const ETH = 14;
const IP = 20;
const TCP = 20;

export function pcapng(packets: Iterable<CapturedPacket>): Uint8Array {
  const blocks: Uint8Array[] = [sectionHeader(), interfaceDescription()];
  let clientPort = FIRST_CLIENT_PORT;
  let clientSeq = 1;
  let brokerSeq = 1;
  let ipId = 0;
  let first = true;
  for (const packet of packets) {
    if (packet.newConnection && !first) {
      clientPort++;
      clientSeq = 1;
      brokerSeq = 1;
    }
    first = false;
    const fromClient = packet.direction === 'sent';
    for (let offset = 0; offset < packet.bytes.length || offset === 0; offset += SEGMENT) {
      const data = packet.bytes.subarray(offset, offset + SEGMENT);
      const seq = fromClient ? clientSeq : brokerSeq;
      const ack = fromClient ? brokerSeq : clientSeq;
      const frame = tcpFrame(fromClient, clientPort, seq, ack, (ipId = (ipId + 1) & 0xffff), data);
      blocks.push(enhancedPacket(packet.time, frame));
      if (fromClient) clientSeq = (clientSeq + data.length) >>> 0;
      else brokerSeq = (brokerSeq + data.length) >>> 0;
      if (data.length === 0) break;
    }
  }
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const block of blocks) {
    out.set(block, at);
    at += block.length;
  }
  return out;
}

function block(type: number, body: Uint8Array): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const length = 12 + padded;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  out.set(body, 8);
  view.setUint32(length - 4, length, true);
  return out;
}

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, 0x1a2b3c4d, true); // byte-order magic
  view.setUint16(4, 1, true); // major version
  view.setUint16(6, 0, true); // minor version
  view.setBigInt64(8, -1n, true); // section length unknown
  return block(0x0a0d0d0a, body);
}

function interfaceDescription(): Uint8Array {
  const body = new Uint8Array(8);
  const view = new DataView(body.buffer);
  view.setUint16(0, 1, true); // LINKTYPE_ETHERNET
  view.setUint32(4, 0, true); // no snapshot length limit
  return block(1, body);
}

function enhancedPacket(timeMs: number, frame: Uint8Array): Uint8Array {
  const body = new Uint8Array(20 + ((frame.length + 3) & ~3));
  const view = new DataView(body.buffer);
  // Default if_tsresol: microseconds since the epoch, split in two 32-bit halves.
  const micros = BigInt(Math.round(timeMs * 1000));
  view.setUint32(0, 0, true);
  view.setUint32(4, Number(micros >> 32n), true);
  view.setUint32(8, Number(micros & 0xffffffffn), true);
  view.setUint32(12, frame.length, true);
  view.setUint32(16, frame.length, true);
  body.set(frame, 20);
  return block(6, body);
}

function tcpFrame(fromClient: boolean, clientPort: number, seq: number, ack: number, ipId: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(ETH + IP + TCP + data.length);
  const view = new DataView(frame.buffer);
  frame.set(fromClient ? BROKER_MAC : CLIENT_MAC, 0);
  frame.set(fromClient ? CLIENT_MAC : BROKER_MAC, 6);
  view.setUint16(12, 0x0800); // IPv4
  const ip = ETH;
  frame[ip] = 0x45; // version 4, header 5 words
  view.setUint16(ip + 2, IP + TCP + data.length);
  view.setUint16(ip + 4, ipId);
  view.setUint16(ip + 6, 0x4000); // don't fragment
  frame[ip + 8] = 64; // TTL
  frame[ip + 9] = 6; // TCP
  const source = fromClient ? CLIENT_IP : BROKER_IP;
  const destination = fromClient ? BROKER_IP : CLIENT_IP;
  frame.set(source, ip + 12);
  frame.set(destination, ip + 16);
  view.setUint16(ip + 10, checksum(frame.subarray(ip, ip + IP)));
  const tcp = ETH + IP;
  view.setUint16(tcp, fromClient ? clientPort : MQTT_PORT);
  view.setUint16(tcp + 2, fromClient ? MQTT_PORT : clientPort);
  view.setUint32(tcp + 4, seq);
  view.setUint32(tcp + 8, ack);
  frame[tcp + 12] = 0x50; // header 5 words
  frame[tcp + 13] = 0x18; // PSH, ACK
  view.setUint16(tcp + 14, 0xffff); // window
  frame.set(data, tcp + TCP);
  const pseudo = new Uint8Array(12 + TCP + data.length);
  pseudo.set(source, 0);
  pseudo.set(destination, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, TCP + data.length);
  pseudo.set(frame.subarray(tcp), 12);
  view.setUint16(tcp + 16, checksum(pseudo));
  return frame;
}

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
