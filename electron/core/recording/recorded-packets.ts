import type { Packet } from 'mqtt';
import type { PacketRecord } from '../../../shared/recording/records';
import type { TappedPacket } from '../packets/packet-tap';

const noBytes = Buffer.alloc(0);

/**
 * A packet as the recording kept it, shaped as the tap delivered it, so the packet log, the flow
 * tracker and the lifeline read it unchanged. A recording keeps the fields the flows need (type,
 * packet id, QoS, flags, topic, reason code), not the payload or properties: the message records
 * carry those.
 */
export function tappedFromRecord(record: PacketRecord): TappedPacket {
  const packet: Record<string, unknown> = { cmd: record.cmd };
  if (record.packetId !== undefined) packet.messageId = record.packetId;
  if (record.reasonCode !== undefined) {
    packet.reasonCode = record.reasonCode;
    // MQTT 3.1.1 calls a CONNACK's code its return code.
    if (record.cmd === 'connack') packet.returnCode = record.reasonCode;
  }
  switch (record.cmd) {
    case 'publish':
      Object.assign(packet, { topic: record.topic ?? '', qos: record.qos ?? 0, dup: record.dup ?? false, retain: record.retain ?? false, payload: noBytes });
      break;
    case 'connack':
      packet.sessionPresent = false;
      break;
    case 'subscribe':
      // The filters are not in the file; the SUBSCRIBE flow is drawn without them.
      packet.subscriptions = [];
      break;
    case 'unsubscribe':
      packet.unsubscriptions = [];
      break;
    case 'suback':
      packet.granted = [];
      break;
    default:
      break;
  }
  return { seq: record.seq, direction: record.dir, monotonicMs: record.m, wallTime: record.t, packet: packet as unknown as Packet };
}
