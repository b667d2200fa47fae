import type { ExchangeMessage } from '../domain/exchange';
import { EXCHANGE_PAYLOAD_CHARS } from '../domain/exchange';
import type { MessageProperties } from '../domain/message';
import type { QoS } from '../domain/profile';
import { decodePayload } from '../payload/preview';
import { hexString } from '../payload/decoded-value';

/** Bytes of fresh Correlation Data per request: enough that two requests never share it by chance. */
export const CORRELATION_BYTES = 16;

export function correlationHex(bytes: Uint8Array): string {
  return hexString(bytes);
}

/** Bytes for correlation data typed as hex, or undefined when it is not hex (spaces allowed between bytes). */
export function correlationBytes(hex: string): Uint8Array | undefined {
  const compact = hex.replace(/\s+/g, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(compact)) return undefined;
  const bytes = new Uint8Array(compact.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(compact.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** A PUBLISH as an exchange shows it: text when the payload is text, hex otherwise, cut with an ellipsis. */
export function exchangeMessage(fields: { topic: string; qos: QoS; payload: Uint8Array; properties?: MessageProperties; wallTime: number }): ExchangeMessage {
  const head = fields.payload.subarray(0, EXCHANGE_PAYLOAD_CHARS * 4);
  let decoded = decodePayload(head);
  // A cut may split a character of up to four bytes: text then decodes once the split part is left off.
  for (let drop = 1; drop <= 3 && decoded.kind === 'binary' && head.length < fields.payload.length; drop++) decoded = decodePayload(head.subarray(0, head.length - drop));
  const payloadIsHex = decoded.kind === 'binary';
  let payloadText = decoded.kind === 'text' ? decoded.text : hexString(fields.payload.subarray(0, EXCHANGE_PAYLOAD_CHARS / 2));
  const whole = decoded.kind === 'text' ? fields.payload.length <= EXCHANGE_PAYLOAD_CHARS * 4 : fields.payload.length <= EXCHANGE_PAYLOAD_CHARS / 2;
  if (payloadText.length > EXCHANGE_PAYLOAD_CHARS) payloadText = payloadText.slice(0, EXCHANGE_PAYLOAD_CHARS);
  if (!whole || payloadText.length === EXCHANGE_PAYLOAD_CHARS) payloadText += '…';
  const message: ExchangeMessage = { topic: fields.topic, qos: fields.qos, payloadText, payloadIsHex, payloadSize: fields.payload.length, wallTime: fields.wallTime };
  if (fields.properties) message.properties = fields.properties;
  return message;
}
