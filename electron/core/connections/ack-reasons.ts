import type { MqttClient, Packet } from 'mqtt';

export interface AckReason {
  reasonCode: number;
  reasonString?: string;
}

/** Enough for every QoS 2 flow a Receive Maximum allows and then some; older entries nobody asked for go first. */
const KEPT = 1024;

const watched = new WeakMap<MqttClient, Map<number, AckReason>>();

/**
 * What each PUBREC said, by packet id. MQTT.js answers a PUBREC below 0x80 with PUBREL and reports
 * only the PUBCOMP to the publisher, so the PUBREC's reason code (mosquitto's 0x10 "no matching
 * subscribers" for QoS 2) would be lost. One listener per client, and a bounded map, because
 * messages from the offline queue leave entries that no request reads.
 */
export function pubrecReasons(client: MqttClient): Map<number, AckReason> {
  let reasons = watched.get(client);
  if (reasons) return reasons;
  const map = new Map<number, AckReason>();
  reasons = map;
  watched.set(client, map);
  client.on('packetreceive', (packet: Packet) => {
    if (packet.cmd !== 'pubrec' || packet.messageId === undefined) return;
    const reason: AckReason = { reasonCode: packet.reasonCode ?? 0 };
    const text = packet.properties?.reasonString;
    if (typeof text === 'string') reason.reasonString = text;
    map.delete(packet.messageId);
    map.set(packet.messageId, reason);
    if (map.size > KEPT) map.delete(map.keys().next().value as number);
  });
  return map;
}
