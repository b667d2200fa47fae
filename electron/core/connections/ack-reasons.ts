import type { MqttClient, Packet } from 'mqtt';

export interface AckReason {
  reasonCode: number;
  reasonString?: string;
}

type AckName = 'puback' | 'pubrec' | 'pubcomp';

/** Enough for every flow a Receive Maximum allows and then some; older entries nobody asked for go first. */
const KEPT = 1024;

/** The acknowledgements of this client's PUBLISHes, by packet and packet id, as the broker sent them. */
export class AckReasons {
  private readonly reasons = new Map<string, AckReason>();

  note(packet: Packet): void {
    if ((packet.cmd !== 'puback' && packet.cmd !== 'pubrec' && packet.cmd !== 'pubcomp') || packet.messageId === undefined) return;
    const reason: AckReason = { reasonCode: packet.reasonCode ?? 0 };
    const text = packet.properties?.reasonString;
    if (typeof text === 'string') reason.reasonString = text;
    const key = `${packet.cmd} ${packet.messageId}`;
    this.reasons.delete(key);
    this.reasons.set(key, reason);
    if (this.reasons.size > KEPT) this.reasons.delete(this.reasons.keys().next().value as string);
  }

  /** What the acknowledgement said, once: the packet id is reused by later flows. */
  take(ack: AckName, messageId: number): AckReason | undefined {
    const key = `${ack} ${messageId}`;
    const reason = this.reasons.get(key);
    this.reasons.delete(key);
    return reason;
  }
}

const watched = new WeakMap<MqttClient, AckReasons>();

/**
 * The reason codes and strings of PUBACK, PUBREC and PUBCOMP. MQTT.js completes a publish with the
 * stored PUBLISH, not the acknowledgement, and answers a PUBREC below 0x80 with PUBREL without
 * telling the publisher, so mosquitto's 0x10 "no matching subscribers" (in PUBACK at QoS 1, in
 * PUBREC at QoS 2) and any reason string would be lost. One listener per client, and a bounded map,
 * because messages from the offline queue leave entries that no request reads.
 */
export function ackReasons(client: MqttClient): AckReasons {
  let reasons = watched.get(client);
  if (reasons) return reasons;
  const created = new AckReasons();
  reasons = created;
  watched.set(client, created);
  client.on('packetreceive', (packet: Packet) => created.note(packet));
  return created;
}
