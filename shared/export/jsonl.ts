import { z } from 'zod';
import { QoS } from '../domain/profile';
import { base64ToBytes, bytesToBase64 } from '../payload/preview';
import type { ExportedMessage } from './exported-message';
import { isBase64, isoTime, payloadText } from './exported-message';

/**
 * JSON Lines: one JSON object per message, each line ending with "\n". The payload is always in
 * `payloadBase64`; `text` is there too when the payload is valid UTF-8, for people and tools that
 * read the file, and is never needed to restore the bytes.
 */
export function formatJsonLines(messages: Iterable<ExportedMessage>): string {
  let out = '';
  for (const message of messages) out += `${jsonRecord(message)}\n`;
  return out;
}

/**
 * The same text JSON.stringify gives for the record, built by hand for the fields whose form is
 * fixed (numbers, booleans, ISO time, base64): an export formats a million of these.
 */
function jsonRecord(message: ExportedMessage): string {
  let json = `{"id":${message.id},"time":"${isoTime(message.timeMs)}","timeMs":${message.timeMs},"direction":"${message.direction}"`;
  json += `,"topic":${JSON.stringify(message.topic)},"qos":${message.qos},"retain":${message.retain},"dup":${message.dup}`;
  if (message.packetId !== undefined) json += `,"packetId":${message.packetId}`;
  json += `,"size":${message.payload.byteLength},"payloadBase64":"${bytesToBase64(message.payload)}"`;
  const text = payloadText(message.payload);
  if (text !== undefined) json += `,"text":${JSON.stringify(text)}`;
  if (message.properties) json += `,"properties":${JSON.stringify(message.properties)}`;
  if (message.decoded !== undefined) json += `,"decoded":${JSON.stringify(message.decoded)}`;
  return `${json}}`;
}

const JsonLinesRecord = z.object({
  id: z.number().int().min(1),
  time: z.string().optional(),
  timeMs: z.number().finite(),
  direction: z.enum(['in', 'out']),
  topic: z.string(),
  qos: QoS,
  retain: z.boolean(),
  dup: z.boolean(),
  packetId: z.number().int().min(1).max(65_535).optional(),
  size: z.number().int().min(0).optional(),
  payloadBase64: z.string().refine(isBase64, 'is not valid base64'),
  text: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Reads a JSON Lines export back. Blank lines are allowed (a trailing newline, a hand edit); any
 * other line that is not a valid record is refused with its line number and what is wrong.
 */
export function parseJsonLines(text: string): ExportedMessage[] {
  const messages: ExportedMessage[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `Line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = JsonLinesRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}: ${issue?.path.join('.') || 'the record'} ${issue?.message ?? 'is not valid'}.`);
    }
    const record = parsed.data;
    const payload = base64ToBytes(record.payloadBase64);
    if (record.size !== undefined && record.size !== payload.byteLength) {
      throw new Error(`${where}: size says ${record.size} bytes but the payload has ${payload.byteLength}.`);
    }
    const message: ExportedMessage = {
      id: record.id,
      timeMs: record.timeMs,
      direction: record.direction,
      topic: record.topic,
      qos: record.qos,
      retain: record.retain,
      dup: record.dup,
      payload,
    };
    if (record.packetId !== undefined) message.packetId = record.packetId;
    if (record.properties !== undefined) message.properties = record.properties;
    messages.push(message);
  }
  return messages;
}
