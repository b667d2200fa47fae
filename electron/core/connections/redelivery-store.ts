import type { Packet } from 'mqtt';
import type { QoS } from '../../../shared/domain/profile';
import { ClosedSafeStore } from './closed-safe-store';

type DoneCallback = Parameters<ClosedSafeStore['put']>[1];
type PacketCallback = Parameters<ClosedSafeStore['del']>[1];

/**
 * MQTT.js 5.16 resends an unacknowledged PUBLISH after a reconnect with DUP still 0, against
 * MQTT-3.3.1-1 (https://github.com/mqttjs/MQTT.js/issues/692). Its outgoing store is pluggable, and
 * the stored copy of a PUBLISH is sent only when it is resent, so a store that keeps that copy marked
 * DUP makes a client that follows the spec. The first send is the original packet, DUP 0.
 *
 * It also knows the QoS of each PUBLISH in flight, so a Disconnect can say what it left unacknowledged.
 */
export class RedeliveryMarkingStore extends ClosedSafeStore {
  private readonly publishQos = new Map<number, QoS>();

  override put(packet: Packet, cb: DoneCallback): this {
    if (packet.cmd === 'publish' && packet.messageId !== undefined) this.publishQos.set(packet.messageId, packet.qos);
    return super.put(packet.cmd === 'publish' ? { ...packet, dup: true } : packet, cb);
  }

  override del(packet: Pick<Packet, 'messageId'>, cb: PacketCallback): this {
    if (packet.messageId !== undefined) this.publishQos.delete(packet.messageId);
    return super.del(packet, cb);
  }

  /** The QoS of the PUBLISH in flight with this packet id, if there is one. */
  qosOf(messageId: number): QoS | undefined {
    return this.publishQos.get(messageId);
  }
}
