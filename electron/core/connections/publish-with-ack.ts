import type { MqttClient, Packet } from 'mqtt';
import type { IPublishPacket } from 'mqtt-packet';
import type { PublishOutcome } from '../../../shared/domain/message';
import type { QoS } from '../../../shared/domain/profile';
import { describeReasonCode } from '../../../shared/mqtt/reason-codes';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { ackReasons } from './ack-reasons';
import { describeTransportError } from './socket-errors';

/** How long a QoS 1 or 2 publish waits for its acknowledgement before the request reports a timeout. */
const ACK_TIMEOUT_MS = 30_000;

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** MQTT.js calls back with the stored PUBLISH when the flow ends, and with the refusing ack when it fails. */
function published(client: MqttClient, message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: IPublishPacket['properties'] }) {
  const options = message.properties ? { qos: message.qos, retain: message.retain, properties: message.properties } : { qos: message.qos, retain: message.retain };
  return new Promise<Packet | undefined>((resolve, reject) => {
    client.publish(message.topic, toBuffer(message.payload), options, (error, packet) => {
      if (error) reject(Object.assign(error, { ackPacket: packet }));
      else resolve(packet);
    });
  });
}

/**
 * Publishes and waits for the end of the QoS flow (PUBACK or PUBCOMP), or reports why not. The wait is
 * bounded so a broker that never answers cannot leave the request open; the message itself stays in
 * MQTT.js's store and is resent after a reconnect.
 */
export async function publishWithAck(
  client: MqttClient,
  message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: IPublishPacket['properties'] },
  endpoint: Parameters<typeof describeTransportError>[1],
): Promise<{ outcome: PublishOutcome; elapsedMs: number }> {
  const { qos } = message;
  const started = performance.now();
  const acks = qos > 0 && client.options.protocolVersion === 5 ? ackReasons(client) : undefined;
  const publishing = published(client, message);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const ack = qos === 1 ? 'PUBACK' : 'PUBCOMP';
      reject(new AppError('mqtt_error', msg('connections.error.noAck', { ack, seconds: ACK_TIMEOUT_MS / 1000 })));
    }, ACK_TIMEOUT_MS);
  });
  try {
    const stored = await Promise.race([publishing, timeout]);
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    if (qos === 0) return { outcome: { kind: 'sent' }, elapsedMs };
    const outcome: PublishOutcome = { kind: 'acked', ack: qos === 1 ? 'PUBACK' : 'PUBCOMP' };
    const messageId = stored && 'messageId' in stored ? stored.messageId : undefined;
    if (acks && messageId !== undefined) {
      const final = acks.take(qos === 1 ? 'puback' : 'pubcomp', messageId);
      if (final) {
        outcome.reasonCode = final.reasonCode;
        if (final.reasonString !== undefined) outcome.reasonString = final.reasonString;
      }
      const pubrec = qos === 2 ? acks.take('pubrec', messageId) : undefined;
      if (pubrec) outcome.pubrec = pubrec;
    }
    return { outcome, elapsedMs };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    const packetName = qos === 1 ? 'PUBACK' : 'PUBREC';
    const refusal = (error as { ackPacket?: { properties?: { reasonString?: unknown } } }).ackPacket?.properties?.reasonString;
    if (typeof code === 'number') {
      // The reason code's words come from the MQTT tables and the reason string from the broker: passed in as they are.
      const params = { refusal: describeReasonCode(code, packetName) };
      throw new AppError('mqtt_error', typeof refusal === 'string' ? msg('connections.error.messageRefusedSaid', { ...params, said: refusal }) : msg('connections.error.messageRefused', params));
    }
    // The transport's sentence is worded here in English; it is one of socket-errors' messages, nested.
    throw new AppError('mqtt_error', msg('connections.error.publishFailed', { problem: describeTransportError(error, endpoint) }));
  } finally {
    clearTimeout(timer);
  }
}
