import type { Packet } from 'mqtt-packet';
import { bytesToBase64 } from '../../../shared/payload/preview';
import type { PacketBytes } from '../../../shared/packets/packet-row';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import type { BrokerService } from '../broker/broker-service';
import type { SessionDirectory } from '../sessions/session';
import { encodePacket, packetRow, receivedBytesOf } from './packet-log';
import { pcapng } from './pcapng';
import type { CapturedPacket } from './pcapng';

/** The packet inspector's requests: a connection's packet list, one packet's bytes, and exports. */
export function registerPacketHandlers(router: Router, sessions: SessionDirectory, broker: BrokerService): void {
  router.handle('packets.list', ({ connectionId, afterSeq, limit }) => {
    const log = sessions.get(connectionId).packets;
    return { ...log.list(afterSeq, limit), total: log.size, evicted: log.evicted };
  });

  router.handle('packets.get', (ref): PacketBytes => {
    if (ref.source === 'broker') {
      const frame = broker.packetFrame(ref.seq);
      if (!frame) throw new AppError('not_found', `The built-in broker's log no longer holds the bytes of packet ${ref.seq}.`);
      return { bytesBase64: bytesToBase64(frame.bytes), protocolVersion: frame.protocolVersion, reEncoded: false };
    }
    const entry = sessions.get(ref.connectionId).packets.get(ref.seq);
    if (!entry) throw new AppError('not_found', `Packet ${ref.seq} is no longer in this connection's packet log.`);
    const received = receivedBytesOf(entry.tapped);
    if (received) return { bytesBase64: bytesToBase64(received), protocolVersion: entry.protocolVersion, reEncoded: false };
    return { bytesBase64: bytesToBase64(encode(entry.tapped.packet as Packet, entry.protocolVersion, ref.seq)), protocolVersion: entry.protocolVersion, reEncoded: true };
  });

  router.handle('packets.export', ({ connectionId, format }) => {
    const connection = sessions.get(connectionId);
    const safeName = connection.snapshot().profile.name.replace(/[^\w.-]+/g, '_') || 'connection';
    if (format === 'pcapng') {
      const captured: CapturedPacket[] = [];
      for (const { tapped, protocolVersion } of connection.packets.all()) {
        const packet = tapped.packet as Packet;
        const bytes = receivedBytesOf(tapped) ?? encode(packet, protocolVersion, tapped.seq);
        captured.push({ time: tapped.wallTime, direction: tapped.direction, bytes, newConnection: packet.cmd === 'connect' });
      }
      return { fileName: `${safeName}-packets.pcapng`, content: bytesToBase64(pcapng(captured)), encoding: 'base64' as const, count: captured.length };
    }
    const packets = [];
    for (const { tapped, protocolVersion } of connection.packets.all()) {
      const bytes = receivedBytesOf(tapped) ?? encode(tapped.packet as Packet, protocolVersion, tapped.seq);
      packets.push({ ...packetRow(tapped, bytes.length), protocolVersion, bytesBase64: bytesToBase64(bytes) });
    }
    const content = JSON.stringify({ format: 'mqtt-lab-packets', version: 1, connectionId, exportedAt: new Date().toISOString(), evicted: connection.packets.evicted, packets }, null, 2);
    return { fileName: `${safeName}-packets.json`, content, encoding: 'utf8' as const, count: packets.length };
  });
}

function encode(packet: Packet, protocolVersion: 3 | 4 | 5, seq: number): Uint8Array {
  try {
    return encodePacket(packet, protocolVersion);
  } catch (error) {
    throw new AppError('internal', `Packet ${seq} could not be re-encoded: ${(error as Error).message}`);
  }
}
