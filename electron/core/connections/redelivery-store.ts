import { Store } from 'mqtt';
import type { Packet } from 'mqtt';

type DoneCallback = Parameters<Store['put']>[1];

/**
 * MQTT.js 5.16 resends an unacknowledged PUBLISH after a reconnect with DUP still 0, against
 * MQTT-3.3.1-1 (https://github.com/mqttjs/MQTT.js/issues/692). Its outgoing store is pluggable, and
 * the stored copy of a PUBLISH is sent only when it is resent, so a store that keeps that copy marked
 * DUP makes a client that follows the spec. The first send is the original packet, DUP 0.
 */
export class RedeliveryMarkingStore extends Store {
  override put(packet: Packet, cb: DoneCallback): this {
    return super.put(packet.cmd === 'publish' ? { ...packet, dup: true } : packet, cb);
  }
}
