import type { MqttClient } from 'mqtt';
import type { PublishOutcome } from '../../../shared/domain/message';
import type { QoS } from '../../../shared/domain/profile';
import { describeReasonCode } from '../../../shared/mqtt/reason-codes';
import { AppError } from '../app-error';
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
  message: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean },
  endpoint: Parameters<typeof describeTransportError>[1],
): Promise<{ outcome: PublishOutcome; elapsedMs: number }> {
  const { qos } = message;
  const started = performance.now();
  const published = client.publishAsync(message.topic, toBuffer(message.payload), { qos, retain: message.retain });
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
    const reasonCode = (ackPacket as { reasonCode?: number } | undefined)?.reasonCode;
    const outcome: PublishOutcome = { kind: 'acked', ack: qos === 1 ? 'PUBACK' : 'PUBCOMP' };
    if (reasonCode !== undefined) outcome.reasonCode = reasonCode;
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
