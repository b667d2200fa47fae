import { base64ToBytes, bytesToBase64 } from '../payload/preview';
import { csvRecord, parseCsv } from './csv';
import type { ExportedMessage } from './exported-message';
import { isBase64, isoTime, payloadText } from './exported-message';

/**
 * The CSV export of messages: a header, then one record per message. `payloadBase64` restores the
 * bytes; `text` is the payload when it is valid UTF-8 and empty otherwise (an empty payload has an
 * empty `payloadBase64` as well, which tells the two apart). `properties` is JSON, or empty.
 */
export const MESSAGE_CSV_COLUMNS = [
  'id',
  'time',
  'timeMs',
  'direction',
  'topic',
  'qos',
  'retain',
  'dup',
  'packetId',
  'size',
  'payloadBase64',
  'text',
  'properties',
] as const;

type Column = (typeof MESSAGE_CSV_COLUMNS)[number];

export function messageCsvHeader(): string {
  return csvRecord(MESSAGE_CSV_COLUMNS);
}

export function formatMessageCsv(messages: Iterable<ExportedMessage>): string {
  let out = '';
  for (const message of messages) {
    out += csvRecord([
      String(message.id),
      isoTime(message.timeMs),
      String(message.timeMs),
      message.direction,
      message.topic,
      String(message.qos),
      String(message.retain),
      String(message.dup),
      message.packetId === undefined ? '' : String(message.packetId),
      String(message.payload.byteLength),
      bytesToBase64(message.payload),
      payloadText(message.payload) ?? '',
      message.properties ? JSON.stringify(message.properties) : '',
    ]);
  }
  return out;
}

/** Reads a CSV export back; columns are found by their header, so their order may change. */
export function parseMessageCsv(text: string): ExportedMessage[] {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return [];
  const columnIndex = new Map(header.map((name, index) => [name.trim(), index]));
  const required: Column[] = ['id', 'timeMs', 'direction', 'topic', 'qos', 'retain', 'dup', 'payloadBase64'];
  const missing = required.filter((name) => !columnIndex.has(name));
  if (missing.length > 0) throw new Error(`The CSV header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const messages: ExportedMessage[] = [];
  for (let index = 1; index < records.length; index++) {
    const record = records[index] ?? [];
    // A blank line parses as one empty field; it is not a message.
    if (record.length === 1 && record[0] === '') continue;
    const where = `Message ${index} (record ${index + 1} of the file)`;
    const cell = (name: Column): string => {
      const at = columnIndex.get(name);
      return at === undefined ? '' : (record[at] ?? '');
    };
    messages.push(readRecord(cell, where));
  }
  return messages;
}

function readRecord(cell: (name: Column) => string, where: string): ExportedMessage {
  const integer = (name: Column, min: number, max: number): number => {
    const value = Number(cell(name));
    if (cell(name) === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${where}: ${name} "${cell(name)}" is not a whole number from ${min} to ${max}.`);
    }
    return value;
  };
  const flag = (name: Column): boolean => {
    const value = cell(name);
    if (value !== 'true' && value !== 'false') throw new Error(`${where}: ${name} must be true or false, not "${value}".`);
    return value === 'true';
  };
  const direction = cell('direction');
  if (direction !== 'in' && direction !== 'out') throw new Error(`${where}: direction must be in or out, not "${direction}".`);
  const timeMs = Number(cell('timeMs'));
  if (cell('timeMs') === '' || !Number.isFinite(timeMs)) throw new Error(`${where}: timeMs "${cell('timeMs')}" is not a number.`);
  const base64 = cell('payloadBase64');
  if (!isBase64(base64)) throw new Error(`${where}: payloadBase64 is not valid base64.`);
  const payload = base64ToBytes(base64);
  if (cell('size') !== '' && integer('size', 0, Number.MAX_SAFE_INTEGER) !== payload.byteLength) {
    throw new Error(`${where}: size says ${cell('size')} bytes but the payload has ${payload.byteLength}.`);
  }
  const message: ExportedMessage = {
    id: integer('id', 1, Number.MAX_SAFE_INTEGER),
    timeMs,
    direction,
    topic: cell('topic'),
    qos: integer('qos', 0, 2) as 0 | 1 | 2,
    retain: flag('retain'),
    dup: flag('dup'),
    payload,
  };
  if (cell('packetId') !== '') message.packetId = integer('packetId', 1, 65_535);
  if (cell('properties') !== '') {
    let properties: unknown;
    try {
      properties = JSON.parse(cell('properties'));
    } catch {
      throw new Error(`${where}: properties is not valid JSON.`);
    }
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) throw new Error(`${where}: properties must be a JSON object.`);
    message.properties = properties as Record<string, unknown>;
  }
  return message;
}
