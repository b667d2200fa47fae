import { generate } from 'mqtt-packet';
import type { ProtocolVersion, QoS } from '../../../shared/domain/profile';

/**
 * The size in bytes of the PUBLISH that carries this message, header and Remaining Length
 * included: what a broker's Maximum Packet Size (MQTT 5 CONNACK) limits, not only the payload.
 */
export function publishPacketSize(message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean }, protocolVersion: ProtocolVersion): number {
  return generate(
    {
      cmd: 'publish',
      topic: message.topic,
      payload: Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength),
      qos: message.qos,
      retain: message.retain,
      dup: false,
      // Any id: it is always two bytes.
      ...(message.qos > 0 ? { messageId: 1 } : {}),
    },
    { protocolVersion },
  ).length;
}
