import type { IPublishPacket } from 'mqtt-packet';

/**
 * The QoS 1/2 deliveries each client id has been sent and has not acknowledged, across its
 * connections. A delivery sent again (aedes resends them to a returning session) must carry DUP
 * (MQTT-3.3.1-1), which aedes 2.0.0-beta.1 never sets; a first delivery must not (MQTT-3.3.1-3).
 * Packet ids are bounded (65,535 per client id) and a session without a kept state is forgotten.
 */
export class OutboundResends {
  private readonly unacknowledged = new Map<string, Set<number>>();

  /** The bytes to send for `packet`: with DUP set when this id went to this client id before. */
  beforeSend(clientId: string, packet: IPublishPacket, bytes: Buffer): Buffer {
    if (packet.qos === 0 || packet.messageId === undefined) return bytes;
    let ids = this.unacknowledged.get(clientId);
    if (!ids) {
      ids = new Set();
      this.unacknowledged.set(clientId, ids);
    }
    if (!ids.has(packet.messageId)) {
      ids.add(packet.messageId);
      return bytes;
    }
    if (packet.dup) return bytes;
    packet.dup = true;
    const resend = Buffer.from(bytes);
    resend[0] = (resend[0] ?? 0) | 0x08;
    return resend;
  }

  /** PUBACK, PUBREC or PUBCOMP from the client: the PUBLISH with this id is not sent again. */
  acknowledged(clientId: string, messageId: number): void {
    this.unacknowledged.get(clientId)?.delete(messageId);
  }

  /** The client id starts without a session: nothing of the old one is resent. */
  forget(clientId: string): void {
    this.unacknowledged.delete(clientId);
  }
}
