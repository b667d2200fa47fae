import type { Packet } from 'mqtt-packet';
import { bytesToBase64 } from '../../../shared/payload/preview';
import type { PacketBytes } from '../../../shared/packets/packet-row';
import type { Router } from '../../ipc/router';
import { msg } from '../../../shared/i18n';
import { AppError } from '../app-error';
import type { BrokerService } from '../broker/broker-service';
import type { SessionDirectory } from '../sessions/session';
import { packetBytes, packetRow } from './packet-log';
import type { PacketProtocolVersion } from './packet-log';
import type { TappedPacket } from './packet-tap';
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
      if (!frame) throw new AppError('not_found', msg('packets.error.brokerBytesGone', { seq: ref.seq }));
      return { bytesBase64: bytesToBase64(frame.bytes), protocolVersion: frame.protocolVersion, reEncoded: false };
    }
    const entry = sessions.get(ref.connectionId).packets.get(ref.seq);
    if (!entry) throw new AppError('not_found', msg('packets.error.packetGone', { seq: ref.seq }));
    const { bytes, reEncoded } = bytesOf(entry.tapped, entry.protocolVersion);
    return { bytesBase64: bytesToBase64(bytes), protocolVersion: entry.protocolVersion, reEncoded };
  });

  router.handle('packets.export', ({ connectionId, format }) => {
    const connection = sessions.get(connectionId);
    const safeName = connection.snapshot().profile.name.replace(/[^\w.-]+/g, '_') || 'connection';
    if (format === 'pcapng') {
      const captured: CapturedPacket[] = [];
      for (const { tapped, protocolVersion } of connection.packets.all()) {
        const packet = tapped.packet as Packet;
        const { bytes } = bytesOf(tapped, protocolVersion);
        captured.push({ time: tapped.wallTime, direction: tapped.direction, bytes, newConnection: packet.cmd === 'connect' });
      }
      return { fileName: `${safeName}-packets.pcapng`, content: bytesToBase64(pcapng(captured)), encoding: 'base64' as const, count: captured.length };
    }
    const packets = [];
    for (const { tapped, protocolVersion } of connection.packets.all()) {
      const { bytes, reEncoded } = bytesOf(tapped, protocolVersion);
      packets.push({ ...packetRow(tapped, bytes.length), protocolVersion, bytesBase64: bytesToBase64(bytes), reEncoded });
    }
    const content = JSON.stringify({ format: 'mqtt-lab-packets', version: 1, connectionId, exportedAt: new Date().toISOString(), evicted: connection.packets.evicted, packets }, null, 2);
    return { fileName: `${safeName}-packets.json`, content, encoding: 'utf8' as const, count: packets.length };
  });
}

function bytesOf(tapped: TappedPacket, protocolVersion: PacketProtocolVersion): { bytes: Uint8Array; reEncoded: boolean } {
  try {
    return packetBytes(tapped, protocolVersion);
  } catch (error) {
    throw new AppError('internal', msg('packets.error.reEncode', { seq: tapped.seq, detail: (error as Error).message }));
  }
}
