import type { MqttClient } from 'mqtt';
import type { IPublishPacket } from 'mqtt-packet';
import type { PublishOutcome } from '../../../shared/domain/message';
import type { QoS } from '../../../shared/domain/profile';
import { describeReasonCode } from '../../../shared/mqtt/reason-codes';
import { AppError } from '../app-error';
import { pubrecReasons } from './ack-reasons';
import { describeTransportError } from './socket-errors';

/** How long a QoS 1 or 2 publish waits for its acknowledgement before the request reports a timeout. */
const ACK_TIMEOUT_MS = 30_000;

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  const pubrecs = qos === 2 && client.options.protocolVersion === 5 ? pubrecReasons(client) : undefined;
  const options = message.properties ? { qos, retain: message.retain, properties: message.properties } : { qos, retain: message.retain };
  const published = client.publishAsync(message.topic, toBuffer(message.payload), options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const ack = qos === 1 ? 'PUBACK' : 'PUBCOMP';
      reject(new AppError('mqtt_error', `no ${ack} within ${ACK_TIMEOUT_MS / 1000} s; the message stays in flight and is resent after a reconnect`));
    }, ACK_TIMEOUT_MS);
  });
  try {
    const ackPacket = await Promise.race([published, timeout]);
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    if (qos === 0) return { outcome: { kind: 'sent' }, elapsedMs };
    const ack = ackPacket as { reasonCode?: number; messageId?: number; properties?: { reasonString?: unknown } } | undefined;
    const outcome: PublishOutcome = { kind: 'acked', ack: qos === 1 ? 'PUBACK' : 'PUBCOMP' };
    if (ack?.reasonCode !== undefined) outcome.reasonCode = ack.reasonCode;
    if (typeof ack?.properties?.reasonString === 'string') outcome.reasonString = ack.properties.reasonString;
    const pubrec = ack?.messageId === undefined ? undefined : pubrecs?.get(ack.messageId);
    if (pubrec && ack?.messageId !== undefined) {
      pubrecs?.delete(ack.messageId);
      outcome.pubrec = pubrec;
    }
    return { outcome, elapsedMs };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    const packetName = qos === 1 ? 'PUBACK' : 'PUBREC';
    throw new AppError(
      'mqtt_error',
      typeof code === 'number' ? `the broker refused the message: ${describeReasonCode(code, packetName)}` : `publish failed: ${describeTransportError(error, endpoint)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
